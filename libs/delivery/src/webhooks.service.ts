import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK, Clock, ServerSecret } from '@qinglang/config';
import { assertPublic } from '@qinglang/media';
import { ApiError } from '@qinglang/operations';
import { newId } from '@qinglang/persistence';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export interface WebhookView {
  url: string;
  /** The signing secret: derived, never stored, so it can be shown again to the platform that owns it. */
  secret: string;
  secretId: string;
  updatedAt: string;
}

/** A platform's webhook endpoint and its signing secret. */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly serverSecret: ServerSecret,
  ) {}

  async set(platformId: string, rawUrl: string): Promise<WebhookView> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new ApiError(400, 'invalid_webhook_url', 'The webhook URL is not a URL.');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new ApiError(400, 'invalid_webhook_url', 'The webhook URL must be http or https.');
    await assertPublic(url, this.config.delivery.allowPrivate).catch((error: Error) => {
      throw new ApiError(400, 'webhook_url_not_allowed', error.message.replace('media URL', 'webhook URL'));
    });
    const now = this.clock.now();
    const endpoint = await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(WebhookEndpoint, { platformId });
      if (existing) {
        await manager.update(WebhookEndpoint, { platformId }, { url: url.toString(), updatedAt: now });
        return Object.assign(existing, { url: url.toString(), updatedAt: now });
      }
      const created = Object.assign(new WebhookEndpoint(), {
        platformId,
        url: url.toString(),
        secretId: newId(),
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(WebhookEndpoint, created);
      return created;
    });
    return this.view(endpoint);
  }

  async rotateSecret(platformId: string): Promise<WebhookView> {
    const endpoint = await this.get(platformId);
    Object.assign(endpoint, { secretId: newId(), updatedAt: this.clock.now() });
    await this.dataSource
      .getRepository(WebhookEndpoint)
      .update({ platformId }, { secretId: endpoint.secretId, updatedAt: endpoint.updatedAt });
    return this.view(endpoint);
  }

  async get(platformId: string): Promise<WebhookEndpoint> {
    const endpoint = await this.dataSource.getRepository(WebhookEndpoint).findOneBy({ platformId });
    if (!endpoint)
      throw new ApiError(404, 'webhook_not_configured', 'No webhook is set: PUT /v1/webhook with {"url"} first.');
    return endpoint;
  }

  async endpointsOf(platformIds: string[]): Promise<Map<string, WebhookEndpoint>> {
    if (!platformIds.length) return new Map();
    return new Map(
      (await this.dataSource.getRepository(WebhookEndpoint).findBy({ platformId: In(platformIds) })).map((e) => [
        e.platformId,
        e,
      ]),
    );
  }

  secretOf(endpoint: WebhookEndpoint): string {
    return `whsec_${this.serverSecret.derive(`webhook:${endpoint.platformId}:${endpoint.secretId}`).toString('base64url')}`;
  }

  view(endpoint: WebhookEndpoint): WebhookView {
    return {
      url: endpoint.url,
      secret: this.secretOf(endpoint),
      secretId: endpoint.secretId,
      updatedAt: endpoint.updatedAt.toISOString(),
    };
  }
}
