import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@qinglang/config';
import { EntityBank } from '@qinglang/entity-bank';
import type { BankEntry } from '@qinglang/entity-bank';
import { newId } from '@qinglang/persistence';
import { canonicalEntity, extractEntities } from '@qinglang/text-classifier';
import type { ContactEntity } from '@qinglang/text-classifier';
import { Signal } from './signal.entity';
import type { TextItem } from './text-signals.service';

/** A frame's QR payloads, as entities (a bank may hold a payload exactly as a code carries it). */
function qrPayloads(item: TextItem): ContactEntity[] {
  const codes = item.context?.qrCodes;
  if (!Array.isArray(codes)) return [];
  return codes
    .map((c) => (c as { data?: unknown }).data)
    .filter((data): data is string => typeof data === 'string' && data.length > 0)
    .map((data) => ({ kind: 'qr' as const, value: canonicalEntity('qr', data) }));
}

/**
 * Text (chat, transcripts, posts, on-screen text, QR payloads) carrying an entity a reviewer banked is evidence at
 * once, whatever the text model makes of it: one signal per text, score 1 in each banked entry's category, the
 * entries named as its rule. Looked up in the database on every call, so an entry added or removed counts from
 * the next item on, in every process.
 */
@Injectable()
export class BankSignals {
  readonly model = 'qinglang-bank';

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly bank: EntityBank,
  ) {}

  async forItems(items: TextItem[], now = this.clock.now()): Promise<Signal[]> {
    const found = items.map((item) => ({
      item,
      entities: [...(item.entities ?? extractEntities(item.text)), ...qrPayloads(item)],
    }));
    const withEntities = found.filter((f) => f.entities.length);
    if (!withEntities.length) return [];
    const signals: Signal[] = [];
    for (const platformId of new Set(withEntities.map((f) => f.item.platformId))) {
      const ofPlatform = withEntities.filter((f) => f.item.platformId === platformId);
      const entries = await this.bank.matching(
        platformId,
        ofPlatform.flatMap((f) => f.entities),
      );
      if (!entries.length) continue;
      const byKey = new Map<string, BankEntry[]>();
      for (const entry of entries)
        byKey.set(`${entry.kind}:${entry.value}`, [...(byKey.get(`${entry.kind}:${entry.value}`) ?? []), entry]);
      for (const { item, entities } of ofPlatform) {
        const hits = entities.flatMap((e) => (byKey.get(`${e.kind}:${e.value}`) ?? []).map((entry) => ({ entry, e })));
        if (!hits.length) continue;
        const categories = Object.fromEntries(hits.map((h) => [h.entry.category, 1]));
        signals.push(
          Object.assign(new Signal(), {
            id: newId(),
            platformId,
            sourceKind: item.sourceKind,
            sourceId: item.sourceId,
            model: this.model,
            modelVersion: 'bank',
            scores: categories,
            topLabel: hits[0].entry.category,
            subjectKind: item.subject.kind,
            subjectId: item.subject.id,
            categories,
            detail: {
              ...(item.context ?? {}),
              text: item.text,
              entities: entities as unknown as object,
              rule: hits.map((h) => `bank:${h.entry.id}`).join(','),
              bank: hits.map((h) => ({
                entryId: h.entry.id,
                kind: h.entry.kind,
                value: h.entry.value,
                category: h.entry.category,
                reason: h.entry.reason,
                span: h.e.span ?? null,
              })),
            },
            streamTimeMs: item.streamTimeMs ?? null,
            createdAt: now,
            actorRole: item.actor?.role ?? null,
            actorAccountId: item.actor?.accountId ?? null,
          } satisfies Signal),
        );
      }
    }
    return signals;
  }
}
