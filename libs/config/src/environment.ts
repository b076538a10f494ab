import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, validateSync } from 'class-validator';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { AuditConfig, AuditEnvironment, auditConfig } from './audit-environment';
import { EnvironmentError } from './environment-error';
import { StorageConfig, StorageEnvironment, storageConfig } from './storage-environment';

export { EnvironmentError } from './environment-error';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toNumber = toInt;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === true || value === 'true' || value === '1'
      ? true
      : value === false || value === 'false' || value === '0'
        ? false
        : value;

/** Which parts of the service one process runs. `all` is the embedded default: API and workers together. */
export type ProcessRole = 'all' | 'api' | 'worker';

// One small class per namespace, validated at boot; a bad value fails with a message naming the variable.
export class ServerEnvironment {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsIn(['all', 'api', 'worker']) QL_ROLE?: ProcessRole;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']) LOG_LEVEL?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() LOG_JSON?: boolean;
  @IsOptional() @IsString() POLICY_PATH?: string;
  @IsOptional() @IsString() TENANTS_PATH?: string;
  @IsOptional() @IsString() @Length(16, 200) METRICS_TOKEN?: string;
}

export class DatabaseEnvironment {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite)',
  })
  DATABASE_URL?: string;
  @IsOptional() @IsString() DATA_DIR?: string;
}

export class RedisEnvironment {
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, {
    message: 'REDIS_URL must be a redis:// or rediss:// URL (leave it unset for the in-process queue)',
  })
  REDIS_URL?: string;
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_:.-]+$/) QUEUE_PREFIX?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) QUEUE_LOCK_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64) MEDIA_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) STUCK_AFTER_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60_000) ENQUEUE_TIMEOUT_MS?: number;
}

export class MediaEnvironment {
  @IsOptional() @IsString() FFMPEG_PATH?: string;
  @IsOptional() @Transform(toNumber) @Min(0.1) @Max(3600) FRAME_INTERVAL_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) MAX_UPLOAD_BYTES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) SEGMENT_FETCH_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() SEGMENT_FETCH_ALLOW_PRIVATE?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) FFMPEG_TIMEOUT_MS?: number;
  // At most a day: the sampler holds one 1 KiB hash image per sampled frame of the longest video it accepts.
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86_400) MAX_MEDIA_DURATION_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(64) NEAR_DUPLICATE_DISTANCE?: number;
  @IsOptional() @Transform(toNumber) @Min(0) MAX_UNCLASSIFIED_GAP_SECONDS?: number;
  @IsOptional() @Transform(toNumber) @Min(0) @Max(3600) OCR_INTERVAL_SECONDS?: number;
  @IsOptional() @Transform(toNumber) @Min(0) @Max(3600) QR_INTERVAL_SECONDS?: number;
}

export class MlEnvironment {
  @IsOptional() @IsIn(['tensorflow', 'wasm', 'cpu']) TF_BACKEND?: 'tensorflow' | 'wasm' | 'cpu';
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(64) CLASSIFY_BATCH_SIZE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(64) CLASSIFY_WORKERS?: number;
}

export class LiveEnvironment {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10_000) LIVE_PULL_CAPACITY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) @Max(600_000) LIVE_LEASE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) LIVE_CLAIM_PER_PASS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LIVE_MAX_STREAMS_PER_PLATFORM?: number;
  @IsOptional() @Transform(toNumber) @Min(1) @Max(60) LIVE_PIECE_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) LIVE_RECONNECT_GRACE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000) LIVE_STALL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LIVE_MAX_BITRATE_KBPS?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() LIVE_ALLOW_PRIVATE?: boolean;
  @IsOptional()
  @Matches(/^\s*[0-9a-fA-F:.]+\/\d{1,3}(\s*,\s*[0-9a-fA-F:.]+\/\d{1,3})*\s*$/, {
    message: 'LIVE_ALLOWED_NETWORKS must be a comma-separated list of CIDR networks, e.g. 10.20.0.0/16',
  })
  LIVE_ALLOWED_NETWORKS?: string;
}

export class SanctionsEnvironment {
  @IsOptional() @IsString() SECRET_KEY_PATH?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() WEBHOOK_ALLOW_PRIVATE?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60_000) WEBHOOK_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) WEBHOOK_MAX_ATTEMPTS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(3_600_000) WEBHOOK_RETRY_BASE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(50) @Max(3_600_000) DELIVERY_POLL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60_000) WEBHOOK_CONNECT_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(256) WEBHOOK_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(50) @Max(3_600_000) SANCTION_SWEEP_MS?: number;
}

export class RetentionEnvironment {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000) RETENTION_SWEEP_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10_000) RETENTION_BATCH?: number;
}

export interface AppConfig {
  port: number;
  role: ProcessRole;
  logLevel: string;
  logJson: boolean;
  dataDir: string;
  /**
   * Where uploads, fetched media and evidence frames are kept: files under DATA_DIR (default) or an S3-compatible
   * bucket (STORAGE_URL=s3://…). With a bucket, DATA_DIR holds only transient files (uploads in flight, scratch).
   */
  storage: StorageConfig;
  /** config/policy.yaml unless POLICY_PATH says otherwise. */
  policyPath: string;
  /** When set, `/metrics` (API and workers) answers only `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };
  queue: { driver: 'in-process' } | { driver: 'bullmq'; url: string; prefix: string };
  queueLockMs: number;
  mediaConcurrency: number;
  /** An item that has not moved for this long at a stage waiting for its job is enqueued again (twice this while a job works on it). */
  stuckAfterMs: number;
  /** How long an API call waits on the queue to take an accepted item's first job before leaving it to the reconciler. */
  enqueueTimeoutMs: number;
  /** config/tenants.yaml unless TENANTS_PATH says otherwise: rate limits and queue quotas per platform. */
  tenantsPath: string;
  media: {
    ffmpegPath?: string;
    frameIntervalSeconds: number;
    maxUploadBytes: number;
    fetchTimeoutMs: number;
    fetchAllowPrivate: boolean;
    ffmpegTimeoutMs: number;
    /** A segment or post video longer than this is refused with `media_too_long` when it is sampled. */
    maxMediaDurationSeconds: number;
    nearDuplicateDistance: number;
    maxUnclassifiedGapSeconds: number;
    /** OCR the overlay bands of one classified frame per this many seconds of stream; 0 turns OCR off. */
    ocrIntervalSeconds: number;
    /** Look for QR codes in one classified frame per this many seconds of stream; 0 turns it off. */
    qrIntervalSeconds: number;
  };
  /**
   * `workers`: threads that run the porn model, OCR and QR (0: on the calling thread, as TF.js always does);
   * default one per core.
   */
  ml: { backend?: 'tensorflow' | 'wasm' | 'cpu'; batchSize: number; workers: number };
  /** Live streams pulled by URL (libs/live-pull). */
  live: {
    /** Streams one worker process pulls at most; 0: this process pulls none. */
    capacity: number;
    /** A worker holds a stream this long without renewing; another takes it over after that. */
    leaseMs: number;
    /** Streams a worker takes in one pass at most, so a burst of new streams spreads over the workers. */
    claimPerPass: number;
    /** Streams one platform may have pulled at once. */
    maxStreamsPerPlatform: number;
    /** HTTP-FLV and RTMP are cut into pieces of this length for the segment pipeline. */
    pieceSeconds: number;
    /** A source failing for this long (no piece pulled) ends `failed`. */
    reconnectGraceMs: number;
    /** A live HLS playlist that does not advance for this long counts as a failure. */
    stallMs: number;
    /** A piece whose bitrate is over this is refused (a source sending far more than a live stream would). */
    maxBitrateKbps: number;
    allowPrivate: boolean;
    /** Private networks pulled from nonetheless (a platform's CDN inside its own network). */
    allowedNetworks: string[];
  };
  /** Ed25519 key that signs audit checkpoints, how often they are made, and the witness they are copied to. */
  audit: AuditConfig;
  /** The server secret that webhook signing secrets and identity keys derive from (created on first start). */
  secretKeyPath: string;
  delivery: {
    allowPrivate: boolean;
    timeoutMs: number;
    /** A webhook host that does not accept the connection within this is treated as down for this attempt. */
    connectTimeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    pollMs: number;
    /** Platforms whose webhooks one process calls at once (each platform's events go one after another). */
    concurrency: number;
    /** Of a webhook's reply, at most this much is read; the status is what counts. */
    maxReplyBytes: number;
  };
  /** How often due suspensions are ended and expired claims swept. */
  sanctionSweepMs: number;
  /** The retention sweep (libs/retention): how often a worker runs it (0: never), and items per run at most. */
  retention: { sweepMs: number; batchSize: number };
}

function validateNamespace<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv): T {
  const instance = plainToInstance(cls, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(instance, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length) {
    const lines = errors.map(
      (e) => `${e.property}=${JSON.stringify(env[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new EnvironmentError(`Invalid environment: ${lines.join(' | ')}`);
  }
  return instance;
}

/** Reads and validates the environment once; throws EnvironmentError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const server = validateNamespace(ServerEnvironment, env);
  const db = validateNamespace(DatabaseEnvironment, env);
  const redis = validateNamespace(RedisEnvironment, env);
  const media = validateNamespace(MediaEnvironment, env);
  const ml = validateNamespace(MlEnvironment, env);
  const sanctions = validateNamespace(SanctionsEnvironment, env);
  const retention = validateNamespace(RetentionEnvironment, env);
  const live = validateNamespace(LiveEnvironment, env);
  const dataDir = resolve(db.DATA_DIR ?? './data');
  const role = server.QL_ROLE ?? 'all';
  if (!redis.REDIS_URL && role !== 'all') {
    throw new EnvironmentError(
      `Invalid environment: QL_ROLE=${JSON.stringify(role)}: a separate api or worker process needs REDIS_URL (the in-process queue only works with QL_ROLE=all)`,
    );
  }
  return {
    port: server.PORT ?? 3000,
    role,
    logLevel: server.LOG_LEVEL ?? 'log',
    logJson: server.LOG_JSON ?? true,
    dataDir,
    storage: storageConfig(validateNamespace(StorageEnvironment, env), env),
    policyPath: resolve(server.POLICY_PATH ?? 'config/policy.yaml'),
    metricsToken: server.METRICS_TOKEN ?? null,
    database: db.DATABASE_URL
      ? { type: 'postgres', url: db.DATABASE_URL }
      : { type: 'sqlite', path: resolve(dataDir, 'qinglang.sqlite') },
    queue: redis.REDIS_URL
      ? { driver: 'bullmq', url: redis.REDIS_URL, prefix: redis.QUEUE_PREFIX ?? 'qinglang' }
      : { driver: 'in-process' },
    queueLockMs: redis.QUEUE_LOCK_MS ?? 30_000,
    // Each sample is an ffmpeg child process: one per core keeps the cores busy without the API waiting on them.
    mediaConcurrency: redis.MEDIA_CONCURRENCY ?? availableParallelism(),
    stuckAfterMs: redis.STUCK_AFTER_MS ?? 60_000,
    enqueueTimeoutMs: redis.ENQUEUE_TIMEOUT_MS ?? 2000,
    tenantsPath: resolve(server.TENANTS_PATH ?? 'config/tenants.yaml'),
    media: {
      ffmpegPath: media.FFMPEG_PATH || undefined,
      frameIntervalSeconds: media.FRAME_INTERVAL_SECONDS ?? 2,
      maxUploadBytes: media.MAX_UPLOAD_BYTES ?? 64 * 1024 * 1024,
      fetchTimeoutMs: media.SEGMENT_FETCH_TIMEOUT_MS ?? 30_000,
      fetchAllowPrivate: media.SEGMENT_FETCH_ALLOW_PRIVATE ?? false,
      ffmpegTimeoutMs: media.FFMPEG_TIMEOUT_MS ?? 120_000,
      maxMediaDurationSeconds: media.MAX_MEDIA_DURATION_SECONDS ?? 3600,
      nearDuplicateDistance: media.NEAR_DUPLICATE_DISTANCE ?? 6,
      maxUnclassifiedGapSeconds: media.MAX_UNCLASSIFIED_GAP_SECONDS ?? 30,
      ocrIntervalSeconds: media.OCR_INTERVAL_SECONDS ?? 10,
      qrIntervalSeconds: media.QR_INTERVAL_SECONDS ?? 4,
    },
    ml: {
      backend: ml.TF_BACKEND,
      batchSize: ml.CLASSIFY_BATCH_SIZE ?? 8,
      workers: ml.CLASSIFY_WORKERS ?? availableParallelism(),
    },
    live: {
      capacity: live.LIVE_PULL_CAPACITY ?? 50,
      leaseMs: live.LIVE_LEASE_MS ?? 15_000,
      claimPerPass: live.LIVE_CLAIM_PER_PASS ?? 4,
      maxStreamsPerPlatform: live.LIVE_MAX_STREAMS_PER_PLATFORM ?? 1000,
      pieceSeconds: live.LIVE_PIECE_SECONDS ?? 2,
      reconnectGraceMs: live.LIVE_RECONNECT_GRACE_MS ?? 60_000,
      stallMs: live.LIVE_STALL_MS ?? 30_000,
      maxBitrateKbps: live.LIVE_MAX_BITRATE_KBPS ?? 20_000,
      allowPrivate: live.LIVE_ALLOW_PRIVATE ?? false,
      allowedNetworks: (live.LIVE_ALLOWED_NETWORKS ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    },
    audit: auditConfig(validateNamespace(AuditEnvironment, env), dataDir),
    secretKeyPath: resolve(sanctions.SECRET_KEY_PATH ?? resolve(dataDir, 'keys', 'server-secret.key')),
    delivery: {
      allowPrivate: sanctions.WEBHOOK_ALLOW_PRIVATE ?? false,
      timeoutMs: sanctions.WEBHOOK_TIMEOUT_MS ?? 10_000,
      maxAttempts: sanctions.WEBHOOK_MAX_ATTEMPTS ?? 12,
      retryBaseMs: sanctions.WEBHOOK_RETRY_BASE_MS ?? 5000,
      pollMs: sanctions.DELIVERY_POLL_MS ?? 1000,
      connectTimeoutMs: sanctions.WEBHOOK_CONNECT_TIMEOUT_MS ?? 3000,
      concurrency: sanctions.WEBHOOK_CONCURRENCY ?? 16,
      maxReplyBytes: 64 * 1024,
    },
    sanctionSweepMs: sanctions.SANCTION_SWEEP_MS ?? 30_000,
    retention: {
      sweepMs: retention.RETENTION_SWEEP_MS ?? 300_000,
      batchSize: retention.RETENTION_BATCH ?? 200,
    },
  };
}
