import type { SignalsService } from '@qinglang/classifier';
import type { Flag, FlagHolds } from '@qinglang/flagging';
import type { RetainedItem } from '@qinglang/ingest';
import type { FrameRetention } from '@qinglang/media';
import type { SanctionHolds } from '@qinglang/sanctions';
import { FactSources, gatherFacts } from './item-facts';

/** In-memory owners: which frames an item has, the signals on them, the flags holding those, their sanctions. */
function sources(): FactSources {
  const signals = [
    { id: 'sig-porn', sourceKind: 'frame', sourceId: 'f1', categories: { porn: 0.9 } },
    { id: 'sig-ocr', sourceKind: 'frame_text', sourceId: 'f2', categories: { gambling: 0.1 } },
    { id: 'sig-text', sourceKind: 'post_text', sourceId: 'p1', categories: { gambling: 0.2 } },
  ];
  const flag = (id: string, status: 'open' | 'closed') => ({ id, status, decidedAt: null, updatedAt: new Date(0) });
  // A model's evidence by signal id; a rule's by its source's id (here, frame f2).
  const holding: Record<string, Flag[]> = {
    'sig-porn': [flag('F', 'closed') as Flag],
    f2: [flag('G', 'open') as Flag],
  };
  return {
    frames: {
      ofItems: (items: Array<{ id: string }>) =>
        Promise.resolve({
          byItem: new Map(items.some((i) => i.id === 's1') ? [['s1', ['f1', 'f2']]] : []),
          storedByItem: new Map([['s1', { files: [], folders: ['frames/p/segment-s1'] }]]),
        }),
    } as unknown as FrameRetention,
    signals: {
      forSources: (kind: string, ids: string[]) =>
        Promise.resolve(signals.filter((s) => s.sourceKind === kind && ids.includes(s.sourceId))),
    } as unknown as SignalsService,
    flags: {
      holding: (ids: string[]) =>
        Promise.resolve(new Map(ids.filter((id) => holding[id]).map((id) => [id, holding[id]]))),
    } as unknown as FlagHolds,
    sanctions: {
      ofFlags: (flagIds: string[]) =>
        Promise.resolve({
          sanctions: flagIds.includes('F') ? [{ id: 'S', flagId: 'F', issuedAt: new Date(1) }] : [],
          appeals: flagIds.includes('F') ? [{ id: 'A', sanctionId: 'S', status: 'pending' }] : [],
        }),
    } as unknown as SanctionHolds,
  };
}

const item = (kind: 'segment' | 'post', id: string): RetainedItem => ({
  kind,
  id,
  platformId: 'p',
  finishedAt: new Date(0),
  files: [],
  folders: [],
  bytes: 0,
});

describe('gatherFacts', () => {
  it("ties each item to the flags holding its frames' signals or its frames themselves, and their sanctions", async () => {
    const facts = await gatherFacts(
      [item('segment', 's1'), item('post', 'p1')],
      { porn: { evidenceThreshold: 0.5 }, gambling: { evidenceThreshold: 0.5 } },
      sources(),
    );
    const segment = facts.get('s1')!;
    expect(segment.flags.map((f) => (f as Flag).id).sort()).toEqual(['F', 'G']);
    expect(segment.sanctions).toHaveLength(1);
    expect(segment.appeals).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect(segment.reachedEvidenceThreshold).toBe(true);
    expect(segment.frameFolders).toEqual(['frames/p/segment-s1']);
    const post = facts.get('p1')!;
    // Its text scored under every threshold and no flag holds it.
    expect(post).toMatchObject({ flags: [], sanctions: [], appeals: [], reachedEvidenceThreshold: false });
  });
});
