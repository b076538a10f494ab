import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { Signal, SignalsService } from '@qinglang/classifier';
import { JsonObject, isUniqueViolation, newId } from '@qinglang/persistence';
import { AccountsService, BatchesService } from '@qinglang/ingest';
import { extractEntities, normalizeText } from '@qinglang/text-classifier';
import { CATEGORIES, Category } from './category';
import { DECIDED_STATES, Flag, FlagCategory, FlagParty, FlagSubjectKind, openKeyOf } from './flag.entity';
import { FlagEvidence } from './flag-evidence.entity';
import { FLAG_POLICY, FlagPolicy, combineEvidence, flagPriority } from './flag-policy';
import { ROOM_FLOODED, answerableParty, floodSignals, roomAnswersForFlood, signalsInWindow } from './flag-evaluation';
import { FlagsService } from './flags.service';

export interface FlagSubject {
  kind: FlagSubjectKind;
  id: string;
  platformId: string;
  accountId: string;
  /** Viewers of a live stream; 0 for posts and accounts. */
  audience?: number;
  /** Whose conduct: the creator's by default. */
  party?: FlagParty;
}

export interface EvaluationOptions {
  /** The subject's signals since a time; by default those recorded against the subject itself. */
  signalsSince?: (since: Date) => Promise<Signal[]>;
  /** Evidence must come from at least this many different streams or posts (for account flags). */
  minSubjects?: number;
  /**
   * Leave out evidence any flag on these kinds of subject already holds, open or decided: an account flag is only
   * for conduct no stream or post flag holds, a viewer flag only for lines no cluster holds.
   */
  excludeHeldBy?: FlagSubjectKind[];
}

/**
 * Lets the event loop take what waits (requests, timers) between the steps of an evaluation. On SQLite every query
 * answers at once, so an evaluation's chain of awaits would otherwise run as one long task and hold up every POST.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A signal's weight on a flag: its score in the category; in a cluster, its strongest (a flood mixes its ads). */
const scoreFor = (signal: Signal, category: Category, party: FlagParty = 'creator'): number =>
  party === 'cluster' ? Math.max(0, ...Object.values(signal.categories ?? {})) : (signal.categories?.[category] ?? 0);

/** What makes chat lines one conduct: the same line once normalised, or a contact or link they share. */
export function conductKeys(signal: Pick<Signal, 'detail'>): string[] {
  const text = typeof signal.detail?.text === 'string' ? signal.detail.text : '';
  const normalized = text ? normalizeText(text).text : '';
  const entities = Array.isArray(signal.detail?.entities)
    ? (signal.detail.entities as Array<{ kind: string; value: string }>)
    : [];
  return [
    ...(normalized.length >= 4 ? [`line:${normalized}`] : []),
    ...entities.filter((e) => e.kind !== 'domain').map((e) => `${e.kind}:${e.value}`),
  ];
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
    private readonly flags: FlagsService,
    private readonly accounts: AccountsService,
    private readonly batches: BatchesService,
  ) {}

  private since(now: Date): Date {
    const longest = Math.max(...CATEGORIES.map((c) => this.policy.rule(c).windowSeconds));
    return new Date(now.getTime() - longest * 1000);
  }

  /**
   * The creator's flags on a subject (a stream, a post, or an account across them): only content the owner
   * answers for counts (frames, on-screen text, the streamer's transcript and own chat, the room's tips, a post);
   * viewers' chat never does.
   */
  async evaluate(subject: FlagSubject, now = this.clock.now(), options: EvaluationOptions = {}): Promise<Flag[]> {
    const since = this.since(now);
    const recent = (
      options.signalsSince
        ? await options.signalsSince(since)
        : await this.signals.forSubject(subject.kind as 'stream' | 'post', subject.id, since)
    ).filter((s) => answerableParty(s) === 'owner');
    return this.evaluateSignals({ party: 'creator', ...subject }, recent, now, options);
  }

  private async evaluateSignals(
    subject: FlagSubject,
    recent: Signal[],
    now: Date,
    options: EvaluationOptions,
  ): Promise<Flag[]> {
    const touched: Flag[] = [];
    for (const category of CATEGORIES) {
      const inWindow = signalsInWindow(recent, category, this.policy.rule(category), now);
      if (!inWindow.length) continue;
      await yieldToEventLoop();
      const flag = await this.dataSource.transaction((manager) =>
        this.apply(manager, subject, category, inWindow, now, options),
      );
      if (flag) touched.push(flag);
    }
    return touched;
  }

  /**
   * A stream's flags from one read of its signals: the streamer's own (which may interrupt it), then its viewers'
   * (clusters and viewer flags, which never touch the streamer unless policy holds the room answerable).
   */
  async evaluateStream(stream: FlagSubject, now = this.clock.now()): Promise<Flag[]> {
    const recent = await this.signals.forSubject('stream', stream.id, this.since(now));
    await yieldToEventLoop();
    const own = await this.evaluate(stream, now, { signalsSince: () => Promise.resolve(recent) });
    await yieldToEventLoop();
    await this.evaluateViewers(stream, now, recent);
    return own;
  }

  /**
   * Viewers' chat in a stream: lines that flood the room (the same line or contact from at least the policy's
   * number of senders) go to the room's cluster flag, decided once; each other sender's lines, across every room,
   * go to that viewer's own flag. Neither is ever against the streamer.
   */
  async evaluateViewers(stream: FlagSubject, now = this.clock.now(), signals?: Signal[]): Promise<Flag[]> {
    const since = this.since(now);
    const recent = signals ?? (await this.signals.forSubject('stream', stream.id, since));
    const viewers = recent.filter((s) => answerableParty(s) === 'viewer');
    if (!viewers.length) return [];
    const touched: Flag[] = [];
    // Lines a reviewer already decided on (a decided cluster's, a confirmed viewer flag's) form no new flood: a
    // flood after a decided one needs its own senders.
    const decided = await this.unavailableSignals(
      this.dataSource.manager,
      CATEGORIES[0],
      viewers.map((s) => s.id),
      [],
      true,
    );
    // A flood is one conduct whatever its lines advertise (bots mix porn and gambling ads, one contact): one
    // cluster flag per room, under the category most of its lines are evidence for; the reviewer may confirm it
    // as another. Its senders climb the viewer ladder, which counts across categories anyway.
    const evidence = new Map<string, { signal: Signal; category: Category }>();
    for (const category of CATEGORIES)
      for (const signal of signalsInWindow(viewers, category, this.policy.rule(category), now)) {
        if (decided.has(signal.id)) continue;
        const best = evidence.get(signal.id);
        if (!best || (signal.categories?.[category] ?? 0) > (signal.categories?.[best.category] ?? 0))
          evidence.set(signal.id, { signal, category });
      }
    const flood = floodSignals(
      [...evidence.values()].map((e) => e.signal),
      conductKeys,
      this.policy.clusters.minSenders,
    );
    if (flood.length) {
      const counts = new Map<Category, number>();
      for (const signal of flood) {
        const category = evidence.get(signal.id)!.category;
        counts.set(category, (counts.get(category) ?? 0) + 1);
      }
      const category = [...counts].sort(
        ([a, x], [b, y]) => y - x || this.policy.rule(b).severity - this.policy.rule(a).severity,
      )[0][0];
      await yieldToEventLoop();
      const cluster = await this.dataSource.transaction(async (manager) => {
        const flag = await this.apply(
          manager,
          {
            kind: 'cluster',
            id: stream.id,
            platformId: stream.platformId,
            accountId: flood[0].actorAccountId!,
            // The room's audience: a flood in front of 100,000 viewers is reviewed before one in front of ten.
            audience: stream.audience,
            party: 'cluster',
          },
          category,
          flood,
          now,
          {},
        );
        if (flag) await this.mergeIntoCluster(manager, flag, now);
        return flag;
      });
      if (cluster) touched.push(cluster);
      const because = roomAnswersForFlood(
        flood,
        this.policy.clusters.roomAnswersWhenStreamerJoins ? await this.streamersKeys(stream, since) : [],
        conductKeys,
        this.policy.clusters,
        { since: cluster?.openedAt ?? now, now },
      );
      if (cluster && because) {
        // Once per cluster: a room flag already decided for this flood is not raised again.
        const room = await this.dataSource.transaction(async (manager) =>
          (await manager.existsBy(FlagEvidence, { signalId: cluster.id, model: 'rule' }))
            ? null
            : this.raise(
                manager,
                {
                  subject: { ...stream, kind: 'stream', party: 'room' },
                  category: cluster.category,
                  severity: this.policy.rule(cluster.category as Category).severity,
                  source: { kind: 'cluster', id: cluster.id },
                  detail: { clusterId: cluster.id, because, senders: new Set(flood.map((f) => f.actorAccountId)).size },
                  rule: ROOM_FLOODED,
                },
                now,
              ),
        );
        if (room) touched.push(room);
      }
    }
    // Only senders with lines outside the flood and undecided can have a viewer flag to open or grow here: a
    // thousand-bot flood costs one cluster, not a thousand look-ups.
    const inFlood = new Set(flood.map((s) => s.id));
    const senders = [
      ...new Set(viewers.filter((s) => !inFlood.has(s.id) && !decided.has(s.id)).map((s) => s.actorAccountId!)),
    ];
    for (const accountId of senders) {
      await yieldToEventLoop();
      const own = (await this.signals.forActor(accountId, since)).filter((s) => answerableParty(s) === 'viewer');
      touched.push(
        ...(await this.evaluateSignals(
          { kind: 'account', id: accountId, platformId: stream.platformId, accountId, party: 'viewer' },
          own,
          now,
          { excludeHeldBy: ['cluster'] },
        )),
      );
    }
    return touched;
  }

  /** The conduct keys of what the streamer said or wrote on the stream (most of it is no evidence, so no signal). */
  private async streamersKeys(stream: FlagSubject, since: Date): Promise<string[]> {
    const streamer = await this.accounts.findById(stream.accountId);
    const lines = await this.batches.streamersLines(stream.id, streamer?.externalId ?? null, since);
    return lines.flatMap((line) =>
      conductKeys({ detail: { text: line.text, entities: extractEntities(line.text) as unknown as object } }),
    );
  }

  /**
   * A viewer flag whose every line the cluster now holds is the same conduct: it is closed as merged (linked to
   * the cluster), so the flood is one decision; one with other lines too stays open, linked by its evidence.
   */
  private async mergeIntoCluster(manager: EntityManager, cluster: Flag, now: Date): Promise<void> {
    // Only the columns compared here: a flood's evidence rows carry each line's detail, read back for nothing.
    const clusterEvidence = await manager.find(FlagEvidence, {
      select: { signalId: true, actorAccountId: true },
      where: { flagId: cluster.id },
    });
    const held = new Set(clusterEvidence.map((e) => e.signalId));
    const members = [...new Set(clusterEvidence.map((e) => e.actorAccountId ?? ''))].filter(Boolean);
    if (!members.length) return;
    const open: Flag[] = [];
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < members.length; i += 900)
      open.push(
        ...(await manager.findBy(Flag, { party: 'viewer', status: 'open', subjectId: In(members.slice(i, i + 900)) })),
      );
    for (const flag of open) {
      const evidence = await manager.find(FlagEvidence, { select: { signalId: true }, where: { flagId: flag.id } });
      if (!evidence.every((e) => held.has(e.signalId))) continue;
      // Not while a reviewer holds it (checked in the update itself, so a claim taken meanwhile wins).
      const result = await manager
        .createQueryBuilder()
        .update(Flag)
        .set({ status: 'closed', openKey: null, reviewState: 'merged', linkedTo: cluster.id, updatedAt: now })
        .where({ id: flag.id, status: 'open', reviewState: 'pending' })
        .andWhere('(claimed_by IS NULL OR claim_expires_at < :now)', { now: now.getTime() })
        .execute();
      if (result.affected !== 1) continue;
      await this.audit.record(manager, {
        action: 'flag.merged',
        actor: { kind: 'system', id: 'flagging' },
        platformId: flag.platformId,
        subject: { kind: 'flag', id: flag.id },
        data: { into: cluster.id, category: flag.category, accountId: flag.accountId },
      });
    }
  }

  /**
   * Whether a flag may interrupt its live stream before review: a creator's stream flag whose own-content evidence
   * (never viewers' chat or tips) reaches the auto-action threshold, with at least the policy's number of pieces.
   */
  meetsAutoAction(flag: Flag): Promise<boolean> {
    if (!(CATEGORIES as readonly string[]).includes(flag.category)) return Promise.resolve(false);
    return this.flags.allowsAutoAction(flag, this.policy.rule(flag.category as Category));
  }

  /** Opens (or adds to) a flag that a rule raised; returns it, or null when this evidence is already on it. */
  async raise(manager: EntityManager, input: RuleFlag, now: Date): Promise<Flag | null> {
    const { subject, category } = input;
    const openKey = openKeyOf(subject.kind, subject.id, category, subject.party);
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
        actorRole: null,
        actorAccountId: subject.accountId,
      }),
    );
    await manager.update(Flag, { id: flag.id }, { evidenceCount: flag.evidenceCount + 1, updatedAt: now });
    return flag;
  }

  /**
   * Signals that may not count again: those on a decided flag of the category, whatever its subject (evidence a
   * reviewer decided on never counts towards another flag), and those any flag on a `heldBy` kind of subject holds.
   */
  private async unavailableSignals(
    manager: EntityManager,
    category: Category,
    signalIds: string[],
    heldBy: FlagSubjectKind[],
    anyCategory = false,
  ): Promise<Set<string>> {
    const taken = new Set<string>();
    // Chunked: SQLite binds at most 999 parameters.
    for (let i = 0; i < signalIds.length; i += 900) {
      const query = manager
        .getRepository(FlagEvidence)
        .createQueryBuilder('e')
        .innerJoin(Flag, 'f', 'f.id = e.flag_id')
        .select('e.signal_id', 'signal_id')
        .where('e.signal_id IN (:...ids)', { ids: signalIds.slice(i, i + 900) });
      // Confirmed evidence was sanctioned, whatever the category it was confirmed as: it never counts again. A
      // rejection clears it of that category only (a line rejected as porn may still be gambling).
      const decided = anyCategory
        ? 'f.review_state IN (:...decided)'
        : "(f.review_state = 'confirmed' OR (f.category = :category AND f.review_state IN (:...decided)))";
      // Held by a flag on such a subject: a stream's or post's in the category; a cluster's whatever the category
      // (a cluster holds a flood of mixed ads as one conduct).
      const held = "(f.subject_kind IN (:...heldBy) AND (f.subject_kind = 'cluster' OR f.category = :category))";
      query.andWhere(heldBy.length ? `(${decided} OR ${held})` : decided, {
        category,
        decided: DECIDED_STATES,
        heldBy,
      });
      const rows: Array<{ signal_id: string }> = await query.getRawMany();
      for (const row of rows) taken.add(row.signal_id);
    }
    return taken;
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
      openKey: openKeyOf(subject.kind, subject.id, category, subject.party),
      party: subject.party ?? 'creator',
      linkedTo: null,
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
    options: EvaluationOptions,
  ): Promise<Flag | null> {
    const rule = this.policy.rule(category);
    const minSubjects = options.minSubjects ?? 1;
    const openKey = openKeyOf(subject.kind, subject.id, category, subject.party);
    // The open flag is locked before the decided evidence is read (PostgreSQL; SQLite runs one transaction at a
    // time): a reviewer confirming it meanwhile either finishes first, and then its evidence counts as decided,
    // or waits for this transaction. Either way the same evidence cannot open a second flag.
    let flag = await manager.findOne(Flag, {
      where: { openKey },
      ...(manager.connection.options.type === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const decided = await this.unavailableSignals(
      manager,
      category,
      inWindow.map((s) => s.id),
      options.excludeHeldBy ?? [],
      subject.party === 'cluster',
    );
    const evidence = inWindow.filter((s) => !decided.has(s.id));
    if (!evidence.length || new Set(evidence.map((s) => s.subjectId)).size < minSubjects) return null;
    const confidence = combineEvidence(evidence.map((s) => scoreFor(s, category, subject.party)));
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
      (
        await manager.find(FlagEvidence, {
          select: { signalId: true },
          where: { flagId: flag.id, signalId: In(evidence.map((s) => s.id)) },
        })
      ).map((e) => e.signalId),
    );
    const fresh = evidence.filter((s) => !known.has(s.id));
    if (fresh.length) {
      await manager.insert(
        FlagEvidence,
        fresh.map((signal) => this.evidenceRow(flag.id, scoreFor(signal, category, subject.party), signal, now)),
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

  private evidenceRow(flagId: string, score: number, signal: Signal, now: Date): FlagEvidence {
    return Object.assign(new FlagEvidence(), {
      id: newId(),
      flagId,
      signalId: signal.id,
      sourceKind: signal.sourceKind,
      sourceId: signal.sourceId,
      score,
      streamTimeMs: signal.streamTimeMs,
      detail: { ...(signal.detail ?? {}), scores: signal.scores },
      model: signal.model,
      modelVersion: signal.modelVersion,
      createdAt: now,
      actorRole: signal.actorRole ?? null,
      actorAccountId: signal.actorAccountId ?? null,
    });
  }
}
