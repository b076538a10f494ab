import { Injectable } from '@nestjs/common';
import { PostsService, StreamsService, TrackedItems } from '@qinglang/ingest';
import { MetricsService } from '@qinglang/operations';
import { HandlesJob, JobFailure, JobHandler, JobPayloads } from '@qinglang/queue';
import { FlaggingService } from './flagging.service';

type Payload = JobPayloads['subject.flag'];

/**
 * The flag hop, last stage of every item: once an item's signals are stored, its subject's flags are evaluated
 * and the item is finished. A failure here fails the item with its reason, like any other stage.
 */
@Injectable()
@HandlesJob('subject.flag')
export class SubjectFlagProcessor implements JobHandler<'subject.flag'> {
  constructor(
    private readonly flagging: FlaggingService,
    private readonly streams: StreamsService,
    private readonly posts: PostsService,
    private readonly items: TrackedItems,
    private readonly metrics: MetricsService,
  ) {}

  async handle({ subjectKind, subjectId, item }: Payload): Promise<void> {
    const lifecycle = this.items.of(item.kind);
    const row = await lifecycle.get(item.id);
    if (!row || row.stage !== 'flagging') return;
    const owner = subjectKind === 'stream' ? await this.streams.findById(subjectId) : await this.posts.lifecycle.get(subjectId);
    if (owner) await this.flagging.evaluate({ kind: subjectKind, id: subjectId, platformId: owner.platformId, accountId: owner.accountId });
    if (await lifecycle.advance(item.id, 'classified')) this.metrics.itemsFinished.inc({ kind: item.kind, status: 'classified' });
  }

  async onFailed({ item }: Payload, failure: JobFailure): Promise<void> {
    if (await this.items.of(item.kind).fail(item.id, failure.code, failure.reason)) this.metrics.itemsFinished.inc({ kind: item.kind, status: 'failed' });
  }
}
