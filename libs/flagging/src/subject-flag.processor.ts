import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { BatchesService, PostsService, StreamsService, TrackedItems } from '@qinglang/ingest';
import { MetricsService } from '@qinglang/operations';
import { HandlesJob, JobFailure, JobHandler, JobPayloads, JobQueue } from '@qinglang/queue';
import type { FlaggedItem } from '@qinglang/queue';
import { SignalsService } from '@qinglang/classifier';
import { FlaggingService } from './flagging.service';

type Payload = JobPayloads['subject.flag'];

/**
 * A subject's next evaluation begins five times as long after its last one began as that one took (so a busy chat
 * room spends at most a fifth of the time in its flag hop, whose reads grow with the evidence in the policy
 * window), at least FLAG_HOP_MIN_INTERVAL_MS and at most FLAG_HOP_MAX_INTERVAL_MS after it. Items that reach
 * `flagging` meanwhile are finished by that next evaluation. So a flag is raised at most FLAG_HOP_MAX_INTERVAL_MS
 * plus one evaluation after its item's signals are stored.
 */
export const FLAG_HOP_MIN_INTERVAL_MS = 100;
export const FLAG_HOP_MAX_INTERVAL_MS = 2000;

interface SubjectEvaluations {
  /** The evaluation under way, or waiting its turn. */
  running?: Promise<void>;
  /** When the next one may begin. */
  nextAt: number;
}

/**
 * The flag hop, last stage of every item: once an item's signals are stored, its subject's flags are evaluated
 * and the item is finished. A failure here fails the item with its reason, like any other stage.
 *
 * One evaluation covers every item whose signals were stored before it began: a stream's chat and transcript
 * batches found at `flagging` before its signals are read are finished with it, and their own jobs then find
 * them finished. In one process a subject is evaluated once at a time, and not again at once (see
 * FLAG_HOP_MIN_INTERVAL_MS); a job that comes meanwhile waits for the next evaluation.
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
    private readonly batches: BatchesService,
  ) {}

  /** Per subject, in this process. */
  private readonly evaluations = new Map<string, SubjectEvaluations>();

  async handle({ subjectKind, subjectId, item, newSignals }: Payload): Promise<void> {
    const lifecycle = this.items.of(item.kind);
    const row = await lifecycle.get(item.id);
    if (!row || row.stage !== 'flagging') return;
    // Nothing new against the subject (a batch of ordinary chat): its flags are as they were.
    if (newSignals === 0) return this.finish(item);
    const key = `${subjectKind}:${subjectId}`;
    for (;;) {
      const state = this.evaluations.get(key);
      if (!state?.running) break;
      await state.running.catch(() => undefined);
      // The evaluation just done may have finished this item too.
      if ((await lifecycle.get(item.id))?.stage !== 'flagging') return;
    }
    const state = this.evaluations.get(key) ?? { nextAt: 0 };
    const running = this.evaluateAndFinish(subjectKind, subjectId, item, state);
    state.running = running;
    this.evaluations.set(key, state);
    try {
      await running;
    } finally {
      state.running = undefined;
      if (this.evaluations.size > 1000) this.forgetIdleSubjects();
    }
  }

  /** Subjects not evaluated lately need no entry: their next evaluation may start at once anyway. */
  private forgetIdleSubjects(): void {
    const now = Date.now();
    for (const [key, state] of this.evaluations) if (!state.running && state.nextAt < now) this.evaluations.delete(key);
  }

  private async evaluateAndFinish(
    subjectKind: Payload['subjectKind'],
    subjectId: string,
    item: FlaggedItem,
    state: SubjectEvaluations,
  ): Promise<void> {
    const wait = state.nextAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const startedAt = Date.now();
    state.nextAt = startedAt + FLAG_HOP_MIN_INTERVAL_MS;
    // Read before the signals: each of these batches stored its signals before it reached `flagging`.
    const waiting = subjectKind === 'stream' ? await this.batches.textBatchesAwaitingFlags(subjectId) : [];
    await this.evaluateSubject(subjectKind, subjectId);
    const took = Date.now() - startedAt;
    await new Promise((resolve) => setImmediate(resolve)); // the sweep below is a run of writes: let requests in first
    state.nextAt = startedAt + Math.min(FLAG_HOP_MAX_INTERVAL_MS, Math.max(FLAG_HOP_MIN_INTERVAL_MS, 5 * took));
    await this.finish(item);
    for (const [i, id] of waiting.entries()) {
      if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
      if (id !== item.id) await this.finish({ kind: 'text_batch', id });
    }
  }

  private async evaluateSubject(subjectKind: Payload['subjectKind'], subjectId: string): Promise<void> {
    const owner =
      subjectKind === 'stream' ? await this.streams.findById(subjectId) : await this.posts.lifecycle.get(subjectId);
    if (!owner) return;
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
    await new Promise((resolve) => setImmediate(resolve));
    await this.evaluateAccount(owner.platformId, owner.accountId);
  }

  private async finish(item: FlaggedItem): Promise<void> {
    if (await this.items.of(item.kind).advance(item.id, 'classified'))
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
