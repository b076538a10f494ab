import { lookup } from 'node:dns/promises';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as ipaddr from 'ipaddr.js';
import { PermanentJobError } from '@qinglang/queue';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  /** Allow loopback and private addresses (tests, or a platform's own CDN inside its network). */
  allowPrivate: boolean;
}

const MAX_REDIRECTS = 3;

export async function assertPublic(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host) ? [{ address: host }] : await lookup(host, { all: true });
  for (const { address } of addresses) {
    const range = ipaddr.process(address).range();
    if (range !== 'unicast') {
      throw new PermanentJobError(
        'url_not_allowed',
        `The media URL resolves to a ${range} address, which is not fetched.`,
      );
    }
  }
}

/**
 * Fetches a segment or post video given by URL to a file, with a time limit for the whole transfer, the upload
 * size limit, http(s) only, and no private or loopback addresses (each redirect is checked again).
 */
export async function fetchMedia(source: string, target: string, limits: FetchLimits): Promise<number> {
  let url = new URL(source);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  await mkdir(dirname(target), { recursive: true });
  try {
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new PermanentJobError('url_not_allowed', 'Only http and https URLs are fetched.');
      await assertPublic(url, limits.allowPrivate);
      const response = await fetch(url, { signal, redirect: 'manual' });
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        if (hop >= MAX_REDIRECTS) throw new PermanentJobError('fetch_failed', `More than ${MAX_REDIRECTS} redirects.`);
        url = new URL(response.headers.get('location')!, url);
        continue;
      }
      if (response.status >= 400 && response.status < 500)
        throw new PermanentJobError('fetch_failed', `The media URL answered HTTP ${response.status}.`);
      if (!response.ok || !response.body) throw new Error(`The media URL answered HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > limits.maxBytes)
        throw new PermanentJobError('too_large', `The media is ${declared} bytes; the limit is ${limits.maxBytes}.`);
      let received = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          if (received > limits.maxBytes)
            callback(new PermanentJobError('too_large', `The media is over the limit of ${limits.maxBytes} bytes.`));
          else callback(null, chunk);
        },
      });
      await pipeline(Readable.fromWeb(response.body as never), counter, createWriteStream(target));
      if (received === 0) throw new PermanentJobError('empty_media', 'The media URL returned an empty body.');
      return received;
    }
  } catch (error) {
    await rm(target, { force: true });
    if (signal.aborted) throw new Error(`Fetching the media took longer than ${limits.timeoutMs} ms`);
    throw error;
  }
}
