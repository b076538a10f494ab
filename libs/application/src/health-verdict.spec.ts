import type { ReadinessStatus } from '@qinglang/queue';
import { healthVerdict } from './health-verdict';

const readiness = (state: ReadinessStatus['state'], checks: ReadinessStatus['checks']): ReadinessStatus => ({
  state,
  checks,
});
const loading = readiness('starting', {
  'porn model': 'ready',
  'frame analysis threads': 'loading',
  'text classifier': 'pending',
});

describe('healthVerdict', () => {
  it.each([
    ['models loading, nothing else down', ['models', 'tensorflow'], loading, 'starting', 'starting'],
    ['only the models entry down while loading', ['models'], loading, 'starting', 'starting'],
    ['the database down while loading', ['database', 'models'], loading, 'error', 'unavailable'],
    ['the queue down, models ready', ['queue'], readiness('ready', { 'porn model': 'ready' }), 'error', 'unavailable'],
    [
      'a model failed to load',
      ['models', 'tensorflow'],
      readiness('failed', { 'porn model': 'failed' }),
      'error',
      'unavailable',
    ],
    ['nothing named down (a bare 503)', [], loading, 'error', 'unavailable'],
  ] as const)('%s: %s', (_, down, status, word, code) => {
    expect(healthVerdict([...down], status)).toMatchObject({ status: word, code });
  });

  it('names what is still loading, and what is down', () => {
    expect(healthVerdict(['models'], loading).message).toMatch(
      /^Starting: loading frame analysis threads, text classifier\./,
    );
    expect(healthVerdict(['database', 'storage'], loading).message).toBe('Not ready: database, storage down.');
  });
});
