import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { lockForTransaction } from '@qinglang/persistence';
import { AuditEntry } from './audit-entry.entity';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import { GENESIS_HASH, canonicalJson, checkpointMessage, entryHash } from './audit-chain';
import { AuditSigner } from './audit-signer';
import { AuditStore } from './audit-store';
import { AuditAppendGuard } from './audit-append-guard';
import { AuditVerifier, VerificationResult } from './audit-verifier';

export type AuditActorKind = 'platform' | 'staff' | 'system' | 'operator';

export interface AuditInput {
  /** What happened, as `<thing>.<verb>`: flag.opened, sanction.issued, appeal.revoked ... */
  action: string;
  /** Who did it: a platform, a person (staff id), a part of the system (`flagging`, `sanction-expiry`), an operator. */
  actor: { kind: AuditActorKind; id: string };
  platformId?: string | null;
  subject: { kind: string; id: string };
  data?: Record<string, unknown>;
}

const CHAIN_LOCK = 'qinglang:audit-chain';

/**
 * The tamper-evident audit log. `record` is called inside the transaction of the change it records, so the
 * change and its entry commit together or not at all; appends are serialised so the chain has one order.
 */
@Injectable()
export class AuditLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    readonly signer: AuditSigner,
    private readonly store: AuditStore,
    private readonly guard: AuditAppendGuard,
    private readonly verifier: AuditVerifier,
  ) {}

  /** Appends one entry in the caller's transaction; throws AuditAppendRefused once the log was found under its witness. */
  async record(manager: EntityManager, input: AuditInput): Promise<AuditEntry> {
    await lockForTransaction(manager, CHAIN_LOCK);
    const last = await this.store.head(manager);
    const seq = (last?.seq ?? 0) + 1;
    await this.guard.assertCanAppend(manager, seq);
    const entry = Object.assign(new AuditEntry(), {
      seq,
      recordedAt: this.clock.now(),
      action: input.action,
      actorKind: input.actor.kind,
      actorId: input.actor.id,
      platformId: input.platformId ?? null,
      subjectKind: input.subject.kind,
      subjectId: input.subject.id,
      data: canonicalJson(input.data ?? {}),
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    entry.hash = entryHash(entry.prevHash, { ...entry, recordedAtMs: entry.recordedAt.getTime() });
    await manager.insert(AuditEntry, entry);
    // Witnessed once this transaction has committed, by the witness pass (AuditWitness), never from in here.
    if (entry.seq % this.config.audit.checkpointEvery === 0) await this.checkpoint(manager, entry);
    return entry;
  }

  private async checkpoint(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await this.store.insertCheckpoint(
      manager,
      Object.assign(new AuditCheckpoint(), {
        seq: entry.seq,
        hash: entry.hash,
        signature: this.signer.sign(checkpointMessage(entry.seq, entry.hash)),
        keyId: this.signer.keyId,
        createdAt: this.clock.now(),
      }),
    );
  }

  /**
   * Recomputes the whole chain and holds it against the signed checkpoints and the witness (see AuditVerifier).
   * With `kept`, also proves that a checkpoint a compliance officer kept still holds: the log only grew.
   */
  verify(kept?: { seq: number; hash: string }): Promise<VerificationResult> {
    return this.verifier.verify(kept);
  }

  checkpoints(limit = 100): Promise<AuditCheckpoint[]> {
    return this.store.newestCheckpoints(limit);
  }

  /** Entries about one subject (a sanction, a flag, an account), oldest first. */
  forSubject(subjectKind: string, subjectId: string): Promise<AuditEntry[]> {
    return this.dataSource.getRepository(AuditEntry).find({ where: { subjectKind, subjectId }, order: { seq: 'ASC' } });
  }

  /** The newest entry of an action, for "record once per version" checks (policy loaded). */
  latest(action: string): Promise<AuditEntry | null> {
    return this.dataSource.getRepository(AuditEntry).findOne({ where: { action }, order: { seq: 'DESC' } });
  }
}
