import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PoolInbound, PoolOutbound } from './worker-pool-thread';

export interface WorkerPoolOptions {
  /** For errors and logs. */
  name: string;
  /** The thread's entry file, which calls `serveWorkerPool`; a .ts file is loaded through ts-node. */
  file: string;
  /** Threads in the pool. */
  size: number;
  /** Handed to every thread's `init`. */
  workerData?: unknown;
  /** Times a task is run again on a fresh thread after the thread running it died. Default 1. */
  crashRetries?: number;
}

/** A thread died (a native crash, out of memory, process.exit) while running the task, on every attempt. */
export class WorkerCrashedError extends Error {}

/** The pool was closed before the task ran or finished. */
export class WorkerPoolClosedError extends Error {}

interface Task {
  id: number;
  request: unknown;
  transfer?: ArrayBuffer[];
  affinity?: number;
  attempts: number;
  resolve: (reply: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  index: number;
  worker?: Worker;
  ready: boolean;
  running?: Task;
  /** Tasks that prefer this thread (same affinity key): its caches hold their state. */
  queue: Task[];
  crashes: number;
}

export interface WorkerPoolStats {
  size: number;
  busy: number;
  queued: number;
  completed: number;
  /** Threads that died (each is replaced). */
  crashes: number;
}

/**
 * A fixed set of worker threads, one task at a time each. A task may name an affinity key (a stream id): tasks with
 * the same key go to the same thread while it keeps up, so per-stream state there (OCR caches) is reused; an idle
 * thread takes work from the others' queues rather than wait. A thread that dies is replaced and its task run again
 * (up to `crashRetries` times); an error the task itself throws rejects it at once, without a retry.
 */
export class WorkerPool<Request, Reply> {
  private readonly slots: Slot[];
  private readonly shared: Task[] = [];
  private nextId = 1;
  private closed = false;
  private completed = 0;
  private crashes = 0;
  private starting?: Promise<void>;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!(options.size >= 1)) throw new Error(`${options.name}: a pool needs at least one thread`);
    this.slots = Array.from({ length: options.size }, (_, index) => ({ index, ready: false, queue: [], crashes: 0 }));
  }

  get size(): number {
    return this.slots.length;
  }

  get stats(): WorkerPoolStats {
    return {
      size: this.slots.length,
      busy: this.slots.filter((s) => s.running).length,
      queued: this.shared.length + this.slots.reduce((sum, s) => sum + s.queue.length, 0),
      completed: this.completed,
      crashes: this.crashes,
    };
  }

  /** Starts every thread and waits for each to load (its `init`); a thread whose init fails fails this. */
  start(): Promise<void> {
    this.starting ??= Promise.all(this.slots.map((slot) => this.spawn(slot))).then(() => undefined);
    return this.starting;
  }

  run(request: Request, options: { affinity?: string; transfer?: ArrayBuffer[] } = {}): Promise<Reply> {
    if (this.closed) return Promise.reject(new WorkerPoolClosedError(`${this.options.name} is closed`));
    return new Promise<Reply>((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        request,
        transfer: options.transfer,
        affinity: options.affinity === undefined ? undefined : hashKey(options.affinity) % this.slots.length,
        attempts: 0,
        resolve: resolve as (reply: unknown) => void,
        reject,
      };
      if (task.affinity === undefined) this.shared.push(task);
      else this.slots[task.affinity].queue.push(task);
      void this.start().catch(() => undefined);
      this.dispatch();
    });
  }

  /**
   * Rejects what has not started, lets what runs finish (up to `graceMs`), then ends every thread. A thread is not
   * terminated in the middle of a model call: onnxruntime's native work would then complete into a torn-down
   * environment and abort the process.
   */
  async close(graceMs = 10_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new WorkerPoolClosedError(`${this.options.name} is closed`);
    for (const task of [...this.shared.splice(0), ...this.slots.flatMap((s) => s.queue.splice(0))]) task.reject(error);
    const deadline = Date.now() + graceMs;
    while (this.slots.some((s) => s.running && s.worker) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    for (const slot of this.slots) slot.running?.reject(error);
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker;
        slot.worker = undefined;
        slot.running = undefined;
        await worker?.terminate();
      }),
    );
  }

  private spawn(slot: Slot): Promise<void> {
    const file = this.options.file;
    const worker = new Worker(file, {
      workerData: this.options.workerData,
      execArgv: extname(file) === '.ts' ? ['--require', 'ts-node/register/transpile-only'] : undefined,
    });
    slot.worker = worker;
    slot.ready = false;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      worker.on('message', (message: PoolOutbound) => {
        if (message.type === 'ready') {
          settled = true;
          slot.ready = true;
          slot.crashes = 0;
          resolve();
          this.dispatch();
          return;
        }
        if (message.type === 'init-failed') {
          settled = true;
          reject(new Error(`${this.options.name}: ${message.error}`));
          void this.close(); // a model that cannot load will not load on the next thread either
          return;
        }
        const task = slot.running;
        if (!task || task.id !== message.id) return;
        slot.running = undefined;
        this.completed++;
        if (message.type === 'done') task.resolve(message.reply);
        else task.reject(Object.assign(new Error(message.error), { name: message.name ?? 'Error' }));
        this.dispatch();
      });
      const died = (reason: string) => {
        if (slot.worker !== worker) return; // terminated by close(), or already replaced
        slot.worker = undefined;
        slot.ready = false;
        if (!settled) {
          settled = true;
          reject(new Error(`${this.options.name}: a thread died while loading: ${reason}`));
        }
        if (this.closed) return;
        this.crashes++;
        slot.crashes++;
        const task = slot.running;
        slot.running = undefined;
        if (task) {
          if (task.attempts <= (this.options.crashRetries ?? 1)) this.shared.unshift(task);
          else
            task.reject(
              new WorkerCrashedError(
                `${this.options.name}: the thread died running the task (${reason}), ${task.attempts} times`,
              ),
            );
        }
        // Replaced after a pause that grows while it keeps dying, so a crash loop does not spin a core.
        const delay = Math.min(5000, 100 * 2 ** (slot.crashes - 1));
        setTimeout(() => {
          if (!this.closed) this.spawn(slot).catch(() => undefined);
        }, delay).unref();
        this.dispatch();
      };
      worker.on('error', (error) => died(error.message));
      worker.on('exit', (code) => died(`exit code ${code}`));
    });
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (!slot.ready || slot.running || !slot.worker) continue;
      const task = slot.queue.shift() ?? this.shared.shift() ?? this.steal(slot);
      if (!task) continue;
      task.attempts++;
      slot.running = task;
      slot.worker.postMessage(
        { type: 'task', id: task.id, request: task.request } satisfies PoolInbound,
        task.transfer,
      );
    }
  }

  /** The oldest task of the thread with the longest queue, so no thread idles while another has a backlog. */
  private steal(idle: Slot): Task | undefined {
    const busiest = this.slots
      .filter((s) => s !== idle && s.queue.length > 0 && (s.running || !s.ready))
      .sort((a, b) => b.queue.length - a.queue.length)[0];
    return busiest?.queue.shift();
  }
}

/** FNV-1a: a stable, cheap spread of keys over the threads. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
