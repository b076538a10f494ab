import { ApiProperty } from '@nestjs/swagger';

// The shapes of the webhook, the event feed and deliveries for the OpenAPI document; the e2e suites check each
// response against them.

const EVENT_TYPES = [
  'sanction.issued',
  'sanction.expired',
  'sanction.revoked',
  'sanction.lifted',
  'sanction.replaced',
  'sanction.appeal_upheld',
];

export class WebhookResponse {
  @ApiProperty({ example: 'https://platform.example.com/qinglang/events' }) url: string;
  @ApiProperty({
    description:
      'The HMAC-SHA256 key of the `qinglang-signature: t=<unix seconds>,v1=<hex of HMAC(secret, "<t>.<body>")>` header',
    example: 'whsec_…',
  })
  secret: string;
  @ApiProperty({ description: 'Changes when the secret is rotated' }) secretId: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** What a webhook POST carries, and each entry of the poll feed. */
export class SanctionEventResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: EVENT_TYPES }) type: string;
  @ApiProperty({ description: 'Per platform, increasing in commit order: the cursor of the feed' }) sequence: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  // The sanctions module owns the shape (it depends on this one, not the other way round): named, not imported.
  @ApiProperty({
    allOf: [{ $ref: '#/components/schemas/SanctionResponse' }],
    description: 'The sanction as GET /v1/sanctions/{id} shows it; an upheld appeal adds its `appeal`',
  })
  sanction: Record<string, unknown>;
}

export class SanctionFeedResponse {
  @ApiProperty({ type: [SanctionEventResponse] }) events: SanctionEventResponse[];
  @ApiProperty({ description: 'The sequence of the last event: pass it as `since` next time' }) cursor: number;
}

export class DeliveryResponse {
  @ApiProperty({ description: 'The event id' }) id: string;
  @ApiProperty({ enum: EVENT_TYPES }) type: string;
  @ApiProperty() sequence: number;
  @ApiProperty() sanctionId: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'While pending' })
  nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DeliveryListResponse {
  @ApiProperty({ type: [DeliveryResponse] }) deliveries: DeliveryResponse[];
}
