import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Signal, SignalsService } from '@qinglang/classifier';
import { isUniqueViolation } from '@qinglang/ingest';
import { newId } from '@qinglang/persistence';
import { CATEGORIES, Category } from './category';
import { Flag, FlagSubjectKind, openKeyOf } from './flag.entity';
import { FlagEvidence } from './flag-evidence.entity';
import { FLAG_POLICY, FlagPolicy, combineEvidence } from './flag-policy';

export interface FlagSubject {
  kind: FlagSubjectKind;
  id: string;
  platformId: string;
  accountId: string;
}

export interface EvaluationOptions {
  /** The subject's signals since a time; by default those recorded against the subject itself. */
  signalsSince?: (since: Date) => Promise<Signal[]>;
  /** Evidence must come from at least this many different streams or posts (for account flags). */
  minSubjects?: number;
}

/**
 * Turns a subject's recent signals into flags: per category, the evidence in the policy window is combined;
 * past the threshold a flag opens, and while it is open every new piece of evidence attaches to it.
 */
@Injectable()
export class FlaggingService {
  constructor(
    @Inject(FLAG_POLICY) private readonly policy: FlagPolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signals: SignalsService,
  ) {}

  async evaluate(subject: FlagSubject, now = new Date(), options: EvaluationOptions = {}): Promise<Flag[]> {
    const longest = Math.max(...CATEGORIES.map((c) => this.policy.rule(c).windowSeconds));
    const since = new Date(now.getTime() - longest * 1000);
    const recent = options.signalsSince
      ? await options.signalsSince(since)
      : await this.signals.forSubject(subject.kind as 'stream' | 'post', subject.id, since);
    const touched: Flag[] = [];
    for (const category of CATEGORIES) {
      const rule = this.policy.rule(category);
      const windowStart = now.getTime() - rule.windowSeconds * 1000;
      const evidence = recent.filter((s) => s.createdAt.getTime() >= windowStart && (s.categories?.[category] ?? 0) >= rule.evidenceThreshold);
      if (!evidence.length || new Set(evidence.map((s) => s.subjectId)).size < (options.minSubjects ?? 1)) continue;
      const flag = await this.dataSource.transaction((manager) => this.apply(manager, subject, category, evidence, rule.flagThreshold, now));
      if (flag) touched.push(flag);
    }
    return touched;
  }

  private async apply(manager: EntityManager, subject: FlagSubject, category: Category, evidence: Signal[], threshold: number, now: Date): Promise<Flag | null> {
    const openKey = openKeyOf(subject.kind, subject.id, category);
    let flag = await manager.findOneBy(Flag, { openKey });
    const confidence = combineEvidence(evidence.map((s) => s.categories![category]!));
    if (!flag && confidence < threshold) return null;
    if (!flag) {
      flag = manager.create(Flag, {
        id: newId(), platformId: subject.platformId, subjectKind: subject.kind, subjectId: subject.id, accountId: subject.accountId, category,
        status: 'open', openKey, confidence, evidenceCount: 0, modelVersions: [], policyVersion: this.policy.version, openedAt: now, updatedAt: now,
      });
      try {
        await manager.insert(Flag, flag);
      } catch (error) {
        // Another worker opened it a moment ago: attach to theirs (the transaction retries as a job retry).
        if (isUniqueViolation(error)) throw new Error(`flag ${openKey} was opened concurrently; retrying`);
        throw error;
      }
    }
    const known = new Set((await manager.findBy(FlagEvidence, { flagId: flag.id, signalId: In(evidence.map((s) => s.id)) })).map((e) => e.signalId));
    const fresh = evidence.filter((s) => !known.has(s.id));
    if (fresh.length) {
      await manager.insert(FlagEvidence, fresh.map((signal) => this.evidenceRow(flag!.id, category, signal)));
    }
    const versions = new Set([...flag.modelVersions, ...evidence.map((s) => `${s.model}@${s.modelVersion}`)]);
    Object.assign(flag, { confidence: Math.max(flag.confidence, confidence), evidenceCount: flag.evidenceCount + fresh.length, modelVersions: [...versions].sort(), updatedAt: now });
    await manager.update(Flag, { id: flag.id }, { confidence: flag.confidence, evidenceCount: flag.evidenceCount, modelVersions: flag.modelVersions, updatedAt: now });
    return flag;
  }

  private evidenceRow(flagId: string, category: Category, signal: Signal): FlagEvidence {
    return Object.assign(new FlagEvidence(), {
      id: newId(),
      flagId,
      signalId: signal.id,
      sourceKind: signal.sourceKind,
      sourceId: signal.sourceId,
      score: signal.categories![category]!,
      streamTimeMs: signal.streamTimeMs,
      detail: { ...(signal.detail ?? {}), scores: signal.scores },
      model: signal.model,
      modelVersion: signal.modelVersion,
      createdAt: new Date(),
    });
  }
}
