import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { resolve } from 'node:path';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The audit log's settings: the checkpoint signing key, how often checkpoints are made, and the witness. */
export class AuditEnvironment {
  @IsOptional() @IsString() AUDIT_KEY_PATH?: string;
  // An Ed25519 private key in PKCS#8 PEM, for deployments that pass secrets in the environment.
  @IsOptional()
  @Matches(/-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/, {
    message: 'AUDIT_KEY must be an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)',
  })
  AUDIT_KEY?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000) AUDIT_CHECKPOINT_EVERY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3600) AUDIT_CHECKPOINT_SECONDS?: number;
  @IsOptional() @IsString() AUDIT_WITNESS_PATH?: string;
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'AUDIT_WITNESS_URL must be an http:// or https:// URL' })
  AUDIT_WITNESS_URL?: string;
}

export interface AuditConfig {
  /** Where the checkpoint key is read from (or created on first start) when `keyPem` is not set. */
  keyPath: string;
  /** The key itself, from AUDIT_KEY; wins over `keyPath`. */
  keyPem: string | null;
  /** A signed checkpoint every N entries, in the transaction of the Nth entry. */
  checkpointEvery: number;
  /** And one at least this often while entries are being added. */
  checkpointSeconds: number;
  /** Append-only JSON lines file that every checkpoint is copied to once it has committed. */
  witnessPath: string;
  /** A compliance endpoint every checkpoint is also POSTed to (retried until it answers 2xx). */
  witnessUrl: string | null;
}

export function auditConfig(settings: AuditEnvironment, dataDir: string): AuditConfig {
  return {
    keyPath: resolve(settings.AUDIT_KEY_PATH ?? resolve(dataDir, 'keys', 'audit-ed25519.pem')),
    // Environments that cannot hold newlines carry the PEM with literal \n.
    keyPem: settings.AUDIT_KEY ? settings.AUDIT_KEY.replace(/\\n/g, '\n') : null,
    checkpointEvery: settings.AUDIT_CHECKPOINT_EVERY ?? 1000,
    checkpointSeconds: settings.AUDIT_CHECKPOINT_SECONDS ?? 60,
    witnessPath: resolve(settings.AUDIT_WITNESS_PATH ?? resolve(dataDir, 'audit', 'witness.jsonl')),
    witnessUrl: settings.AUDIT_WITNESS_URL ?? null,
  };
}
