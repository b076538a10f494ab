import { randomUUID } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { ExpressAdapter } from '@nestjs/platform-express';

/**
 * The API's socket, bound before the application's modules are even loaded (seconds on a busy box): until the
 * application takes it over, every request answers 503 `starting` (on /health with Terminus's shape, `status:
 * "starting"`), so a client or a balancer sees a process that is starting rather than a refused connection.
 */
export function listenWhileStarting(port: number, host: string): Promise<Server> {
  const server = createServer(answerStarting);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** From now on the application answers on the socket (and closes it when it shuts down). */
export function handOver(server: Server, app: INestApplication): void {
  // The application's own server never listens: the adapter is given this one, so shutdown closes it.
  const adapter = app.getHttpAdapter() as unknown as ExpressAdapter;
  adapter.setHttpServer(server);
  server.removeListener('request', answerStarting);
  server.on('request', adapter.getInstance<(request: IncomingMessage, response: ServerResponse) => void>());
}

const MESSAGE = 'Starting: loading the service. Try again in a few seconds.';

function answerStarting(request: IncomingMessage, response: ServerResponse): void {
  const health = request.url === '/health' || request.url?.startsWith('/health?');
  // The error body every other answer has (`{code, message, correlationId}`, see ApiExceptionFilter), as the
  // OpenAPI document's shared 503 says: a client reads `starting` like any other code.
  const requestId = request.headers['x-request-id'];
  const correlationId = (typeof requestId === 'string' && requestId.slice(0, 100)) || randomUUID();
  const body = health
    ? { status: 'starting', code: 'starting', message: MESSAGE, info: {}, error: {}, details: {} }
    : { code: 'starting', message: MESSAGE, correlationId };
  // The body is not read: close the connection after answering rather than wait for it.
  response.writeHead(503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Retry-After': '2',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  response.end(JSON.stringify(body));
}
