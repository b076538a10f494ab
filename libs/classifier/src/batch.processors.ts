import { Injectable } from '@nestjs/common';
import { BatchesService } from '@qinglang/ingest';
import { MetricsService } from '@qinglang/operations';
import { HandlesJob, JobFailure, JobPayloads, ReconcilableJobHandler } from '@qinglang/queue';

/**
 * Chat, transcript and tip batches move through the same queue and states as media. The text and tip
 * classifiers that score them are the classifier-core issue's work; until they are registered a batch is
 * finished with no signals, and its lines or events are kept for them.
 */
@Injectable()
@HandlesJob('text-batch.process')
export class TextBatchProcessor implements ReconcilableJobHandler<'text-batch.process'> {
  constructor(private readonly batches: BatchesService, private readonly metrics: MetricsService) {}

  async handle({ batchId }: JobPayloads['text-batch.process']): Promise<void> {
    if (await this.batches.textLifecycle.advance(batchId, 'classified')) this.metrics.itemsFinished.inc({ kind: 'text_batch', status: 'classified' });
  }

  async onFailed({ batchId }: JobPayloads['text-batch.process'], failure: JobFailure): Promise<void> {
    await this.batches.textLifecycle.fail(batchId, failure.code, failure.reason);
  }

  async findUnfinished(updatedBefore: Date) {
    return (await this.batches.textLifecycle.unfinished(updatedBefore)).map((b) => ({ batchId: b.id }));
  }
}

@Injectable()
@HandlesJob('tip-batch.process')
export class TipBatchProcessor implements ReconcilableJobHandler<'tip-batch.process'> {
  constructor(private readonly batches: BatchesService, private readonly metrics: MetricsService) {}

  async handle({ batchId }: JobPayloads['tip-batch.process']): Promise<void> {
    if (await this.batches.tipLifecycle.advance(batchId, 'classified')) this.metrics.itemsFinished.inc({ kind: 'tip_batch', status: 'classified' });
  }

  async onFailed({ batchId }: JobPayloads['tip-batch.process'], failure: JobFailure): Promise<void> {
    await this.batches.tipLifecycle.fail(batchId, failure.code, failure.reason);
  }

  async findUnfinished(updatedBefore: Date) {
    return (await this.batches.tipLifecycle.unfinished(updatedBefore)).map((b) => ({ batchId: b.id }));
  }
}
