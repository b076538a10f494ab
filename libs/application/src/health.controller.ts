import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { ModelRegistry } from '@qinglang/classifier';
import { FfmpegService } from '@qinglang/media';
import { PublicRoute } from '@qinglang/operations';
import { QUEUE_DRIVER, QueueDriver, WorkerReadiness, withTimeout } from '@qinglang/queue';
import { MediaStore } from '@qinglang/storage';
import { healthVerdict } from './health-verdict';
import { HealthResponse, HealthUnavailableResponse } from './health.responses';

/** Per check; they run side by side, so the whole answer comes within this and a little more. */
const HEALTH_CHECK_MS = 1500;

/**
 * One entry per dependency: database, queue (and Redis behind it), media store, ffmpeg, the porn model's runtime,
 * and the models this process loads (`models`). 503 with status `starting` until those are loaded (the process
 * listens at once and loads them after), with `unavailable` when a dependency is down.
 */
@ApiTags('operations')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly ffmpeg: FfmpegService,
    private readonly models: ModelRegistry,
    private readonly storage: MediaStore,
    private readonly readiness: WorkerReadiness,
  ) {}

  @Get()
  // Above Terminus's own decorator, which documents a generic report: these name the codes and states.
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthUnavailableResponse, description: 'Starting, or a dependency down' })
  @HealthCheck()
  @ApiOperation({
    summary: "Health of each dependency; 503 when one is down, or with code 'starting' while models load",
  })
  async check(@Res({ passthrough: true }) response: Response) {
    try {
      return await this.checks();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // Terminus's own body (what is up, what is down and why), with the code and message every error carries.
      const report = error.getResponse() as { error?: Record<string, unknown> };
      const { status, code, message } = healthVerdict(Object.keys(report.error ?? {}), this.readiness.status());
      response.status(503).setHeader('Retry-After', status === 'starting' ? '2' : '5');
      return { code, message, ...report, status };
    }
  }

  private checks() {
    // Each check gets at most HEALTH_CHECK_MS, so /health answers within 2 s naming what is down, whatever hangs.
    return this.health.check([
      async () => {
        const result = await this.database.pingCheck('database', { timeout: HEALTH_CHECK_MS });
        return {
          database: { ...result.database, type: this.config.database.type === 'sqlite' ? 'sqlite' : 'postgres' },
        };
      },
      async () => {
        const session = this.indicators.check('queue');
        try {
          // Job counts are a round trip too: they prove the queue's keys are readable.
          const jobs = await withTimeout(
            this.queue.ping().then(() => this.queue.counts()),
            HEALTH_CHECK_MS,
            'Redis',
          );
          return session.up({
            driver: this.queue.name,
            redis: this.config.queue.driver === 'bullmq' ? 'up' : 'not used',
            jobs,
          });
        } catch (error) {
          return session.down({ driver: this.queue.name, error: String(error) });
        }
      },
      async () => {
        // The media store: files under DATA_DIR, or a bucket that must answer (HeadBucket) within the same bound.
        const session = this.indicators.check('storage');
        // Aborted once this answer is given, so a bucket endpoint that never answers leaves no request behind.
        const abort = new AbortController();
        try {
          const storage = await withTimeout(this.storage.check(abort.signal), HEALTH_CHECK_MS, 'The media store');
          return session.up({ ...storage });
        } catch (error) {
          return session.down({ driver: this.storage.driver, error: error instanceof Error ? error.message : 'down' });
        } finally {
          abort.abort();
        }
      },
      async () =>
        this.indicators.check('ffmpeg').up({
          path: this.ffmpeg.binary.path,
          source: this.ffmpeg.binary.source,
          version: this.ffmpeg.binary.version,
        }),
      async () => {
        // Still named `tensorflow` so existing checks of `tensorflow.backend` hold; `runtime` says which one runs.
        const session = this.indicators.check('tensorflow');
        if (this.config.role === 'api') return session.up({ backend: 'not loaded (this process only serves the API)' });
        const runtime = this.models.runtime;
        return runtime ? session.up({ ...runtime }) : session.down({ backend: 'loading' });
      },
      async () => {
        // What this process loads before it is ready: each check pending, loading, ready or failed (see main.ts).
        const session = this.indicators.check('models');
        // A failure's error stays in the log: it may name a server path.
        const { state, checks } = this.readiness.status();
        return state === 'ready' ? session.up({ state, checks }) : session.down({ state, checks });
      },
    ]);
  }
}
