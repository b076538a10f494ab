import { readFileSync } from 'node:fs';
import { PolicyError, parsePolicy } from './policy';

const category = (flag: number, extra = '') =>
  `{ flag_threshold: ${flag}, evidence_threshold: 0.3, window_seconds: 600, severity: 2, ladder: [warning, delisting], strike_window_days: 90, reasons: { some_reason: { label: Some reason } }${extra} }`;
const valid = (overrides = '') => `
categories:
  gambling: ${category(0.6)}
  porn: ${category(0.8, ', auto_action_threshold: 0.97')}
  tipping: ${category(0.7)}
tipping_rules:
  { window_seconds: 3600, tipper_amount_cap: 1000, single_tip_cap: 500, structuring_min_count: 3, burst_seconds: 120, burst_min_tips: 5, linked_streams_min: 4 }
${overrides}`;

describe('parsePolicy', () => {
  it('reads the categories and versions the file by its hash', () => {
    const policy = parsePolicy(valid());
    expect(policy.categories.porn).toMatchObject({
      flagThreshold: 0.8,
      evidenceThreshold: 0.3,
      windowSeconds: 600,
      autoActionThreshold: 0.97,
    });
    expect(policy.categories.gambling.autoActionThreshold).toBeNull();
    expect(policy.version).toMatch(/^[0-9a-f]{16}$/);
    expect(parsePolicy(valid('# a comment')).version).not.toBe(policy.version);
  });

  it('names the line of a bad value', () => {
    const content = valid().replace('flag_threshold: 0.8', 'flag_threshold: 8');
    expect(() => parsePolicy(content, 'policy.yaml')).toThrow(PolicyError);
    expect(() => parsePolicy(content, 'policy.yaml')).toThrow(
      'policy.yaml:4: categories.porn.flag_threshold must be a number from 0 to 1',
    );
  });

  it('names a bad ladder step, reason and review rule by line', () => {
    expect(() =>
      parsePolicy(
        valid().replace(
          'ladder: [warning, delisting], strike_window_days: 90, reasons: { some_reason: { label: Some reason } } }\n  porn',
          'ladder: [warning, ban], strike_window_days: 90, reasons: { some_reason: { label: Some reason } } }\n  porn',
        ),
        'p.yaml',
      ),
    ).toThrow(/^p\.yaml:3: categories\.gambling\.ladder\[1\]: "ban" is not a sanction/);
    expect(() => parsePolicy(valid('review:\n  second_reviewer_for: [termination]\n'), 'p.yaml')).toThrow(
      /^p\.yaml:9: review\.second_reviewer_for\[0\]/,
    );
    expect(() => parsePolicy(valid('sanctions:\n  ban_evasion: suspension forever\n'), 'p.yaml')).toThrow(
      /^p\.yaml:9: sanctions\.ban_evasion/,
    );
  });

  it('names a missing category and broken YAML', () => {
    expect(() => parsePolicy('categories:\n  gambling: { flag_threshold: 0.5 }\n', 'p.yaml')).toThrow(
      /categories\.gambling\.reasons is missing|categories\.porn is missing/,
    );
    expect(() => parsePolicy('categories: [\n', 'p.yaml')).toThrow(/p.yaml:\d+: not valid YAML/);
  });

  it('accepts the policy the project ships, with the ladders the project promises', () => {
    const policy = parsePolicy(readFileSync('config/policy.yaml', 'utf8'));
    expect(policy.categories.gambling.ladder).toEqual([
      { action: 'warning' },
      { action: 'suspension', days: 3 },
      { action: 'suspension', days: 30 },
      { action: 'delisting' },
    ]);
    expect(policy.categories.porn.ladder).toEqual([
      { action: 'suspension', days: 7 },
      { action: 'suspension', days: 30 },
      { action: 'delisting' },
    ]);
    expect(policy.categories.tipping.ladder).toEqual([
      { action: 'warning' },
      { action: 'suspension', days: 7 },
      { action: 'delisting' },
    ]);
    expect(policy.categories.tipping.reasons.minor_induced_tipping.atLeast).toEqual({ action: 'suspension', days: 30 });
    expect(Object.values(policy.categories).map((c) => c.strikeWindowDays)).toEqual([90, 90, 90]);
    expect(policy.review.secondReviewerFor).toEqual(['delisting']);
    expect(policy.viewers).toEqual({
      ladder: [{ action: 'chat_mute', days: 1 }, { action: 'chat_ban', days: 30 }, { action: 'account_ban' }],
      strikeWindowDays: 90,
    });
    expect(policy.clusters).toEqual({
      minSenders: 3,
      roomAnswersAfterSeconds: 600,
      roomAnswersWhenStreamerJoins: true,
    });
    expect(policy.categories.porn).toMatchObject({ autoActionThreshold: 0.97, autoActionMinSignals: 2 });
    expect(policy.categories.gambling).toMatchObject({ autoActionThreshold: null, autoActionMinSignals: 1 });
  });

  it('names a viewer rung that is a creator rung, and a cluster of one', () => {
    const base = readFileSync('config/policy.yaml', 'utf8');
    expect(() => parsePolicy(base.replace('[chat_mute 1d, chat_ban 30d, account_ban]', '[warning]'))).toThrow(
      /viewers.ladder\[0\]: "warning" is not a sanction: use "chat_mute <N>d", "chat_ban <N>d" or account_ban/,
    );
    expect(() => parsePolicy(base.replace('min_senders: 3', 'min_senders: 1'))).toThrow(
      /clusters.min_senders must be a number from 2 to 10000/,
    );
  });
});
