import { Injectable } from '@nestjs/common';
import { BatchesService } from '@qinglang/ingest';
import { HandlesJob, JobFailure, JobPayloads, JobQueue, ReconcilableJobHandler } from '@qinglang/queue';

/**
 * Chat, transcript and tip batches move through the same queue and states as media, ending with the stream's
 * flag evaluation. The text and tip classifiers that will add signals here are the classifier-core issue's
 * work; until they are registered a batch adds no signals, and its lines or events are kept for them.
 */
@Injectable()
@HandlesJob('text-batch.process')
export class TextBatchProcessor implements ReconcilableJobHandler<'text-batch.process'> {
  constructor(private readonly batches: BatchesService, private readonly queue: JobQueue) {}

  async handle({ batchId }: JobPayloads['text-batch.process']): Promise<void> {
    const batch = await this.batches.textLifecycle.get(batchId);
    if (!batch || batch.stage === 'classified' || batch.stage === 'failed') return;
    await this.batches.textLifecycle.advance(batchId, 'flagging');
    await this.queue.enqueue('subject.flag', { subjectKind: 'stream', subjectId: batch.streamId, item: { kind: 'text_batch', id: batchId } });
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
  constructor(private readonly batches: BatchesService, private readonly queue: JobQueue) {}

  async handle({ batchId }: JobPayloads['tip-batch.process']): Promise<void> {
    const batch = await this.batches.tipLifecycle.get(batchId);
    if (!batch || batch.stage === 'classified' || batch.stage === 'failed') return;
    await this.batches.tipLifecycle.advance(batchId, 'flagging');
    await this.queue.enqueue('subject.flag', { subjectKind: 'stream', subjectId: batch.streamId, item: { kind: 'tip_batch', id: batchId } });
  }

  async onFailed({ batchId }: JobPayloads['tip-batch.process'], failure: JobFailure): Promise<void> {
    await this.batches.tipLifecycle.fail(batchId, failure.code, failure.reason);
  }

  async findUnfinished(updatedBefore: Date) {
    return (await this.batches.tipLifecycle.unfinished(updatedBefore)).map((b) => ({ batchId: b.id }));
  }
}
