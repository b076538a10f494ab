import { IncomingMessage, Server, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface S3FaultProxy {
  /** Point S3_ENDPOINT here instead of at the server. */
  endpoint: string;
  /** Requests seen, as `METHOD /path` (query string dropped). */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A relay in front of a real S3-compatible server that answers the requests `fail` picks with the bucket's own
 * 503 (ServiceUnavailable, as S3 answers when it is overloaded) and passes every other one through untouched: a
 * bucket blip on one call, over the real protocol, while the rest of the calls work.
 */
export async function startS3FaultProxy(
  target: string,
  fail: (request: IncomingMessage, count: { [method: string]: number }) => boolean,
): Promise<S3FaultProxy> {
  const { hostname, port } = new URL(target);
  const seen: string[] = [];
  const count: { [method: string]: number } = {};
  const server: Server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url?.split('?')[0]}`);
    count[request.method!] = (count[request.method!] ?? 0) + 1;
    if (fail(request, count)) {
      request.resume();
      response.writeHead(503, { 'Content-Type': 'application/xml' });
      response.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code>' +
          '<Message>Please reduce your request rate.</Message></Error>',
      );
      return;
    }
    const upstream = httpRequest(
      { hostname, port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
