import { readFileSync } from 'node:fs';
import { parsePolicy } from './policy';

const shipped = readFileSync('config/policy.yaml', 'utf8');
const withRetention = (section: string) => shipped.replace(/\nretention:\n( {2}.*\n)+/, `\nretention:\n${section}`);

describe('retention policy', () => {
  it('ships 7 days for benign media and 3 years for evidence', () => {
    expect(parsePolicy(shipped).retention).toEqual({ benignDays: 7, complianceDays: 1095 });
  });

  it('defaults to the same when the section is left out', () => {
    expect(parsePolicy(shipped.replace(/\nretention:\n( {2}.*\n)+/, '\n')).retention).toEqual({
      benignDays: 7,
      complianceDays: 1095,
    });
  });

  it.each([
    ['  benign_days: 0\n  compliance_days: 1095\n', /retention\.benign_days must be a number from 1 to 3650/],
    ['  benign_days: 7\n  compliance_days: 3\n', /retention\.compliance_days must be at least benign_days/],
    // The appeal window is 30 days: evidence must outlive it.
    [
      '  benign_days: 7\n  compliance_days: 20\n',
      /retention\.compliance_days must be at least benign_days and sanctions\.appeal_window_days/,
    ],
    ['  benign_days: seven\n', /retention\.benign_days must be a number/],
  ])('refuses %j, naming the key and line', (section, message) => {
    expect(() => parsePolicy(withRetention(section), 'policy.yaml')).toThrow(message);
    expect(() => parsePolicy(withRetention(section), 'policy.yaml')).toThrow(/^policy\.yaml:\d+: /);
  });

  it('refuses benign media kept shorter than a category window: it could still join a flag', () => {
    const longWindow = shipped.replace('window_seconds: 600', `window_seconds: ${10 * 86_400}`);
    expect(() => parsePolicy(longWindow, 'policy.yaml')).toThrow(
      /retention\.benign_days must be at least 10: the longest category window/,
    );
    expect(parsePolicy(longWindow.replace('benign_days: 7', 'benign_days: 10')).retention.benignDays).toBe(10);
  });
});
