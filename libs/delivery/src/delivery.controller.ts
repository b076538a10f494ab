import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@qinglang/operations';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { DeliveryStatus, OutboxEvent } from './outbox-event.entity';
import { Outbox } from './outbox.service';
import { WebhooksService } from './webhooks.service';
import { DeliveryListResponse, DeliveryResponse, SanctionFeedResponse, WebhookResponse } from './delivery.responses';

export class SetWebhookDto {
  @ApiProperty({ example: 'https://platform.example.com/qinglang/events' }) @IsString() @MaxLength(2048) url: string;
}

export class FeedQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'The `cursor` of the previous answer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  since?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class DeliveriesQuery {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed'])
  status?: DeliveryStatus;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export function deliveryView(event: OutboxEvent) {
  return {
    id: event.id,
    type: event.type,
    sequence: event.sequence,
    sanctionId: event.sanctionId,
    status: event.status,
    attempts: event.attempts,
    nextAttemptAt: event.status === 'pending' ? event.nextAttemptAt.toISOString() : null,
    lastError: event.lastError,
    deliveredAt: event.deliveredAt?.toISOString() ?? null,
    createdAt: event.createdAt.toISOString(),
  };
}

@ApiTags('sanctions')
@Controller('v1')
export class DeliveryController {
  constructor(
    private readonly outbox: Outbox,
    private readonly webhooks: WebhooksService,
  ) {}

  @Put('webhook')
  @ApiOperation({
    summary:
      'Set the URL that receives sanction events; answers the signing secret (HMAC-SHA256, header qinglang-signature: t=..,v1=..)',
  })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors({ 400: ['invalid_webhook_url', 'webhook_url_not_allowed'] })
  setWebhook(@CurrentPlatform() platform: Platform, @Body() body: SetWebhookDto) {
    return this.webhooks.set(platform.id, body.url);
  }

  @Get('webhook')
  @ApiOperation({ summary: 'The webhook URL and its signing secret' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors({ 404: ['webhook_not_configured'] })
  async getWebhook(@CurrentPlatform() platform: Platform) {
    return this.webhooks.view(await this.webhooks.get(platform.id));
  }

  @Post('webhook/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret; the old one stops working at once' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiErrors({ 404: ['webhook_not_configured'] })
  rotate(@CurrentPlatform() platform: Platform) {
    return this.webhooks.rotateSecret(platform.id);
  }

  @Get('sanctions')
  @ApiOperation({
    summary:
      'The sanction events (issued, expired, revoked, lifted) after `since`, in order; pass the returned cursor next time',
  })
  @ApiOkResponse({ type: SanctionFeedResponse })
  async feed(@CurrentPlatform() platform: Platform, @Query() query: FeedQuery) {
    const events = await this.outbox.feed(platform.id, query.since ?? 0, query.limit ?? 100);
    return {
      events: events.map((e) => JSON.parse(e.payload) as unknown),
      cursor: events.at(-1)?.sequence ?? query.since ?? 0,
    };
  }

  @Get('deliveries')
  @ApiOperation({
    summary: "The platform's webhook deliveries, newest first; `status=failed` lists those that kept failing",
  })
  @ApiOkResponse({ type: DeliveryListResponse })
  async deliveries(@CurrentPlatform() platform: Platform, @Query() query: DeliveriesQuery) {
    return {
      deliveries: (await this.outbox.list({ platformId: platform.id, status: query.status }, query.limit ?? 100)).map(
        deliveryView,
      ),
    };
  }

  @Post('deliveries/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a delivery again from scratch (after fixing the endpoint)' })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiErrors({ 404: ['delivery_not_found'] })
  async replay(@CurrentPlatform() platform: Platform, @Param('id') id: string) {
    return deliveryView(await this.outbox.replay(id, { kind: 'platform', id: platform.id }, platform.id));
  }
}
