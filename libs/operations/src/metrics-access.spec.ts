import { metricsAllowed } from './metrics-access';

describe('metricsAllowed', () => {
  const token = 'a-long-scrape-token-1234';
  it.each([
    [undefined, null, true],
    ['Bearer anything', null, true],
    [undefined, token, false],
    ['Bearer wrong-token-wrong-token', token, false],
    [`Basic ${token}`, token, false],
    [`Bearer ${token}`, token, true],
    [`bearer ${token}`, token, true],
  ])('%s with token %s: %s', (header, configured, allowed) => {
    expect(metricsAllowed(header, configured)).toBe(allowed);
  });
});
