import { PolicyError, loadPolicy, parsePolicy, textThresholds } from './policy-loader';

describe('policy loader', () => {
  it('reads flag thresholds and ignores sections and keys it does not know', () => {
    const policy = parsePolicy(`
version: 3
categories:
  gambling: { flag_threshold: 0.6, auto_action_threshold: 0.95, ladder: [warning, suspend_3d] }
  porn: { flag_threshold: 0.5 }
  tipping: { flag_threshold: 0.7 }
sanctions: { strike_window_days: 90 }
`);
    expect(textThresholds(policy)).toEqual({ gambling: 0.6, porn: 0.5, tipping: 0.7 });
  });

  it.each([
    ['categories: { gambling: { flag_threshold: 1.5 } }', /gambling.flag_threshold/],
    ['categories: { gambling: { flag_threshold: "high" } }', /gambling.flag_threshold/],
    ['categories: { gambling: {} }', /gambling.flag_threshold/],
    ['thresholds: {}', /categories/],
    ['categories: [', /not valid YAML/],
  ])('rejects %j', (content, message) => {
    expect(() => parsePolicy(content)).toThrow(PolicyError);
    expect(() => parsePolicy(content)).toThrow(message);
  });

  it('requires every text category for the text thresholds', () => {
    expect(() => textThresholds(parsePolicy('categories: { gambling: { flag_threshold: 0.5 } }'))).toThrow(/porn, tipping/);
  });

  it('loads the shipped config/policy.yaml', () => {
    const thresholds = textThresholds(loadPolicy());
    for (const value of Object.values(thresholds)) expect(value).toBeGreaterThan(0);
  });
});
