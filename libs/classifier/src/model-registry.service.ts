import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { NsfwClassifier, NsfwModel } from './nsfw-model';
import { OnnxNsfwModel } from './onnx-nsfw-model';
import { loadTensorflow } from './tensorflow-runtime';

/** Which runtime runs the porn model in this process: for /health and the start-up log. */
export interface ModelRuntimeInfo {
  runtime: string;
  backend: string;
  model: string;
  version: string;
}

/**
 * Loads the porn model once per process where queue workers run, at boot (the process that serves the API has
 * bound its port before: it answers `starting` meanwhile, see apps/api/src/main.ts), so requests served later do
 * not wait while this thread loads it; the API process never needs it. The default is the ONNX
 * export on onnxruntime-node (same weights and outputs, several times faster than TF.js on WebAssembly); TF.js
 * runs it when TF_BACKEND pins a backend, or when onnxruntime-node or the ONNX file cannot be loaded here.
 */
@Injectable()
export class ModelRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger('ModelRegistry');
  private nsfwLoading?: Promise<NsfwClassifier>;
  private loaded?: NsfwClassifier;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    const started = Date.now();
    await this.nsfw();
    this.logger.log({ message: 'models loaded', ...this.runtime, ms: Date.now() - started });
  }

  /** The backend in use, or undefined when this process has not loaded the model. */
  get backend(): string | undefined {
    return this.loaded?.backend;
  }

  /** Runtime, backend and model version in use, or undefined when this process has not loaded the model. */
  get runtime(): ModelRuntimeInfo | undefined {
    const model = this.loaded;
    return model && { runtime: model.runtime, backend: model.backend, model: model.name, version: model.version };
  }

  nsfw(): Promise<NsfwClassifier> {
    this.nsfwLoading ??= (async () => {
      const model = this.config.ml.backend
        ? await this.warm(await this.tensorflowModel())
        : await this.onnxOrTensorflow();
      this.loaded = model;
      return model;
    })();
    // A failed load is not kept: the next caller (a readiness check tried again, a job retried) loads afresh.
    this.nsfwLoading.catch(() => (this.nsfwLoading = undefined));
    return this.nsfwLoading;
  }

  private async onnxOrTensorflow(): Promise<NsfwClassifier> {
    const model = new OnnxNsfwModel();
    try {
      await model.load();
      return await this.warm(model);
    } catch (error) {
      // A missing file, a CPU the bundled library does not run on, or a sandbox that breaks the addon's arrays.
      this.logger.warn({
        message: 'onnxruntime-node cannot run the model, using TensorFlow.js',
        error: String(error).slice(0, 300),
      });
      await model.close();
      return this.warm(await this.tensorflowModel());
    }
  }

  private async tensorflowModel(): Promise<NsfwClassifier> {
    const model = new NsfwModel(await loadTensorflow(this.config.ml.backend));
    await model.load();
    return model;
  }

  /** The first run compiles kernels or plans memory (about 1.3 s on wasm): paid here, not on a platform's segment. */
  private async warm(model: NsfwClassifier): Promise<NsfwClassifier> {
    const blank = { data: new Uint8Array(224 * 224 * 3), width: 224, height: 224 };
    await model.classify(Array.from({ length: this.config.ml.batchSize }, () => blank));
    return model;
  }
}
