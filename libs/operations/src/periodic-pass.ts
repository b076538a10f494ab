import { Logger } from '@nestjs/common';

/**
 * A pass a worker process runs every few seconds (deliver due webhooks, end due suspensions): never two at once
 * in one process (a tick during a pass waits for it), its errors logged rather than thrown into a timer, and the
 * pass in flight finished before shutdown. Several processes may run the same pass; the pass itself must be safe
 * for that (leases, compare-and-set).
 */
export class PeriodicPass {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private readonly logger: Logger;

  constructor(
    private readonly name: string,
    private readonly pass: () => Promise<number>,
  ) {
    this.logger = new Logger(name);
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  tick(): Promise<number> {
    this.running ??= this.pass()
      .catch((error) => {
        this.logger.error({ message: `${this.name} pass failed`, error: String(error) });
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
