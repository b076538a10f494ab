import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedCall {
  body: string;
  headers: IncomingMessage['headers'];
  status: number;
  /** The status line reached a sender still connected (false while a slow reply waits, or when it gave up first). */
  answered: boolean;
  /** When the status line went out, in epoch milliseconds. */
  answeredAt?: number;
}

/**
 * How to answer one call: a status, `hang` (never answer), or a status sent after `delayMs` (a slow receiver) and
 * followed by `bodyBytes` of reply body streamed out (a huge reply).
 */
export type Reply = number | 'hang' | { status: number; delayMs?: number; bodyBytes?: number };

const CHUNK = Buffer.alloc(1 << 20, 'x');

/**
 * A platform's webhook endpoint on 127.0.0.1 for tests: answers each call with the reply `respond` picks (or
 * never answers, to stand in for a receiver that hangs), and keeps every call.
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();

  constructor(private readonly respond: (callNumber: number, body: string) => Reply) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const decision = this.respond(this.calls.length + 1, body);
        const reply = typeof decision === 'object' ? decision : null;
        const status: number = decision === 'hang' ? 0 : typeof decision === 'number' ? decision : decision.status;
        const call: ReceivedCall = { body, headers: request.headers, status, answered: false };
        this.calls.push(call);
        if (decision === 'hang') return void this.hanging.add(response);
        const answer = () => {
          // A sender that gave up (its time limit) is gone: what is written now reaches nobody.
          if (response.destroyed || request.socket.destroyed) return;
          call.answered = true;
          call.answeredAt = Date.now();
          if (!reply?.bodyBytes)
            return void response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
          response.writeHead(status, { 'content-type': 'application/octet-stream' });
          let left = reply.bodyBytes;
          const pump = () => {
            while (left > 0 && !response.destroyed) {
              const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
              left -= piece.length;
              if (!response.write(piece)) return void response.once('drain', pump);
            }
            if (!response.destroyed) response.end();
          };
          pump();
        };
        if (reply?.delayMs) {
          this.hanging.add(response);
          setTimeout(() => {
            this.hanging.delete(response);
            answer();
          }, reply.delayMs).unref();
        } else answer();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/qinglang`;
  }

  /** Calls the receiver acknowledged with a 2xx that reached the sender. */
  get acknowledged(): ReceivedCall[] {
    return this.calls.filter((c) => c.status >= 200 && c.status < 300 && c.answered);
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
