import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@qinglang/config';
import { ApiError } from './api-error';
import { metricsAllowed } from './metrics-access';
import { MetricsService } from './metrics.service';
import { PublicRoute } from './public-route.decorator';

@ApiExcludeController()
@PublicRoute()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  scrape(
    @Res({ passthrough: true }) response: Response,
    @Headers('authorization') authorization?: string,
  ): Promise<string> {
    if (!metricsAllowed(authorization, this.config.metricsToken))
      throw new ApiError(401, 'metrics_token_required', 'Send the METRICS_TOKEN as "Authorization: Bearer <token>".');
    // Set here, not by decorator: a refusal must still go out as JSON.
    response.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    return this.metrics.registry.metrics();
  }
}
