import { Injectable, OnModuleInit } from '@nestjs/common';
import { WorkerReadiness } from '@qinglang/queue';
import { FrameAnalysisService } from './frame-analysis.service';
import { ModelRegistry } from './model-registry.service';

/** Tells the worker service what must be loaded before this process takes jobs: the porn model and its threads. */
@Injectable()
export class ClassifierReadiness implements OnModuleInit {
  constructor(
    private readonly readiness: WorkerReadiness,
    private readonly models: ModelRegistry,
    private readonly frameAnalysis: FrameAnalysisService,
  ) {}

  onModuleInit(): void {
    this.readiness.register('porn model', () => this.models.nsfw());
    this.readiness.register('frame analysis threads', () => this.frameAnalysis.ready());
  }
}
