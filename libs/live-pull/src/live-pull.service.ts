import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { SegmentsService, StreamSourcesService, publicWorkerId } from '@qinglang/ingest';
import type { StreamSource } from '@qinglang/ingest';
import { FfmpegService } from '@qinglang/media';
import { PeriodicPass, PermanentJobError } from '@qinglang/queue';
import { MediaStore } from '@qinglang/storage';
import { pullByCutting } from './cut-puller';
import { pullHls } from './hls-puller';
import { PullEnded, PullSession, PulledPiece, SourceGone, pause } from './pull-session';
import { reconnectDelayMs } from './reconnect';
import { fairShare } from './fair-share';
import { LiveWorkersService } from './live-workers.service';
import { SamplingPlanner } from './sampling-planner.service';

interface RunningPull {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Pulls the live streams this worker process holds. Streams are shared between any number of workers through
 * leases on their source rows: every pass renews the leases held, lets go of streams that were lost or stopped,
 * and takes free ones up to LIVE_PULL_CAPACITY. A worker that dies stops renewing, and its streams move to
 * others when the lease lapses.
 */
@Injectable()
export class LivePullService implements OnApplicationBootstrap, OnApplicationShutdown {
  /** This process, as the lease owner and as the stream view's `worker`. */
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('LivePull');
  private readonly running = new Map<string, RunningPull>();
  private readonly periodic = new PeriodicPass('LivePull', () => this.maintain());

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: StreamSourcesService,
    private readonly workers: LiveWorkersService,
    private readonly sampling: SamplingPlanner,
    private readonly segments: SegmentsService,
    private readonly ffmpeg: FfmpegService,
    private readonly storage: MediaStore,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api' || this.config.live.capacity === 0) return;
    this.logger.log({
      message: 'pulling live streams',
      workerId: this.workerId,
      shownAs: publicWorkerId(this.workerId),
    });
    // Renew well inside the lease, so a busy pass never lets a held stream lapse.
    this.periodic.start(Math.max(200, Math.floor(this.config.live.leaseMs / 3)));
    void this.periodic.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
    const held = [...this.running.keys()];
    for (const pull of this.running.values()) pull.controller.abort();
    await Promise.all([...this.running.values()].map((p) => p.done));
    // Let go at once, so another worker need not wait for the leases to lapse.
    for (const streamId of held) await this.sources.release(this.workerId, streamId);
    await this.workers.leave(this.workerId);
  }

  /** One pass: renew, drop what is no longer ours, take more up to capacity. Returns how many it took. */
  async maintain(): Promise<number> {
    const { leaseMs, capacity, claimPerPass } = this.config.live;
    const totalCapacity = await this.workers.heartbeat(this.workerId, capacity, leaseMs);
    const held = await this.sources.renew(this.workerId, [...this.running.keys()], leaseMs);
    for (const [streamId, pull] of this.running) if (!held.has(streamId)) pull.controller.abort();
    const share = fairShare(await this.sources.countActive(), capacity, totalCapacity);
    // Above its share by more than one (a worker joined): give one back, which another worker then takes.
    if (this.running.size > share + 1) this.giveBack([...this.running.keys()].at(-1)!);
    const room = Math.min(share - this.running.size, claimPerPass);
    const claimed = await this.sources.claim(this.workerId, room, leaseMs);
    for (const source of claimed) this.start(source);
    return claimed.length;
  }

  /** Stops one pull and lets the stream go once it has stopped, without holding up the pass (and its renewals). */
  private giveBack(streamId: string): void {
    const pull = this.running.get(streamId);
    if (!pull) return;
    pull.controller.abort();
    void pull.done.then(() => this.sources.release(this.workerId, streamId)).catch(() => undefined);
  }

  private start(source: StreamSource): void {
    const controller = new AbortController();
    const done = this.run(source, controller.signal)
      .catch((error: unknown) =>
        this.logger.error({ message: 'pull crashed', streamId: source.streamId, error: String(error) }),
      )
      .finally(() => this.running.delete(source.streamId));
    this.running.set(source.streamId, { controller, done });
  }

  /** Pulls until the stream ends, fails for good, or is lost; reconnects with backoff in between. */
  private async run(source: StreamSource, signal: AbortSignal): Promise<void> {
    const session = this.session(source, signal);
    let failingSince: number | null = null;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        await this.pullOnce(session);
        return; // stopped: lost or aborted
      } catch (error) {
        if (signal.aborted) return;
        const ended = asEnding(error);
        if (ended) {
          await this.sources.setState(this.workerId, source.streamId, ended.state, ended.message);
          this.logger.log({ message: `pull ${ended.state}`, streamId: source.streamId, reason: ended.message });
          return;
        }
        const reason = error instanceof Error ? error.message : String(error);
        failingSince ??= Date.now();
        if (session.tookSince(failingSince)) {
          failingSince = Date.now();
          attempt = 0;
        }
        if (Date.now() - failingSince > this.config.live.reconnectGraceMs) {
          // Gone for the whole grace period: the stream is over; any other failure that long: it failed.
          const gone = error instanceof SourceGone;
          await this.sources.setState(
            this.workerId,
            source.streamId,
            gone ? 'ended' : 'failed',
            gone ? reason : `Gave up reconnecting: ${reason}`,
          );
          return;
        }
        await session.failing(reason);
        await pause(reconnectDelayMs(attempt++), signal);
      }
    }
  }

  private pullOnce(session: PullSession & { tookSince(t: number): boolean }): Promise<void> {
    const { live, media } = this.config;
    const common = {
      maxPieceBytes: media.maxUploadBytes,
      maxBitrateKbps: live.maxBitrateKbps,
      requestTimeoutMs: media.fetchTimeoutMs,
      stallMs: live.stallMs,
    };
    if (session.source.protocol === 'hls') return pullHls(session, { ...common, maxPlaylistBytes: 1024 * 1024 });
    return pullByCutting(session, session.source.protocol, {
      ...common,
      ffmpegPath: this.ffmpeg.binary.path,
      pieceSeconds: live.pieceSeconds,
    });
  }

  /** Best effort: when the store fails this too, the pull's own error is what matters; the path is logged. */
  private async removeUnrecorded(mediaPath: string): Promise<void> {
    await this.storage.remove(mediaPath).catch((error: unknown) =>
      this.logger.warn({
        message: 'could not remove a pulled piece that was not recorded',
        mediaPath,
        error: String(error),
      }),
    );
  }

  private session(source: StreamSource, signal: AbortSignal): PullSession & { tookSince(t: number): boolean } {
    let offsetMs = source.offsetMs;
    let lastSequence = source.lastSequence;
    let lastTakeAt = 0;
    let connected = false;
    const owner = this.workerId;
    return {
      source,
      signal,
      addresses: this.config.live,
      directory: `media/${source.platformId}/pulls/${source.streamId}`,
      get offsetMs() {
        return offsetMs;
      },
      get lastSequence() {
        return lastSequence;
      },
      // Written where the store stages files: in place under DATA_DIR, or in scratch until put in the bucket.
      absolute: (path) => this.storage.staging(path),
      take: async (piece: PulledPiece) => {
        const staged = this.storage.staging(piece.mediaPath);
        let planned: Awaited<ReturnType<SamplingPlanner['tierOf']>>;
        try {
          planned = await this.sampling.tierOf(source.streamId);
          await this.storage.adopt(staged, piece.mediaPath);
        } catch (error) {
          // Not stored (the bucket away): the staged file goes now, not hours later with the stale scratch. On
          // the local driver it is staged in its final place, which no row names yet.
          await rm(staged, { force: true });
          // A PUT the client gave up on may still have landed: no row will name it (the path is new, with a random
          // part), so it is removed too, or it would stay in the bucket where retention, which reads rows, never looks.
          await this.removeUnrecorded(piece.mediaPath);
          throw error;
        }
        const { tier, intervalMs } = planned;
        const { created, segment } = await this.segments
          .acceptPulled(
            {
              platformId: source.platformId,
              streamId: source.streamId,
              pieceKey: piece.key,
              startOffsetMs: offsetMs,
              sampleIntervalMs: intervalMs,
              durationMs: piece.durationMs,
            },
            { mediaPath: piece.mediaPath, sizeBytes: piece.sizeBytes, sourceUrl: source.url },
          )
          .catch(async (error: unknown) => {
            // acceptPulled throws only before its row is in (enqueueing after the insert never throws): the
            // stored piece has no row and is removed, or it would stay in the bucket for ever.
            await this.removeUnrecorded(piece.mediaPath);
            throw error;
          });
        // A piece taken before (a worker died between queuing it and recording it): the stream time goes on from
        // where that piece ends, so no two pieces of the stream share a time.
        offsetMs = created ? offsetMs + piece.durationMs : Math.max(offsetMs, segment.startOffsetMs + piece.durationMs);
        if (piece.sequence !== undefined) lastSequence = piece.sequence;
        lastTakeAt = Date.now();
        connected = true;
        return this.sources.recordPiece(owner, source.streamId, {
          offsetMs,
          lastSequence: piece.sequence,
          samplingTier: tier,
          sampleIntervalMs: intervalMs,
        });
      },
      connected: async () => {
        if (!connected) await this.sources.setState(owner, source.streamId, 'pulling');
        connected = true;
      },
      failing: async (reason: string) => {
        connected = false;
        await this.sources.setState(owner, source.streamId, 'reconnecting', reason);
      },
      tookSince: (t: number) => lastTakeAt >= t,
    };
  }
}

/** A permanent end: the puller said so, or the address guard refused a URL (no retry makes it allowed). */
function asEnding(error: unknown): PullEnded | null {
  if (error instanceof PullEnded) return error;
  if (error instanceof PermanentJobError) return new PullEnded('failed', error.message);
  return null;
}
