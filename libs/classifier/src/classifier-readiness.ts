import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { WorkerReadiness } from '@qinglang/queue';
import { FrameAnalysisService } from './frame-analysis.service';
import { FrameTextService } from './frame-text.service';
import { ModelRegistry } from './model-registry.service';
import { TextSignals } from './text-signals.service';

/**
 * What this process must load before it is ready (see WorkerReadiness): where queue workers run, the porn model,
 * the frame analysis threads (the porn model, OCR and QR in each) and OCR where frames are read on this thread;
 * and the text classifier's screening threads (this thread's classifier is built with its service, before).
 */
@Injectable()
export class ClassifierReadiness implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: WorkerReadiness,
    private readonly models: ModelRegistry,
    private readonly frameAnalysis: FrameAnalysisService,
    private readonly frameText: FrameTextService,
    private readonly text: TextSignals,
  ) {}

  onModuleInit(): void {
    if (this.config.role !== 'api') {
      // Loaded at boot already (ModelRegistry): the check shares that load, or its failure.
      this.readiness.register('porn model', () => this.models.nsfw());
      this.readiness.register('frame analysis threads', () => this.frameAnalysis.ready());
      if (this.frameText.readsOnThisThread) this.readiness.register('OCR', () => this.frameText.warmUp());
    }
    if (this.config.role !== 'api') this.readiness.register('text classifier', () => this.text.warmUp());
  }
}
