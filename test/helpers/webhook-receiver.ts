import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedCall {
  body: string;
  headers: IncomingMessage['headers'];
  status: number;
}

/**
 * A platform's webhook endpoint on 127.0.0.1 for tests: answers each call with the status `respond` picks (or
 * never answers, to stand in for a receiver that hangs), and keeps every call.
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();

  constructor(private readonly respond: (callNumber: number, body: string) => number | 'hang') {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const decision = this.respond(this.calls.length + 1, body);
        this.calls.push({ body, headers: request.headers, status: decision === 'hang' ? 0 : decision });
        if (decision === 'hang') this.hanging.add(response);
        else response.writeHead(decision, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/qinglang`;
  }

  /** Calls the receiver acknowledged with a 2xx. */
  get acknowledged(): ReceivedCall[] {
    return this.calls.filter((c) => c.status >= 200 && c.status < 300);
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
