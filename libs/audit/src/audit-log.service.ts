import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, CLOCK, Clock } from '@qinglang/config';
import { lockForTransaction } from '@qinglang/persistence';
import { AuditEntry } from './audit-entry.entity';
import { AuditCheckpoint } from './audit-checkpoint.entity';
import {
  ChainProblem,
  ChainVerifier,
  GENESIS_HASH,
  StoredEntry,
  canonicalJson,
  checkpointMessage,
  entryHash,
} from './audit-chain';
import { AuditSigner } from './audit-signer';

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

export interface VerificationResult {
  ok: boolean;
  entries: number;
  headHash: string;
  checkpoints: { checked: number; keyId: string };
  firstProblem: ChainProblem | null;
  message: string;
  seconds: number;
}

const PAGE = 20_000;
const CHAIN_LOCK = 'qinglang:audit-chain';

/**
 * The tamper-evident audit log. `record` is called inside the transaction of the change it records, so the
 * change and its entry commit together or not at all; appends are serialised so the chain has one order.
 */
@Injectable()
export class AuditLog {
  readonly signer: AuditSigner;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.signer = AuditSigner.load(config.audit.keyPath);
  }

  async record(manager: EntityManager, input: AuditInput): Promise<AuditEntry> {
    await lockForTransaction(manager, CHAIN_LOCK);
    const last = await manager
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .select(['a.seq', 'a.hash'])
      .orderBy('a.seq', 'DESC')
      .limit(1)
      .getOne();
    const entry = Object.assign(new AuditEntry(), {
      seq: (last?.seq ?? 0) + 1,
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
    if (entry.seq % this.config.audit.checkpointEvery === 0) await this.checkpoint(manager, entry);
    return entry;
  }

  private async checkpoint(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditCheckpoint, {
      seq: entry.seq,
      hash: entry.hash,
      signature: this.signer.sign(checkpointMessage(entry.seq, entry.hash)),
      keyId: this.signer.keyId,
      createdAt: this.clock.now(),
    });
  }

  /**
   * Recomputes the whole chain, page by page (memory stays flat), and checks every signed checkpoint against
   * it. With `kept`, also proves that a checkpoint a compliance officer kept still holds: the log only grew.
   */
  async verify(kept?: { seq: number; hash: string }): Promise<VerificationResult> {
    const started = process.hrtime.bigint();
    const checkpoints = new Map((await this.dataSource.getRepository(AuditCheckpoint).find()).map((c) => [c.seq, c]));
    const verifier = new ChainVerifier();
    let checkpointProblem: ChainProblem | null = null;
    let checkedCheckpoints = 0;
    let after = 0;
    for (;;) {
      const page = await this.page(after);
      if (!page.length) break;
      if (!verifier.feed(page)) break;
      for (const entry of page) {
        const expected = [
          ...(checkpoints.has(entry.seq) ? [checkpoints.get(entry.seq)!] : []),
          ...(kept?.seq === entry.seq ? [{ ...kept, signature: null }] : []),
        ];
        for (const checkpoint of expected) {
          const signatureOk =
            checkpoint.signature === null ||
            AuditSigner.verify(
              this.signer.publicKeyPem,
              checkpointMessage(checkpoint.seq, checkpoint.hash),
              checkpoint.signature,
            );
          if (checkpoint.hash !== entry.hash || !signatureOk) {
            checkpointProblem ??= {
              seq: entry.seq,
              problem: 'content_altered',
              message: `entry ${entry.seq} does not match the ${checkpoint.signature === null ? 'checkpoint you kept' : 'signed checkpoint'} for it`,
            };
          } else if (checkpoint.signature !== null) checkedCheckpoints++;
        }
      }
      after = page[page.length - 1].seq;
      if (page.length < PAGE) break;
    }
    // A signed checkpoint (or a kept one) past the last entry means entries after it were cut off the end.
    const beyondEnd = verifier.problem
      ? undefined
      : Math.min(...[...checkpoints.keys(), ...(kept ? [kept.seq] : [])].filter((seq) => seq > verifier.count));
    const truncated =
      beyondEnd !== undefined && Number.isFinite(beyondEnd)
        ? {
            seq: verifier.count + 1,
            problem: 'missing' as const,
            message: `entries from ${verifier.count + 1} are missing: a checkpoint covers entry ${beyondEnd}`,
          }
        : null;
    const problem = verifier.problem ?? checkpointProblem ?? truncated;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      ok: !problem,
      entries: verifier.count,
      headHash: verifier.headHash,
      checkpoints: { checked: checkedCheckpoints, keyId: this.signer.keyId },
      firstProblem: problem,
      message: problem ? problem.message : `all ${verifier.count} entries verify`,
      seconds: Number(seconds.toFixed(3)),
    };
  }

  private async page(after: number): Promise<StoredEntry[]> {
    const rows: Array<Record<string, string | number | null>> = await this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .select([
        'a.seq AS seq',
        'a.recorded_at AS recorded_at',
        'a.action AS action',
        'a.actor_kind AS actor_kind',
        'a.actor_id AS actor_id',
        'a.platform_id AS platform_id',
        'a.subject_kind AS subject_kind',
        'a.subject_id AS subject_id',
        'a.data AS data',
        'a.prev_hash AS prev_hash',
        'a.hash AS hash',
      ])
      .where('a.seq > :after', { after })
      .orderBy('a.seq', 'ASC')
      .limit(PAGE)
      .getRawMany();
    return rows.map((r) => ({
      seq: Number(r.seq),
      recordedAtMs: Number(r.recorded_at),
      action: String(r.action),
      actorKind: String(r.actor_kind),
      actorId: String(r.actor_id),
      platformId: r.platform_id === null ? null : String(r.platform_id),
      subjectKind: String(r.subject_kind),
      subjectId: String(r.subject_id),
      data: String(r.data),
      prevHash: String(r.prev_hash),
      hash: String(r.hash),
    }));
  }

  checkpoints(limit = 100): Promise<AuditCheckpoint[]> {
    return this.dataSource.getRepository(AuditCheckpoint).find({ order: { seq: 'DESC' }, take: limit });
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
