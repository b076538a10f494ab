// A pool thread for worker-pool.spec.ts: echoes, fails, or dies on request, and says which thread it is.
import { threadId } from 'node:worker_threads';
import { serveWorkerPool } from './worker-pool-thread';

export type TestRequest =
  | { kind: 'echo'; value: number; waitMs?: number }
  | { kind: 'fail'; message: string }
  | { kind: 'crash-once'; marker: string }
  | { kind: 'crash' };

serveWorkerPool<TestRequest, { value?: number; threadId: number }>({
  async init(data) {
    if ((data as { failInit?: boolean } | undefined)?.failInit) throw new Error('no model here');
  },
  async handle(request) {
    if (request.kind === 'fail') throw new RangeError(request.message);
    if (request.kind === 'crash') process.exit(3);
    if (request.kind === 'crash-once') {
      // Threads share nothing: a marker file tells the fresh thread that the first one died on this task.
      const { existsSync, writeFileSync } = await import('node:fs');
      if (!existsSync(request.marker)) {
        writeFileSync(request.marker, 'crashed');
        process.exit(4);
      }
      return { reply: { threadId } };
    }
    if (request.waitMs) await new Promise((resolve) => setTimeout(resolve, request.waitMs));
    return { reply: { value: request.value * 2, threadId } };
  },
});
