import { Server, Socket, createConnection, createServer } from 'node:net';

/**
 * A TCP relay between the service and one dependency (PostgreSQL, Redis) that a test can cut and restore: cut
 * drops every open connection and refuses new ones (as a stopped server does), restore listens again on the same
 * port. The service talks to the real server through it, so what it sees is a real outage.
 */
export class FaultyLink {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private listenPort = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** A copy of `url` (postgres:// or redis://) whose host and port are this link's. */
  static async to(url: string): Promise<{ link: FaultyLink; url: string }> {
    const parsed = new URL(url);
    const link = new FaultyLink({ host: parsed.hostname, port: Number(parsed.port) });
    parsed.hostname = '127.0.0.1';
    parsed.port = String(await link.restore());
    return { link, url: parsed.toString() };
  }

  /** Starts (or resumes) relaying; returns the port the service connects to. */
  restore(): Promise<number> {
    if (this.server) return Promise.resolve(this.listenPort);
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        this.listenPort = (server.address() as { port: number }).port;
        resolve(this.listenPort);
      });
    });
  }

  /** The outage: open connections reset, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
