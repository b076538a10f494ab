import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as ipaddr from 'ipaddr.js';
import { AddressPolicy, refusedRange } from '@qinglang/config';
import { PermanentJobError } from '@qinglang/queue';

export type { AddressPolicy };

export interface GuardedRequestOptions extends AddressPolicy {
  /** For the whole exchange, headers and body. */
  timeoutMs: number;
  maxRedirects?: number;
  /**
   * An endless body (a live HTTP-FLV stream): the time limit covers the answer's headers only, and the body is
   * cut when it goes silent for `timeoutMs`.
   */
  endless?: boolean;
  /** Stops the exchange at once (a pull being stopped). */
  signal?: AbortSignal;
}

export interface GuardedResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: URL;
  body: Readable;
}

/**
 * A DNS lookup that refuses non-public addresses. Given to the socket as its `lookup`, the address checked is
 * the address connected to: there is no second resolution between check and connect to race (DNS rebinding).
 */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.map((a) => refusedRange(a.address, policy)).find((r) => r !== null);
      if (refused || !addresses.length)
        return callback(
          new PermanentJobError(
            'url_not_allowed',
            `The URL resolves to a ${refused ?? 'missing'} address, which is not fetched.`,
          ),
          '',
          0,
        );
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * GET over http(s) with the address guard on every hop: each redirect is checked again, at most
 * `maxRedirects`. IP-literal hosts are checked before connecting (no lookup runs for them).
 */
export async function guardedGet(source: string | URL, options: GuardedRequestOptions): Promise<GuardedResponse> {
  let url = new URL(source);
  const deadline = Date.now() + options.timeoutMs;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new PermanentJobError('url_not_allowed', 'Only http and https URLs are fetched.');
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host)) {
      const refused = refusedRange(host, options);
      if (refused)
        throw new PermanentJobError('url_not_allowed', `The URL is a ${refused} address, which is not fetched.`);
    }
    const response = await request(url, options, Math.max(1, deadline - Date.now()), !!options.endless, options.signal);
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && location) {
      response.body.resume();
      if (hop >= (options.maxRedirects ?? 3))
        throw new PermanentJobError('fetch_failed', `More than ${options.maxRedirects ?? 3} redirects.`);
      url = new URL(location, url);
      continue;
    }
    return response;
  }
}

function request(
  url: URL,
  policy: AddressPolicy,
  timeoutMs: number,
  endless: boolean,
  signal?: AbortSignal,
): Promise<GuardedResponse> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let response: http.IncomingMessage | undefined;
    // The whole exchange is bounded, not only the idle time between packets; the body says why it stopped.
    const giveUp = (what: string) => {
      const error = new Error(`${what} within ${timeoutMs} ms`);
      req.destroy(error);
      response?.destroy(error);
    };
    const req = client.get(url, { lookup: guardedLookup(policy), timeout: timeoutMs }, (res) => {
      response = res;
      if (endless) clearTimeout(timer);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, url, body: res });
    });
    const timer = setTimeout(
      () => giveUp(response ? 'The body did not arrive whole' : 'No answer from the URL'),
      timeoutMs,
    );
    timer.unref();
    const abort = () => giveUp('Stopped: not finished');
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
    req.on('close', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    });
    req.on('timeout', () => giveUp('The URL went silent: nothing'));
    req.on('error', reject);
  });
}

/** Writes a body to a file as it arrives (nothing held whole in memory), refusing one over `maxBytes`. */
export async function saveBody(response: GuardedResponse, target: string, maxBytes: number): Promise<number> {
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    response.body.destroy();
    throw new PermanentJobError('too_large', `The body is ${declared} bytes; the limit is ${maxBytes}.`);
  }
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes)
        callback(new PermanentJobError('too_large', `The body is over the limit of ${maxBytes} bytes.`));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(response.body, counter, createWriteStream(target));
    return received;
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}

/** Reads a whole body, refusing one over `maxBytes`. */
export async function readBody(response: GuardedResponse, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    response.body.destroy();
    throw new PermanentJobError('too_large', `The body is ${declared} bytes; the limit is ${maxBytes}.`);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) {
      response.body.destroy();
      throw new PermanentJobError('too_large', `The body is over the limit of ${maxBytes} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
