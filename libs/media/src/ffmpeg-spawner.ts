import { ChildProcess, spawn } from 'node:child_process';

/** What one ffmpeg run gave back, as runFfmpeg resolves it (or the reason it failed). */
export interface SpawnedRun {
  ok: boolean;
  stdout?: Buffer;
  stderrHead: string;
  stderrTail: string;
  message?: string;
  timedOut?: boolean;
  /** ffmpeg could not start at all (ENOENT and the like). */
  notStarted?: boolean;
}

export interface SpawnRequest {
  binary: string;
  args: string[];
  timeoutMs: number;
  maxStdoutBytes: number;
  maxStderrHead: number;
  stderrTail: number;
}

// The helper process's whole program: plain JavaScript, so it runs the same under ts-node and from dist/. It starts
// each ffmpeg (no shell), bounds what it may print, kills it at its time limit, and answers over IPC.
const HELPER = `
const { spawn } = require('node:child_process');
const running = new Set();
process.on('disconnect', () => { for (const child of running) child.kill('SIGKILL'); process.exit(0); });
process.on('message', ({ id, binary, args, timeoutMs, maxStdoutBytes, maxStderrHead, stderrTail }) => {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
  running.add(child);
  const stdout = [];
  let bytes = 0, head = '', tail = '', timedOut = false, overflow = false, done = false;
  const finish = (reply) => { if (done) return; done = true; running.delete(child); clearTimeout(timer); process.send({ id, ...reply }); };
  const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
  child.stdout.on('data', (chunk) => {
    bytes += chunk.length;
    if (bytes > maxStdoutBytes) { overflow = true; child.kill('SIGKILL'); return; }
    stdout.push(chunk);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    if (head.length < maxStderrHead) head += chunk.slice(0, maxStderrHead - head.length);
    tail = (tail + chunk).slice(-stderrTail);
  });
  child.on('error', (error) => finish({ ok: false, notStarted: true, message: error.message, stderrHead: '', stderrTail: '' }));
  child.on('close', (code, signal) => {
    if (timedOut) return finish({ ok: false, timedOut: true, message: 'time limit', stderrHead: head, stderrTail: tail });
    if (overflow) return finish({ ok: false, message: 'overflow', stderrHead: head, stderrTail: tail });
    if (code !== 0) return finish({ ok: false, message: 'ffmpeg exited with ' + (code ?? signal), stderrHead: head, stderrTail: tail });
    finish({ ok: true, stdout: Buffer.concat(stdout), stderrHead: head, stderrTail: tail });
  });
});
`;

/**
 * Starts ffmpeg from a small helper process instead of this one. spawn() forks the calling process, and forking
 * blocks its event loop for as long as copying its page tables takes: measured here, 2.4 ms from a small process
 * and 106 ms (median; 163 at worst) from one holding 1 GB, which is what the API's process holds with its models
 * and frames. The helper (one per process, started on first use, tens of MB) forks in a few ms, off this thread.
 */
export class FfmpegSpawner {
  private helper?: ChildProcess;
  private next = 0;
  private readonly pending = new Map<number, (run: SpawnedRun) => void>();

  run(request: SpawnRequest): Promise<SpawnedRun> {
    const helper = this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // Held open only while a run is under way: an idle helper keeps no process (or test) alive.
      if (this.pending.size === 1) this.ref(helper, true);
      helper.send({ id, ...request });
    });
  }

  private start(): ChildProcess {
    if (this.helper?.connected) return this.helper;
    const helper = spawn(process.execPath, ['-e', HELPER], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
      // Not the parent's ts-node or inspector flags: the helper is plain JavaScript.
      execArgv: [],
    } as Parameters<typeof spawn>[2]);
    helper.on('message', (reply: SpawnedRun & { id: number }) => {
      const resolve = this.pending.get(reply.id);
      if (!resolve) return;
      this.pending.delete(reply.id);
      if (!this.pending.size) this.ref(helper, false);
      const { id: _id, ...run } = reply;
      resolve({ ...run, stdout: run.stdout ? Buffer.from(run.stdout) : undefined });
    });
    // A helper that dies fails what it was running (retried like any ffmpeg failure); the next run starts another.
    helper.on('exit', () => {
      if (this.helper === helper) this.helper = undefined;
      for (const [id, resolve] of this.pending) {
        this.pending.delete(id);
        resolve({ ok: false, message: 'the ffmpeg helper process exited', stderrHead: '', stderrTail: '' });
      }
    });
    helper.on('error', () => undefined);
    this.ref(helper, false);
    this.helper = helper;
    return helper;
  }

  private ref(helper: ChildProcess, held: boolean): void {
    const channel = helper.channel as { ref(): void; unref(): void } | undefined;
    if (held) {
      helper.ref();
      channel?.ref();
    } else {
      helper.unref();
      channel?.unref();
    }
  }
}

export const ffmpegSpawner = new FfmpegSpawner();
