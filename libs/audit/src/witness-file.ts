import { createReadStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { WitnessLine, formatWitnessLine, parseWitnessLine } from './witness-line';

const TAIL_CHUNK = 64 * 1024;
/** Witness lines are ~250 bytes: a "line" longer than this is not one, and is not carried back further. */
const MAX_LINE = 4 * 1024;

/**
 * The witness file (AUDIT_WITNESS_PATH): JSON lines, only ever appended to. Each append opens the file with the
 * `a` flag (every write goes to the end, whatever else holds it open), writes whole lines and fsyncs before it
 * returns; a new file's folder is fsynced too, so the file survives a crash.
 */
export async function appendWitnessLines(path: string, lines: WitnessLine[]): Promise<void> {
  if (!lines.length) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const size = await stat(path).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return -1;
      throw error;
    },
  );
  // A write torn by a crash left a line without its newline: start on a line of our own.
  const torn = size > 0 && (await lastByte(path, size)) !== 0x0a;
  const text = `${torn ? '\n' : ''}${lines.map((line) => `${formatWitnessLine(line)}\n`).join('')}`;
  const file = await open(path, 'a', 0o600);
  try {
    await file.write(text);
    await file.sync();
  } finally {
    await file.close();
  }
  if (size < 0) await syncFolder(dirname(path));
}

async function lastByte(path: string, size: number): Promise<number> {
  const file = await open(path, 'r');
  try {
    const { buffer } = await file.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0];
  } finally {
    await file.close();
  }
}

async function syncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** The witness file's size now, or null when there is none yet: what a reader bounds itself to. */
export async function witnessFileSize(path: string): Promise<number | null> {
  return stat(path).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    },
  );
}

/**
 * The newest readable line, read from the end (a torn last line is passed over), or null for no witness yet.
 * `size`: read only the file's first `size` bytes (what it held when a verify began).
 */
export async function readNewestWitnessLine(path: string, size?: number | null): Promise<WitnessLine | null> {
  if (size === null) return null;
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    let end = Math.min(size ?? Infinity, (await file.stat()).size);
    let carry = '';
    while (end > 0) {
      const start = Math.max(0, end - TAIL_CHUNK);
      const { buffer, bytesRead } = await file.read(Buffer.alloc(end - start), 0, end - start, start);
      // Lines are ASCII JSON, so a chunk boundary never splits a character.
      const text = buffer.subarray(0, bytesRead).toString('utf8') + carry;
      const parts = text.split('\n');
      // The first part may be the end of a line that began in the chunk before: keep it for the next round.
      carry = start > 0 ? parts.shift()! : '';
      // A long run without a newline is no witness line: drop it rather than carry it (memory stays flat).
      if (carry.length > MAX_LINE) carry = '';
      for (let i = parts.length - 1; i >= 0; i--) {
        const line = parts[i].trim() ? parseWitnessLine(parts[i]) : null;
        if (line) return line;
      }
      end = start;
    }
    return carry.trim() ? parseWitnessLine(carry) : null;
  } finally {
    await file.close();
  }
}

/**
 * Every line from the first, as parsed (null for one that is not a witness line); nothing for no file.
 * `size`: only the file's first `size` bytes (lines appended after a verify began are not its business).
 */
export async function* readWitnessLines(path: string, size?: number | null): AsyncGenerator<WitnessLine | null> {
  if (size === null || size === 0) return;
  const input = createReadStream(path, { encoding: 'utf8', ...(size === undefined ? {} : { end: size - 1 }) });
  const opened = await new Promise<boolean>((resolve, reject) => {
    input.once('open', () => resolve(true));
    input.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve(false) : reject(error)));
  });
  if (!opened) return;
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const text of lines) if (text.trim()) yield parseWitnessLine(text);
  } finally {
    lines.close();
    input.destroy();
  }
}
