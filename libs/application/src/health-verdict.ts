import type { ReadinessStatus } from '@qinglang/queue';

/** The entries that are down only because this process is still loading its models. */
const MODEL_ENTRIES = new Set(['models', 'tensorflow']);

export interface HealthVerdict {
  /** Terminus's `status` word: `error` as Terminus says it, or `starting` while only the models are loading. */
  status: 'error' | 'starting';
  code: 'starting' | 'unavailable';
  message: string;
}

/**
 * What a 503 from /health says, from the entries that are down and where the models stand: `starting` while the
 * process is loading its models and nothing else is down (the API serves meanwhile; queued items wait for the
 * models), `unavailable` when a dependency is down or a model failed to load.
 */
export function healthVerdict(down: string[], readiness: ReadinessStatus): HealthVerdict {
  if (readiness.state === 'starting' && down.length && down.every((entry) => MODEL_ENTRIES.has(entry))) {
    const waiting = Object.entries(readiness.checks)
      .filter(([, state]) => state !== 'ready')
      .map(([name]) => name);
    return {
      status: 'starting',
      code: 'starting',
      message: `Starting: loading ${waiting.join(', ')}. Requests are served meanwhile; items are queued and classified once the models are ready.`,
    };
  }
  return { status: 'error', code: 'unavailable', message: `Not ready: ${down.join(', ') || 'a dependency'} down.` };
}
