import { Injectable } from '@nestjs/common';

/**
 * What a process must have ready before it takes jobs (the models, their threads): registered by the modules that
 * own them (in onModuleInit, before any bootstrap hook runs), awaited by the worker service. A job taken before its
 * model has loaded would sit on its lock while the model loads and be run again by another worker.
 */
@Injectable()
export class WorkerReadiness {
  private readonly checks = new Map<string, () => Promise<unknown>>();

  register(name: string, check: () => Promise<unknown>): void {
    this.checks.set(name, check);
  }

  /** Resolves once every registered check has; the first one to fail fails it (the process cannot work). */
  async ready(): Promise<string[]> {
    await Promise.all([...this.checks.values()].map((check) => check()));
    return [...this.checks.keys()];
  }
}
