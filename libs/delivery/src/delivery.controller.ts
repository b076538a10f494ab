import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CurrentPlatform, Platform } from '@qinglang/platforms';
import { DeliveryStatus, OutboxEvent } from './outbox-event.entity';
import { Outbox } from './outbox.service';
import { WebhooksService } from './webhooks.service';

export class SetWebhookDto {
  @ApiProperty({ example: 'https://platform.example.com/qinglang/events' }) @IsString() @MaxLength(2048) url: string;
}

export class FeedQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) since?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class DeliveriesQuery {
  @IsOptional() @IsIn(['pending', 'delivered', 'failed']) status?: DeliveryStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
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
@ApiBearerAuth()
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
  setWebhook(@CurrentPlatform() platform: Platform, @Body() body: SetWebhookDto) {
    return this.webhooks.set(platform.id, body.url);
  }

  @Get('webhook')
  async getWebhook(@CurrentPlatform() platform: Platform) {
    return this.webhooks.view(await this.webhooks.get(platform.id));
  }

  @Post('webhook/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret; the old one stops working at once' })
  rotate(@CurrentPlatform() platform: Platform) {
    return this.webhooks.rotateSecret(platform.id);
  }

  @Get('sanctions')
  @ApiOperation({
    summary:
      'The sanction events (issued, expired, revoked, lifted) after `since`, in order; pass the returned cursor next time',
  })
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
  async replay(@CurrentPlatform() platform: Platform, @Param('id') id: string) {
    return deliveryView(await this.outbox.replay(id, { kind: 'platform', id: platform.id }, platform.id));
  }
}
