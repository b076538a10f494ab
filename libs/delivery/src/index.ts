export * from './outbox-event.entity';
export * from './webhook-endpoint.entity';
export * from './webhook-signature';
export * from './outbox.service';
export * from './webhooks.service';
export * from './delivery-dispatcher.service';
export * from './delivery.controller';
export * from './delivery.module';
