import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { NsfwModel } from './nsfw-model';
import { TensorflowRuntime, loadTensorflow } from './tensorflow-runtime';

/** Loads TensorFlow.js and the models once per process; workers warm them at boot, the API never needs them. */
@Injectable()
export class ModelRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger('ModelRegistry');
  private runtime?: TensorflowRuntime;
  private nsfwLoading?: Promise<NsfwModel>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    const started = Date.now();
    const model = await this.nsfw();
    this.logger.log({
      message: 'models loaded',
      backend: this.runtime?.backend,
      model: model.name,
      version: model.version,
      ms: Date.now() - started,
    });
  }

  /** The backend in use, or undefined when this process has not loaded TensorFlow.js. */
  get backend(): string | undefined {
    return this.runtime?.backend;
  }

  nsfw(): Promise<NsfwModel> {
    this.nsfwLoading ??= (async () => {
      this.runtime = await loadTensorflow(this.config.ml.backend);
      const model = new NsfwModel(this.runtime);
      await model.load();
      // The first run on a backend compiles its kernels (about 1.3 s on wasm): pay it here, not on a platform's segment.
      const blank = { data: new Uint8Array(224 * 224 * 3), width: 224, height: 224 };
      await model.classify(Array.from({ length: this.config.ml.batchSize }, () => blank));
      return model;
    })();
    return this.nsfwLoading;
  }
}
