import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, In, IsNull, Not } from 'typeorm';
import { AuditLog } from '@qinglang/audit';
import { CLOCK, Clock } from '@qinglang/config';
import { ApiError } from '@qinglang/operations';
import { isUniqueViolation, newId } from '@qinglang/persistence';
import { POLICY_CATEGORIES } from '@qinglang/policy';
import { PlatformsService } from '@qinglang/platforms';
import { ENTITY_KINDS, EntityKind, canonicalEntity, isEntityValue } from '@qinglang/text-classifier';
import { BankEntry } from './bank-entry.entity';
import { bankEntryView } from './bank-entry-view';

export interface BankEntryInput {
  platformId: string;
  kind: string;
  value: string;
  category: string;
  reason: string;
  sourceFlagId?: string | null;
}

/** At most this many lines in one import: a bank is a list a person curates, not a feed. */
export const MAX_IMPORT_LINES = 10_000;

const activeKeyOf = (kind: string, value: string) => `${kind}:${value}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks one entry; returns it in canonical form or the reason it is refused. */
export function checkBankEntry(input: BankEntryInput): BankEntryInput | string {
  if (!(ENTITY_KINDS as readonly string[]).includes(input.kind))
    return `kind must be one of ${ENTITY_KINDS.join(', ')}`;
  if (!(POLICY_CATEGORIES as readonly string[]).includes(input.category))
    return `category must be one of ${POLICY_CATEGORIES.join(', ')}`;
  if (typeof input.value !== 'string' || typeof input.reason !== 'string') return 'value and reason must be texts';
  const value = canonicalEntity(input.kind as EntityKind, input.value);
  if (!value || value.length > 500) return 'value must be 1 to 500 characters once normalised';
  // A value no text can carry would never match: refuse it rather than bank something inert.
  if (!isEntityValue(input.kind as EntityKind, value)) return `"${value}" is not a ${input.kind} value`;
  const reason = input.reason.trim();
  if (!reason || reason.length > 1000) return 'reason must be 1 to 1000 characters';
  if (typeof input.platformId !== 'string' || !UUID.test(input.platformId)) return 'platformId must be a platform id';
  return { ...input, value, reason };
}

/**
 * The platform's bank of confirmed operators' contacts, links and QR payloads: added and removed by reviewers, each
 * change in the audit log with who made it and why; text matched against it at classification.
 */
@Injectable()
export class EntityBank {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly platforms: PlatformsService,
  ) {}

  async add(staffId: string, input: BankEntryInput): Promise<BankEntry> {
    const checked = checkBankEntry(input);
    if (typeof checked === 'string') throw new ApiError(422, 'invalid_bank_entry', checked);
    await this.requirePlatforms([checked.platformId]);
    try {
      return await this.dataSource.transaction((manager) => this.insert(manager, staffId, checked));
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ApiError(409, 'already_banked', `${checked.kind} ${checked.value} is already in the bank.`);
      throw error;
    }
  }

  async remove(staffId: string, id: string, reason: string): Promise<BankEntry> {
    return this.dataSource.transaction(async (manager) => {
      const entry = await manager.findOneBy(BankEntry, { id });
      if (!entry) throw new ApiError(404, 'bank_entry_not_found', `No such bank entry: ${id}`);
      const now = this.clock.now();
      const result = await manager.update(
        BankEntry,
        { id, activeKey: Not(IsNull()) },
        { activeKey: null, removedBy: staffId, removedAt: now, removalReason: reason },
      );
      if (result.affected !== 1) throw new ApiError(409, 'bank_entry_removed', `Bank entry ${id} was already removed.`);
      Object.assign(entry, { activeKey: null, removedBy: staffId, removedAt: now, removalReason: reason });
      await this.audit.record(manager, {
        action: 'bank.entry_removed',
        actor: { kind: 'staff', id: staffId },
        platformId: entry.platformId,
        subject: { kind: 'bank_entry', id },
        data: { kind: entry.kind, value: entry.value, category: entry.category, reason },
      });
      return entry;
    });
  }

  list(filter: { platformId?: string; includeRemoved?: boolean }, limit = 1000): Promise<BankEntry[]> {
    const where: FindOptionsWhere<BankEntry> = {};
    if (filter.platformId) where.platformId = filter.platformId;
    if (!filter.includeRemoved) where.activeKey = Not(IsNull());
    return this.dataSource.getRepository(BankEntry).find({ where, order: { addedAt: 'ASC', id: 'ASC' }, take: limit });
  }

  /** The entries in force as JSON lines, the form `import` reads back. */
  async exportLines(platformId?: string): Promise<string> {
    const entries = await this.list({ platformId }, 1_000_000);
    return entries.map((e) => JSON.stringify(bankEntryView(e))).join('\n') + (entries.length ? '\n' : '');
  }

  /**
   * JSON lines of entries (platformId, kind, value, category, reason); every line is checked before any is
   * written, so a bad file changes nothing. Values already banked are counted, not added again.
   */
  async importLines(
    staffId: string,
    text: string,
    platformId?: string,
  ): Promise<{ added: number; alreadyBanked: number }> {
    const lines = text.split('\n').filter((l) => l.trim());
    if (lines.length > MAX_IMPORT_LINES)
      throw new ApiError(413, 'too_many_lines', `At most ${MAX_IMPORT_LINES} entries per import.`);
    const entries = lines.map((line, i) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new ApiError(422, 'invalid_bank_entry', `Line ${i + 1} is not JSON.`);
      }
      const raw = (parsed ?? {}) as Record<string, unknown>;
      const checked = checkBankEntry({
        platformId: platformId ?? (raw.platformId as string),
        kind: raw.kind as string,
        value: raw.value as string,
        category: raw.category as string,
        reason: raw.reason as string,
      });
      if (typeof checked === 'string') throw new ApiError(422, 'invalid_bank_entry', `Line ${i + 1}: ${checked}`);
      return checked;
    });
    await this.requirePlatforms(entries.map((e) => e.platformId));
    try {
      return await this.importChecked(staffId, entries);
    } catch (error) {
      // The same value added at the same moment by someone else: nothing of this import was written.
      if (isUniqueViolation(error))
        throw new ApiError(
          409,
          'bank_changed',
          'The bank changed during the import; nothing was written: import again.',
        );
      throw error;
    }
  }

  /** A list's platform filter names a platform Qinglang has: else 400, not an empty list that reads as "none banked". */
  async checkPlatformFilter(platformId: string | undefined): Promise<void> {
    if (platformId && !(await this.platforms.exists(platformId)))
      throw new ApiError(400, 'unknown_platform', `No platform has the id ${platformId}.`);
  }

  private async requirePlatforms(ids: string[]): Promise<void> {
    for (const id of new Set(ids))
      if (!(await this.platforms.exists(id))) throw new ApiError(422, 'unknown_platform', `No such platform: ${id}`);
  }

  private importChecked(staffId: string, entries: BankEntryInput[]): Promise<{ added: number; alreadyBanked: number }> {
    return this.dataSource.transaction(async (manager) => {
      let added = 0;
      let alreadyBanked = 0;
      const seen = new Set<string>();
      for (const entry of entries) {
        const key = `${entry.platformId}:${activeKeyOf(entry.kind, entry.value)}`;
        const exists =
          seen.has(key) ||
          (await manager.existsBy(BankEntry, {
            platformId: entry.platformId,
            activeKey: activeKeyOf(entry.kind, entry.value),
          }));
        seen.add(key);
        if (exists) alreadyBanked++;
        else {
          await this.insert(manager, staffId, entry, 'import');
          added++;
        }
      }
      return { added, alreadyBanked };
    });
  }

  /** The entries in force on the platform that these entities (canonical kind and value) hit. */
  async matching(
    platformId: string,
    entities: Array<{ kind: string; value: string }>,
    manager?: EntityManager,
  ): Promise<BankEntry[]> {
    if (!entities.length) return [];
    const keys = [...new Set(entities.map((e) => activeKeyOf(e.kind, e.value)))];
    const found: BankEntry[] = [];
    for (let i = 0; i < keys.length; i += 500)
      found.push(
        ...(await (manager ?? this.dataSource.manager).findBy(BankEntry, {
          platformId,
          activeKey: In(keys.slice(i, i + 500)),
        })),
      );
    return found;
  }

  private async insert(
    manager: EntityManager,
    staffId: string,
    input: BankEntryInput,
    via: 'api' | 'import' = 'api',
  ): Promise<BankEntry> {
    const entry = Object.assign(new BankEntry(), {
      id: newId(),
      platformId: input.platformId,
      kind: input.kind,
      value: input.value,
      category: input.category,
      reason: input.reason,
      sourceFlagId: input.sourceFlagId ?? null,
      addedBy: staffId,
      addedAt: this.clock.now(),
      activeKey: activeKeyOf(input.kind, input.value),
      removedBy: null,
      removedAt: null,
      removalReason: null,
    });
    await manager.insert(BankEntry, entry);
    await this.audit.record(manager, {
      action: 'bank.entry_added',
      actor: { kind: 'staff', id: staffId },
      platformId: entry.platformId,
      subject: { kind: 'bank_entry', id: entry.id },
      data: {
        kind: entry.kind,
        value: entry.value,
        category: entry.category,
        reason: entry.reason,
        sourceFlagId: entry.sourceFlagId,
        via,
      },
    });
    return entry;
  }
}
