import { EnvironmentError, loadConfig } from './environment';

describe('loadConfig', () => {
  it('gives the embedded defaults with no environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      role: 'all',
      database: { type: 'sqlite' },
      queue: { driver: 'in-process' },
    });
    expect(config.media).toMatchObject({
      frameIntervalSeconds: 2,
      maxUploadBytes: 64 * 1024 * 1024,
      maxUnclassifiedGapSeconds: 30,
    });
  });

  it('sweeps retention every 5 minutes, 200 items a run, unless told otherwise (0: never)', () => {
    expect(loadConfig({}).retention).toEqual({ sweepMs: 300_000, batchSize: 200 });
    expect(loadConfig({ RETENTION_SWEEP_MS: '0', RETENTION_BATCH: '50' }).retention).toEqual({
      sweepMs: 0,
      batchSize: 50,
    });
  });

  it('switches to PostgreSQL and BullMQ from their URLs', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/q',
      REDIS_URL: 'redis://cache:6379',
      QL_ROLE: 'worker',
    });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://u@db:5432/q' });
    expect(config.queue).toEqual({ driver: 'bullmq', url: 'redis://cache:6379', prefix: 'qinglang' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ FRAME_INTERVAL_SECONDS: '0' }, 'FRAME_INTERVAL_SECONDS'],
    [{ TF_BACKEND: 'webgl' }, 'TF_BACKEND'],
    [{ QL_ROLE: 'api' }, 'QL_ROLE'],
    [{ RETENTION_SWEEP_MS: '-1' }, 'RETENTION_SWEEP_MS'],
    [{ RETENTION_BATCH: '0' }, 'RETENTION_BATCH'],
  ])('refuses %j, naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(EnvironmentError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`));
  });
});
