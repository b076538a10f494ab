import { DEFAULT_LIMITS, limitsOf, parseTenantLimits } from './tenant-limits';

describe('parseTenantLimits', () => {
  it('takes the defaults, and a platform overrides only what it names', () => {
    const limits = parseTenantLimits(
      'default:\n  requests_per_second: 20\nplatforms:\n  big:\n    burst: 1000\n    queued_items: 50000\n',
    );
    expect(limitsOf(limits, 'small')).toEqual({ ...DEFAULT_LIMITS, requestsPerSecond: 20 });
    expect(limitsOf(limits, 'big')).toEqual({
      ...DEFAULT_LIMITS,
      requestsPerSecond: 20,
      burst: 1000,
      queuedItems: 50000,
    });
    expect(limits.assumedSegmentSeconds).toBe(10);
  });

  it('an empty file is the defaults', () => expect(parseTenantLimits('').default).toEqual(DEFAULT_LIMITS));

  it.each([
    ['default:\n  requests_per_secnd: 5\n', /default: unknown requests_per_secnd/],
    ['default:\n  burst: 0\n', /default.burst: expected a positive number/],
    ['platforms:\n  a:\n    queued_items: many\n', /platforms.a.queued_items: expected a positive number/],
    ['limits: {}\n', /tenants: unknown limits/],
    ['platforms: [a]\n', /platforms: expected a map/],
    ['assumed_segment_seconds: -1\n', /assumed_segment_seconds/],
  ])('refuses %j', (text, message) => expect(() => parseTenantLimits(text)).toThrow(message));
});
