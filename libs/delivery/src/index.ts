export type * from './outbox-event.entity';
export type * from './webhook-endpoint.entity';
export * from './tables';
export * from './webhook-signature';
export * from './outbox.service';
export * from './webhooks.service';
export * from './delivery-dispatcher.service';
export * from './delivery.controller';
export * from './delivery.module';
