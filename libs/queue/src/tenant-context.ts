import { AsyncLocalStorage } from 'node:async_hooks';

const tenants = new AsyncLocalStorage<string | undefined>();

/**
 * The platform whose work is running: set by the drivers around each job, so the jobs it enqueues (a sampled
 * segment's classify, a batch's flag hop) are that platform's too, without every stage passing it along.
 */
export function currentTenant(): string | undefined {
  return tenants.getStore();
}

export function runAsTenant<T>(tenant: string | undefined, work: () => T): T {
  return tenants.run(tenant, work);
}
