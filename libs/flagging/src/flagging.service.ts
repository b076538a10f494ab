import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { Signal, SignalsService } from '@qinglang/classifier';
import { JsonObject, isUniqueViolation, newId } from '@qinglang/persistence';
import { CATEGORIES, Category } from './category';
import { Flag, FlagCategory, FlagSubjectKind, openKeyOf } from './flag.entity';
import { FlagEvidence } from './flag-evidence.entity';
import { FLAG_POLICY, FlagPolicy, combineEvidence, flagPriority } from './flag-policy';

export interface FlagSubject {
  kind: FlagSubjectKind;
  id: string;
  platformId: string;
  accountId: string;
  /** Viewers of a live stream; 0 for posts and accounts. */
  audience?: number;
}

export interface EvaluationOptions {
  /** The subject's signals since a time; by default those recorded against the subject itself. */
  signalsSince?: (since: Date) => Promise<Signal[]>;
  /** Evidence must come from at least this many different streams or posts (for account flags). */
  minSubjects?: number;
}

/** A flag raised by a rule rather than by signals (ban evasion), with the facts behind it as its evidence. */
export interface RuleFlag {
  subject: FlagSubject;
  category: FlagCategory;
  severity: number;
  source: { kind: string; id: string };
  detail: JsonObject;
  rule: string;
}

/**
 * Turns a subject's recent signals into flags: per category, the evidence in the policy window is combined;
 * past the threshold a flag opens, and while it is open every new piece of evidence attaches to it. Evidence a
 * reviewer already decided on (attached to a closed flag of the category) never counts again, so one violation
 * is one flag.
 */
@Injectable()
export class FlaggingService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FLAG_POLICY) private readonly policy: FlagPolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signals: SignalsService,
    private readonly audit: AuditLog,
  ) {}

  async evaluate(subject: FlagSubject, now = this.clock.now(), options: EvaluationOptions = {}): Promise<Flag[]> {
    const longest = Math.max(...CATEGORIES.map((c) => this.policy.rule(c).windowSeconds));
    const since = new Date(now.getTime() - longest * 1000);
    const recent = options.signalsSince
      ? await options.signalsSince(since)
      : await this.signals.forSubject(subject.kind as 'stream' | 'post', subject.id, since);
    const touched: Flag[] = [];
    for (const category of CATEGORIES) {
      const rule = this.policy.rule(category);
      const windowStart = now.getTime() - rule.windowSeconds * 1000;
      const inWindow = recent.filter(
        (s) => s.createdAt.getTime() >= windowStart && (s.categories?.[category] ?? 0) >= rule.evidenceThreshold,
      );
      if (!inWindow.length) continue;
      const flag = await this.dataSource.transaction((manager) =>
        this.apply(manager, subject, category, inWindow, now, options.minSubjects ?? 1),
      );
      if (flag) touched.push(flag);
    }
    return touched;
  }

  /** Whether a flag should be acted on before review, by its category's auto-action threshold. */
  meetsAutoAction(flag: Flag): boolean {
    if (!(CATEGORIES as readonly string[]).includes(flag.category)) return false;
    const threshold = this.policy.rule(flag.category as Category).autoActionThreshold;
    return threshold !== null && flag.confidence >= threshold;
  }

  /** Opens (or adds to) a flag that a rule raised; returns it, or null when this evidence is already on it. */
  async raise(manager: EntityManager, input: RuleFlag, now: Date): Promise<Flag | null> {
    const { subject, category } = input;
    const openKey = openKeyOf(subject.kind, subject.id, category);
    let flag = await manager.findOneBy(Flag, { openKey });
    if (!flag) {
      flag = this.newFlag(subject, category, 1, flagPriority(input.severity, 1, subject.audience ?? 0), now);
      await manager.insert(Flag, flag);
      await this.recordOpened(manager, flag, { rule: input.rule });
    }
    if (await manager.existsBy(FlagEvidence, { flagId: flag.id, signalId: input.source.id })) return null;
    await manager.insert(
      FlagEvidence,
      Object.assign(new FlagEvidence(), {
        id: newId(),
        flagId: flag.id,
        signalId: input.source.id,
        sourceKind: input.source.kind,
        sourceId: input.source.id,
        score: 1,
        streamTimeMs: null,
        detail: { ...input.detail, rule: input.rule },
        model: 'rule',
        modelVersion: input.rule,
        createdAt: now,
      }),
    );
    await manager.update(Flag, { id: flag.id }, { evidenceCount: flag.evidenceCount + 1, updatedAt: now });
    return flag;
  }

  /**
   * Signals already on a closed (decided) flag of the category, whatever its subject: evidence a reviewer decided
   * on, for a stream, a post or the account, never counts towards another flag.
   */
  private async decidedSignals(manager: EntityManager, category: Category, signalIds: string[]): Promise<Set<string>> {
    const decided = new Set<string>();
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < signalIds.length; i += 900) {
      const rows: Array<{ signal_id: string }> = await manager
        .getRepository(FlagEvidence)
        .createQueryBuilder('e')
        .innerJoin(Flag, 'f', 'f.id = e.flag_id')
        .select('e.signal_id', 'signal_id')
        .where('f.category = :category AND f.status = :closed', { category, closed: 'closed' })
        .andWhere('e.signal_id IN (:...ids)', { ids: signalIds.slice(i, i + 900) })
        .getRawMany();
      for (const row of rows) decided.add(row.signal_id);
    }
    return decided;
  }

  private newFlag(subject: FlagSubject, category: FlagCategory, confidence: number, priority: number, now: Date): Flag {
    return Object.assign(new Flag(), {
      id: newId(),
      platformId: subject.platformId,
      subjectKind: subject.kind,
      subjectId: subject.id,
      accountId: subject.accountId,
      category,
      status: 'open',
      openKey: openKeyOf(subject.kind, subject.id, category),
      confidence,
      evidenceCount: 0,
      modelVersions: [],
      policyVersion: this.policy.version,
      openedAt: now,
      updatedAt: now,
      reviewState: 'pending',
      claimedBy: null,
      claimExpiresAt: null,
      priority,
      audience: subject.audience ?? 0,
      decidedAt: null,
    });
  }

  private recordOpened(manager: EntityManager, flag: Flag, data: Record<string, unknown> = {}) {
    return this.audit.record(manager, {
      action: 'flag.opened',
      actor: { kind: 'system', id: 'flagging' },
      platformId: flag.platformId,
      subject: { kind: 'flag', id: flag.id },
      data: {
        category: flag.category,
        subjectKind: flag.subjectKind,
        subjectId: flag.subjectId,
        accountId: flag.accountId,
        confidence: flag.confidence,
        policyVersion: flag.policyVersion,
        ...data,
      },
    });
  }

  private async apply(
    manager: EntityManager,
    subject: FlagSubject,
    category: Category,
    inWindow: Signal[],
    now: Date,
    minSubjects: number,
  ): Promise<Flag | null> {
    const rule = this.policy.rule(category);
    const openKey = openKeyOf(subject.kind, subject.id, category);
    // The open flag is locked before the decided evidence is read (PostgreSQL; SQLite runs one transaction at a
    // time): a reviewer confirming it meanwhile either finishes first, and then its evidence counts as decided,
    // or waits for this transaction. Either way the same evidence cannot open a second flag.
    let flag = await manager.findOne(Flag, {
      where: { openKey },
      ...(manager.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const decided = await this.decidedSignals(
      manager,
      category,
      inWindow.map((s) => s.id),
    );
    const evidence = inWindow.filter((s) => !decided.has(s.id));
    if (!evidence.length || new Set(evidence.map((s) => s.subjectId)).size < minSubjects) return null;
    const confidence = combineEvidence(evidence.map((s) => s.categories![category]));
    if (!flag && confidence < rule.flagThreshold) return null;
    const versions = (existing: string[]) =>
      [...new Set([...existing, ...evidence.map((s) => `${s.model}@${s.modelVersion}`)])].sort();
    if (!flag) {
      flag = this.newFlag(
        subject,
        category,
        confidence,
        flagPriority(rule.severity, confidence, subject.audience ?? 0),
        now,
      );
      flag.modelVersions = versions([]);
      try {
        await manager.insert(Flag, flag);
      } catch (error) {
        // Another worker opened it a moment ago: attach to theirs (the transaction retries as a job retry).
        if (isUniqueViolation(error)) throw new Error(`flag ${openKey} was opened concurrently; retrying`);
        throw error;
      }
    }
    const known = new Set(
      (await manager.findBy(FlagEvidence, { flagId: flag.id, signalId: In(evidence.map((s) => s.id)) })).map(
        (e) => e.signalId,
      ),
    );
    const fresh = evidence.filter((s) => !known.has(s.id));
    if (fresh.length) {
      await manager.insert(
        FlagEvidence,
        fresh.map((signal) => this.evidenceRow(flag.id, category, signal, now)),
      );
    }
    const isNew = flag.evidenceCount === 0;
    const audience = Math.max(flag.audience, subject.audience ?? 0);
    Object.assign(flag, {
      confidence: Math.max(flag.confidence, confidence),
      evidenceCount: flag.evidenceCount + fresh.length,
      modelVersions: versions(flag.modelVersions),
      updatedAt: now,
      audience,
    });
    flag.priority = flagPriority(rule.severity, flag.confidence, audience);
    await manager.update(
      Flag,
      { id: flag.id },
      {
        confidence: flag.confidence,
        evidenceCount: flag.evidenceCount,
        modelVersions: flag.modelVersions,
        updatedAt: now,
        audience,
        priority: flag.priority,
      },
    );
    if (isNew)
      await this.recordOpened(manager, flag, { evidenceCount: flag.evidenceCount, modelVersions: flag.modelVersions });
    return flag;
  }

  private evidenceRow(flagId: string, category: Category, signal: Signal, now: Date): FlagEvidence {
    return Object.assign(new FlagEvidence(), {
      id: newId(),
      flagId,
      signalId: signal.id,
      sourceKind: signal.sourceKind,
      sourceId: signal.sourceId,
      score: signal.categories![category],
      streamTimeMs: signal.streamTimeMs,
      detail: { ...(signal.detail ?? {}), scores: signal.scores },
      model: signal.model,
      modelVersion: signal.modelVersion,
      createdAt: now,
    });
  }
}
