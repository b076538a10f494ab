import { parentPort, workerData } from 'node:worker_threads';

/** Main thread to a pool thread. */
export type PoolInbound = { type: 'task'; id: number; request: unknown };

/** A pool thread to the main thread. */
export type PoolOutbound =
  | { type: 'ready' }
  | { type: 'init-failed'; error: string }
  | { type: 'done'; id: number; reply: unknown }
  | { type: 'failed'; id: number; error: string; name?: string };

export interface PoolHandler<Request, Reply> {
  /** Loads what the tasks need (models); a throw fails the pool's start. */
  init?(workerData: unknown): Promise<void>;
  handle(request: Request): Promise<{ reply: Reply; transfer?: ArrayBuffer[] }>;
}

/** A pool thread's entry: init once, then one task at a time, in the order they came. */
export function serveWorkerPool<Request, Reply>(handler: PoolHandler<Request, Reply>): void {
  const port = parentPort;
  if (!port) return;
  let queue: Promise<unknown> = (async () => {
    try {
      await handler.init?.(workerData);
      port.postMessage({ type: 'ready' } satisfies PoolOutbound);
    } catch (error) {
      port.postMessage({ type: 'init-failed', error: message(error) } satisfies PoolOutbound);
    }
  })();
  port.on('message', (inbound: PoolInbound) => {
    queue = queue.then(async () => {
      try {
        const { reply, transfer } = await handler.handle(inbound.request as Request);
        port.postMessage({ type: 'done', id: inbound.id, reply } satisfies PoolOutbound, transfer);
      } catch (error) {
        const name = error instanceof Error ? error.name : undefined;
        port.postMessage({ type: 'failed', id: inbound.id, error: message(error), name } satisfies PoolOutbound);
      }
    });
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
