import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** Lines of a stream as they arrive (not the whole input first); a trailing '\r' is dropped. */
export function readLines(input: Readable): AsyncIterable<string> {
  return createInterface({ input, crlfDelay: Infinity });
}

export function readFileLines(path: string): AsyncIterable<string> {
  return readLines(createReadStream(path, { encoding: 'utf8' }));
}

/** Writes one line, waiting when the reader is slower than we are. */
export async function writeLine(output: Writable, line: string): Promise<void> {
  if (!output.write(`${line}\n`)) await new Promise((resolve) => output.once('drain', resolve));
}
