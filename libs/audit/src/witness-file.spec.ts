import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendWitnessLines, readNewestWitnessLine, readWitnessLines } from './witness-file';
import { WitnessLine, formatWitnessLine } from './witness-line';

const line = (seq: number): WitnessLine => ({
  seq,
  hash: String(seq % 10).repeat(64),
  signature: 'c2lnbmF0dXJl',
  keyId: '0123456789abcdef',
  at: new Date(1_764_000_000_000 + seq).toISOString(),
});

async function all(path: string) {
  const lines: Array<WitnessLine | null> = [];
  for await (const l of readWitnessLines(path)) lines.push(l);
  return lines;
}

describe('the witness file', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'witness-'));
    path = join(dir, 'nested', 'witness.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is nothing before the first append', async () => {
    expect(await readNewestWitnessLine(path)).toBeNull();
    expect(await all(path)).toEqual([]);
  });

  it('is created 0600 in a folder made 0700, and only grows', async () => {
    await appendWitnessLines(path, [line(5), line(10)]);
    await appendWitnessLines(path, [line(15)]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toBe([5, 10, 15].map((s) => `${formatWitnessLine(line(s))}\n`).join(''));
    expect((await readNewestWitnessLine(path))?.seq).toBe(15);
    expect((await all(path)).map((l) => l?.seq)).toEqual([5, 10, 15]);
  });

  it('passes over a torn last line, and the next append starts a line of its own', async () => {
    await appendWitnessLines(path, [line(5)]);
    appendFileSync(path, formatWitnessLine(line(10)).slice(0, 30));
    expect((await readNewestWitnessLine(path))?.seq).toBe(5);
    await appendWitnessLines(path, [line(15)]);
    expect((await readNewestWitnessLine(path))?.seq).toBe(15);
    expect((await all(path)).map((l) => l?.seq ?? null)).toEqual([5, null, 15]);
  });

  it('finds the newest line at the end of a witness longer than one read', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => line(i + 1));
    writeFileSync(path.replace('nested/', ''), many.map((l) => `${formatWitnessLine(l)}\n`).join(''));
    expect((await readNewestWitnessLine(path.replace('nested/', '')))?.seq).toBe(2000);
  });

  it('finds the newest line behind a long run without a newline, carrying at most a few KB back', async () => {
    await appendWitnessLines(path, [line(1), line(2)]);
    // 64 MB of junk and no newline: carried whole, every chunk would re-split all of it (quadratic).
    appendFileSync(path, 'x'.repeat(64 * 1024 * 1024));
    expect(await readNewestWitnessLine(path)).toEqual(line(2));
    // Carried whole it takes ~20 s here; carried a few KB at most, well under a second.
  }, 10_000);
});
