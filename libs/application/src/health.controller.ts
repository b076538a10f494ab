import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { ModelRegistry } from '@qinglang/classifier';
import { FfmpegService } from '@qinglang/media';
import { PublicRoute } from '@qinglang/operations';
import { QUEUE_DRIVER, QueueDriver } from '@qinglang/queue';

/** One entry per dependency: database, queue (and Redis behind it), ffmpeg and the porn model's runtime. */
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
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Health of each dependency; 503 when one is down' })
  check() {
    return this.health.check([
      async () => {
        const result = await this.database.pingCheck('database', { timeout: 3000 });
        return {
          database: { ...result.database, type: this.config.database.type === 'sqlite' ? 'sqlite' : 'postgres' },
        };
      },
      async () => {
        const session = this.indicators.check('queue');
        try {
          await this.queue.ping();
          const jobs = await this.queue.counts();
          return session.up({
            driver: this.queue.name,
            redis: this.config.queue.driver === 'bullmq' ? 'up' : 'not used',
            jobs,
          });
        } catch (error) {
          return session.down({ driver: this.queue.name, error: String(error) });
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
    ]);
  }
}
