import { open, readFile } from 'node:fs/promises';

// ffmpeg's MJPEG encoder writes its frame header (SOF) within the first few hundred bytes, after the JFIF,
// comment and quantisation segments; a JPEG with more in front of it is read whole.
const HEADER_BYTES = 2048;
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height of a JPEG from its frame header, reading only the start of the file where it can. */
export async function readJpegSize(path: string): Promise<{ width: number; height: number }> {
  const file = await open(path, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.allocUnsafe(HEADER_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEADER_BYTES, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  const size = jpegSize(head) ?? (head.length === HEADER_BYTES ? jpegSize(await readFile(path)) : undefined);
  if (!size) throw new Error(`${path} has no JPEG frame header`);
  return size;
}

/** Walks the marker segments from SOI to the first SOFn; undefined when the bytes end first. */
export function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte before a marker
      continue;
    }
    if (SOF.has(marker)) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return undefined;
}

// Each read is three small system calls; a few dozen in flight keep libuv's threads busy without flooding them.
const READS_AT_ONCE = 64;

/** The sizes of many JPEGs, in the order given. */
export async function readJpegSizes(paths: string[]): Promise<Array<{ width: number; height: number }>> {
  const sizes: Array<{ width: number; height: number }> = [];
  for (let i = 0; i < paths.length; i += READS_AT_ONCE) {
    sizes.push(...(await Promise.all(paths.slice(i, i + READS_AT_ONCE).map(readJpegSize))));
  }
  return sizes;
}
