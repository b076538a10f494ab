import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@qinglang/audit';
import { PlatformsModule } from '@qinglang/platforms';
import { OutboxEvent } from './outbox-event.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { Outbox } from './outbox.service';
import { WebhooksService } from './webhooks.service';
import { DeliveryDispatcher } from './delivery-dispatcher.service';
import { DeliveryController } from './delivery.controller';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent, WebhookEndpoint]), AuditModule, PlatformsModule],
  controllers: [DeliveryController],
  providers: [Outbox, WebhooksService, DeliveryDispatcher],
  exports: [Outbox, WebhooksService, DeliveryDispatcher],
})
export class DeliveryModule {}
