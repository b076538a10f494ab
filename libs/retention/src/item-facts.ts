import type { SignalsService } from '@qinglang/classifier';
import type { Flag, FlagHolds } from '@qinglang/flagging';
import type { RetainedItem } from '@qinglang/ingest';
import type { FrameRetention } from '@qinglang/media';
import type { SanctionHolds } from '@qinglang/sanctions';
import { ItemMediaFacts, reachesEvidenceThreshold } from './retention-verdict';

/** An item's facts for the verdict, with the stored files of its frames (deleted with it). */
export interface ItemFacts extends ItemMediaFacts {
  frameFiles: string[];
  frameFolders: string[];
}

export interface FactSources {
  frames: FrameRetention;
  signals: SignalsService;
  flags: FlagHolds;
  sanctions: SanctionHolds;
}

/**
 * Gathers, for a batch of items, what the verdict needs, through each owner's service: their frames, the signals on
 * those frames and on a post's text, the flags holding any of those signals, the sanctions on the flags and the
 * appeals against them. A fixed number of look-ups per batch, whatever its size.
 */
export async function gatherFacts(
  items: RetainedItem[],
  thresholds: Record<string, { evidenceThreshold: number }>,
  sources: FactSources,
): Promise<Map<string, ItemFacts>> {
  const frames = await sources.frames.ofItems(items);
  const itemOfFrame = new Map<string, string>();
  for (const [itemId, frameIds] of frames.byItem) for (const frameId of frameIds) itemOfFrame.set(frameId, itemId);
  const frameIds = [...itemOfFrame.keys()];
  const postIds = items.filter((i) => i.kind === 'post').map((i) => i.id);
  const signals = [
    ...(await sources.signals.forSources('frame', frameIds)),
    ...(await sources.signals.forSources('frame_text', frameIds)),
    ...(await sources.signals.forSources('post_text', postIds)),
  ];
  // Evidence names a model's signal by its id, a rule's by its source's id (a frame, a post): both are looked up.
  const itemOfSignal = new Map<string, string>([
    ...signals.map((s): [string, string] => [
      s.id,
      s.sourceKind === 'post_text' ? s.sourceId : itemOfFrame.get(s.sourceId)!,
    ]),
    ...itemOfFrame,
    ...postIds.map((id): [string, string] => [id, id]),
  ]);
  const holding = await sources.flags.holding([...itemOfSignal.keys()]);
  const flagsOfItem = new Map<string, Map<string, Flag>>();
  for (const [signalId, flags] of holding) {
    const itemId = itemOfSignal.get(signalId)!;
    const known = flagsOfItem.get(itemId) ?? new Map<string, Flag>();
    for (const flag of flags) known.set(flag.id, flag);
    flagsOfItem.set(itemId, known);
  }
  const { sanctions, appeals } = await sources.sanctions.ofFlags([
    ...new Set([...flagsOfItem.values()].flatMap((m) => [...m.keys()])),
  ]);

  const facts = new Map<string, ItemFacts>();
  for (const item of items) {
    const flags = [...(flagsOfItem.get(item.id)?.values() ?? [])];
    const flagIds = new Set(flags.map((f) => f.id));
    const itemSanctions = sanctions.filter((s) => flagIds.has(s.flagId));
    const sanctionIds = new Set(itemSanctions.map((s) => s.id));
    const stored = frames.storedByItem.get(item.id) ?? { files: [], folders: [] };
    facts.set(item.id, {
      finishedAt: item.finishedAt,
      reachedEvidenceThreshold: signals.some(
        (s) => itemOfSignal.get(s.id) === item.id && reachesEvidenceThreshold(s.categories, thresholds),
      ),
      flags,
      sanctions: itemSanctions,
      appeals: appeals.filter((a) => sanctionIds.has(a.sanctionId)),
      frameFiles: stored.files,
      frameFolders: stored.folders,
    });
  }
  return facts;
}
