import { readFileSync } from 'node:fs';
import { PolicyError, parsePolicy } from './policy';

const valid = (overrides = '') => `
categories:
  gambling: { flag_threshold: 0.6, evidence_threshold: 0.3, window_seconds: 600 }
  porn: { flag_threshold: 0.8, evidence_threshold: 0.5, window_seconds: 300 }
  tipping: { flag_threshold: 0.7, evidence_threshold: 0.4, window_seconds: 900 }
tipping_rules:
  { window_seconds: 3600, tipper_amount_cap: 1000, single_tip_cap: 500, structuring_min_count: 3, burst_seconds: 120, burst_min_tips: 5, linked_streams_min: 4 }
${overrides}`;

describe('parsePolicy', () => {
  it('reads the categories and versions the file by its hash', () => {
    const policy = parsePolicy(valid());
    expect(policy.categories.porn).toEqual({ flagThreshold: 0.8, evidenceThreshold: 0.5, windowSeconds: 300 });
    expect(policy.version).toMatch(/^[0-9a-f]{16}$/);
    expect(parsePolicy(valid('# a comment')).version).not.toBe(policy.version);
  });

  it('names the line of a bad value', () => {
    const content = valid().replace('flag_threshold: 0.8', 'flag_threshold: 8');
    expect(() => parsePolicy(content, 'policy.yaml')).toThrow(PolicyError);
    expect(() => parsePolicy(content, 'policy.yaml')).toThrow('policy.yaml:4: categories.porn.flag_threshold must be a number from 0 to 1');
  });

  it('names a missing category and broken YAML', () => {
    expect(() => parsePolicy('categories:\n  gambling: { flag_threshold: 0.5 }\n', 'p.yaml')).toThrow(/categories.gambling.evidence_threshold|categories.porn is missing/);
    expect(() => parsePolicy('categories: [\n', 'p.yaml')).toThrow(/p.yaml:\d+: not valid YAML/);
  });

  it('accepts the policy the project ships', () => {
    expect(() => parsePolicy(readFileSync('config/policy.yaml', 'utf8'))).not.toThrow();
  });
});
