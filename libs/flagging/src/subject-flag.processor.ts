import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { PostsService, StreamsService, TrackedItems } from '@qinglang/ingest';
import { MetricsService } from '@qinglang/operations';
import { HandlesJob, JobFailure, JobHandler, JobPayloads, JobQueue } from '@qinglang/queue';
import { SignalsService } from '@qinglang/classifier';
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
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly flagging: FlaggingService,
    private readonly streams: StreamsService,
    private readonly posts: PostsService,
    private readonly items: TrackedItems,
    private readonly signals: SignalsService,
    private readonly metrics: MetricsService,
    private readonly queue: JobQueue,
  ) {}

  async handle({ subjectKind, subjectId, item, newSignals }: Payload): Promise<void> {
    const lifecycle = this.items.of(item.kind);
    const row = await lifecycle.get(item.id);
    if (!row || row.stage !== 'flagging') return;
    // Nothing new against the subject (a batch of ordinary chat): its flags are as they were.
    const owner =
      newSignals === 0
        ? null
        : subjectKind === 'stream'
          ? await this.streams.findById(subjectId)
          : await this.posts.lifecycle.get(subjectId);
    if (owner) {
      const live = 'status' in owner && owner.status === 'live';
      const audience = 'viewerCount' in owner ? owner.viewerCount : 0;
      const subject = {
        kind: subjectKind,
        id: subjectId,
        platformId: owner.platformId,
        accountId: owner.accountId,
        audience,
      };
      // A stream's viewers are evaluated too (clusters, viewer flags); a post has only its author.
      const flags =
        subjectKind === 'stream' ? await this.flagging.evaluateStream(subject) : await this.flagging.evaluate(subject);
      // Before review, only where policy allows it: a live stream whose flag is past the auto-action threshold on
      // the streamer's own content.
      for (const flag of flags)
        if (live && (await this.flagging.meetsAutoAction(flag)))
          await this.queue.enqueue('flag.auto-action', { flagId: flag.id });
      await this.evaluateAccount(owner.platformId, owner.accountId);
    }
    if (await lifecycle.advance(item.id, 'classified'))
      this.metrics.itemsFinished.inc({ kind: item.kind, status: 'classified' });
  }

  /**
   * The account across its streams and posts: weak evidence spread over several of them can add up to a flag
   * that no single stream or post reaches. Only evidence from two or more subjects that no stream or post flag
   * holds counts, so an account flag never repeats a stream's flag (one conduct, one strike).
   */
  async evaluateAccount(platformId: string, accountId: string): Promise<void> {
    const subjects = async () => [
      ...(await this.streams.idsOfAccount(accountId)),
      ...(await this.posts.idsOfAccount(accountId)),
    ];
    await this.flagging.evaluate({ kind: 'account', id: accountId, platformId, accountId }, this.clock.now(), {
      signalsSince: async (since) => this.signals.forSubjects(await subjects(), since),
      minSubjects: 2,
      excludeHeldBy: ['stream', 'post'],
    });
  }

  async onFailed({ item }: Payload, failure: JobFailure): Promise<void> {
    if (await this.items.of(item.kind).fail(item.id, failure.code, failure.reason))
      this.metrics.itemsFinished.inc({ kind: item.kind, status: 'failed' });
  }
}
