import { Injectable, Logger } from '@nestjs/common';

/** Where one registered check stands: not asked yet, under way, done, or failed with its error. */
export type ReadinessCheckState = 'pending' | 'loading' | 'ready' | 'failed';

/** The process's readiness as /health reports it: `starting` until every check is ready, `failed` if one failed. */
export interface ReadinessStatus {
  state: 'starting' | 'ready' | 'failed';
  checks: Record<string, ReadinessCheckState>;
}

/**
 * What a process must have loaded before it works (the models, OCR, the text classifier, their threads): registered
 * by the modules that own them (in onModuleInit, before any bootstrap hook runs). Nothing here runs at boot: the
 * HTTP process starts the checks once it listens (main.ts), so the API serves while models load and /health says
 * `starting` meanwhile; a worker process awaits them before it takes jobs, since a job taken while its model loads
 * would sit on its lock and be run again by another worker.
 */
@Injectable()
export class WorkerReadiness {
  private readonly logger = new Logger('Readiness');
  private readonly checks = new Map<string, () => Promise<unknown>>();
  private readonly states = new Map<string, ReadinessCheckState>();
  private all?: Promise<string[]>;

  register(name: string, check: () => Promise<unknown>): void {
    this.checks.set(name, check);
    this.states.set(name, 'pending');
  }

  /**
   * Starts every registered check (once: later calls share the run) and resolves with their names once every one
   * has; the first to fail fails it, and a later call tries again. The checks begin on the next turn of the event
   * loop, so a caller that has just started listening answers connections before any model is touched.
   */
  ready(): Promise<string[]> {
    this.all ??= this.run().catch((error: unknown) => {
      this.all = undefined;
      throw error;
    });
    return this.all;
  }

  status(): ReadinessStatus {
    const checks = Object.fromEntries(this.states);
    const states = Object.values(checks);
    return {
      state: states.includes('failed') ? 'failed' : states.every((s) => s === 'ready') ? 'ready' : 'starting',
      checks,
    };
  }

  private async run(): Promise<string[]> {
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        this.states.set(name, 'loading');
        try {
          await check();
          this.states.set(name, 'ready');
        } catch (error) {
          this.states.set(name, 'failed');
          this.logger.error({ message: 'not ready', check: name, error: String(error).slice(0, 500) });
          throw error;
        }
      }),
    );
    const names = [...this.checks.keys()];
    this.logger.log({ message: 'ready', checks: names, ms: Date.now() - started });
    return names;
  }
}
