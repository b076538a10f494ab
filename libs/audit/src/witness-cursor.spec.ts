import { WitnessCursor } from './witness-cursor';
import { WitnessLine } from './witness-line';

const line = (seq: number): WitnessLine => ({ seq, hash: 'a'.repeat(64), signature: 'x', keyId: 'k', at: 't' });

async function* from(lines: Array<WitnessLine | null>) {
  yield* lines;
}

describe('WitnessCursor', () => {
  it('hands out lines page by page, holding one ahead', async () => {
    const cursor = new WitnessCursor(from([line(5), line(10), line(15), line(20)]));
    expect((await cursor.upTo(9)).map((l) => l.seq)).toEqual([5]);
    expect((await cursor.upTo(9)).map((l) => l.seq)).toEqual([]);
    expect((await cursor.upTo(15)).map((l) => l.seq)).toEqual([10, 15]);
    expect((await cursor.next())?.seq).toBe(20);
    expect(await cursor.next()).toBeNull();
    expect(await cursor.next()).toBeNull();
  });

  it('passes over unreadable lines and lines that go back in seq, counting them', async () => {
    const cursor = new WitnessCursor(from([line(5), null, line(3), line(5), line(8)]));
    expect((await cursor.upTo(100)).map((l) => l.seq)).toEqual([5, 5, 8]);
    expect(cursor.ignored).toBe(2);
    expect(cursor.read).toBe(5);
  });
});
