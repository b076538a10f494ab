import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface WebhookPostLimits {
  /** To have the connection accepted. */
  connectTimeoutMs: number;
  /** For the whole exchange, from the first byte sent to the reply's status (and what of its body is read). */
  timeoutMs: number;
  /** Of the reply body, at most this much is read; then the connection is closed. */
  maxReplyBytes: number;
  /** Resolves the host (and refuses addresses the policy forbids). */
  lookup?: LookupFunction;
}

/**
 * POSTs one event to a platform's webhook and resolves with the reply's status, or rejects with why not. Bounded
 * every way a receiver can misbehave: a host that never accepts (connect timeout), one that never answers (total
 * timeout), one that answers with an endless or huge body (read up to the cap, then cut). Redirects are not
 * followed (a 3xx is a failed attempt), and each call has a connection of its own, so no receiver's socket is
 * reused for another's.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  limits: WebhookPostLimits,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (error: Error | null, status?: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connecting);
      request.destroy();
      if (error) reject(error);
      else resolve(status!);
    };
    const request = client.request(target, {
      method: 'POST',
      agent: false,
      lookup: limits.lookup,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    let status: number | undefined;
    // Past the limit, a receiver that has sent its status has answered (its body trickling in is not our concern):
    // counting that as a failure would send again an event it accepted.
    const total = setTimeout(
      () => finish(status ? null : new Error(`no answer within ${limits.timeoutMs} ms`), status),
      limits.timeoutMs,
    );
    let connecting: NodeJS.Timeout | undefined;
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      connecting = setTimeout(
        () => finish(new Error(`connection not accepted within ${limits.connectTimeoutMs} ms`)),
        limits.connectTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(connecting));
    });
    request.on('response', (response) => {
      status = response.statusCode;
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > limits.maxReplyBytes) finish(null, response.statusCode);
      });
      response.on('end', () => finish(null, response.statusCode));
      response.on('error', () => finish(null, response.statusCode));
    });
    request.on('error', (error) => finish(error));
    request.end(body);
  });
}
