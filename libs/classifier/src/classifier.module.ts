import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IngestModule, ITEM_RESULTS } from '@qinglang/ingest';
import { MediaModule } from '@qinglang/media';
import { Signal } from './signal.entity';
import { SignalsService } from './signals.service';
import { ModelRegistry } from './model-registry.service';
import { FrameClassifier } from './frame-classifier.service';
import { SegmentClassifyProcessor } from './segment-classify.processor';
import { PostClassifyProcessor } from './post-classify.processor';
import { TextBatchProcessor, TipBatchProcessor } from './batch.processors';
import { ItemResultsService } from './item-results.service';
import { TextSignals } from './text-signals.service';
import { FrameTextService } from './frame-text.service';
import { FrameAnalysisService } from './frame-analysis.service';
import { TipSignals } from './tips/tip-signals.service';
import { ClassifyTextController } from './classify-text.controller';
import { PlatformsModule } from '@qinglang/platforms';
import { EntityBankModule } from '@qinglang/entity-bank';
import { BankSignals } from './bank-signals.service';
import { ClassifierReadiness } from './classifier-readiness';

// Global so ingest's controllers can read results through ITEM_RESULTS without importing this module (which
// depends on ingest): the dependency points downstream only.
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Signal]), IngestModule, MediaModule, PlatformsModule, EntityBankModule],
  controllers: [ClassifyTextController],
  providers: [
    SignalsService,
    ModelRegistry,
    FrameTextService,
    FrameAnalysisService,
    FrameClassifier,
    TextSignals,
    BankSignals,
    TipSignals,
    SegmentClassifyProcessor,
    PostClassifyProcessor,
    TextBatchProcessor,
    TipBatchProcessor,
    ClassifierReadiness,
    { provide: ITEM_RESULTS, useClass: ItemResultsService },
  ],
  exports: [ModelRegistry, FrameAnalysisService, SignalsService, TextSignals, BankSignals, ITEM_RESULTS],
})
export class ClassifierModule {}
