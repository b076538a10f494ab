import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type TestAgent from 'supertest/lib/agent';
import { AppConfig, Clock, loadConfig, systemClock } from '@qinglang/config';
import { PlatformsService } from '@qinglang/platforms';
import { StaffRole, StaffService } from '@qinglang/staff';
import { createApplication } from '@qinglang/application';
import { contractCheckedHttp } from './openapi-contract';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  http: () => TestAgent;
  createPlatform(name?: string): Promise<{ id: string; apiKey: string }>;
  createStaff(role: StaffRole, name?: string): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

export interface TestBackends {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** SQLite in a fresh data directory and the in-process queue: the embedded defaults. */
export async function embeddedBackends(): Promise<TestBackends> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qinglang-test-'));
  return { env: { DATA_DIR: dataDir }, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A database of its own on the real PostgreSQL and a key prefix of its own on the real Redis. */
export async function serviceBackends(): Promise<TestBackends> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qinglang-test-'));
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const database = `qinglang_test_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return {
    env: {
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: `qltest-${database}`,
      QUEUE_LOCK_MS: '5000',
    },
    cleanup: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestApp(
  backends: TestBackends,
  env: Record<string, string> = {},
  clock: Clock = systemClock,
): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: 'warn', LOG_JSON: 'false', ...backends.env, ...env });
  const app = await createApplication(config, clock);
  await app.init();
  return {
    app,
    config,
    http: () => contractCheckedHttp(app),
    async createPlatform(name = `platform-${randomBytes(3).toString('hex')}`) {
      const { platform, apiKey } = await app.get(PlatformsService).create(name);
      return { id: platform.id, apiKey };
    },
    async createStaff(role, name = `${role}-${randomBytes(3).toString('hex')}`) {
      const { user, token } = await app.get(StaffService).create(name, role);
      return { id: user.id, token };
    },
    close: () => app.close(),
  };
}

/** Polls until `check` returns a value, or fails with the last thing seen: waits for a state, never sleeps blindly. */
export async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `Timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`,
  );
}

export async function waitForTerminal(http: () => TestAgent, apiKey: string, path: string, timeoutMs?: number) {
  return waitFor(
    async () => {
      const response = await http().get(path).set('Authorization', `Bearer ${apiKey}`);
      return ['classified', 'failed'].includes(response.body.status) ? response.body : undefined;
    },
    `${path} to finish`,
    timeoutMs,
  );
}

/**
 * For a describe block: an app on the embedded defaults, started before its tests and closed after, with
 * a fresh data directory. Read `.app` inside the tests.
 */
export function useEmbeddedApp(
  env: Record<string, string> = {},
  clock: Clock = systemClock,
): { readonly app: TestApp } {
  let backends: TestBackends | undefined;
  let app: TestApp | undefined;
  beforeAll(async () => {
    backends = await embeddedBackends();
    app = await startTestApp(backends, env, clock);
  });
  afterAll(async () => {
    await app?.close();
    await backends?.cleanup();
  });
  return {
    get app() {
      if (!app) throw new Error('useEmbeddedApp: the app is only there inside tests');
      return app;
    },
  };
}
