import { readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { OPENAPI_FILE } from '@qinglang/application';
import { ContractValidator } from '../helpers/openapi-contract';

// The published schemas of a sanction, its statement of reasons and a piece of evidence are tight enough to fail:
// each row breaks one field of a body that validates, the way a regression in the views would, and names the
// error the contract must then report. (openapi-contract.spec checks the published file is what the code builds.)

const ID = '0192f0c4-0000-7000-8000-000000000001';
const FRAME = '0192f0c4-0000-7000-8000-0000000000f1';
const AT = '2026-12-01T10:00:00.000Z';

const textSpan = () => ({
  category: 'gambling',
  span: { start: 0, end: 3 },
  text: '百家乐',
  rule: 'qinglang:gambling:百家乐',
  weight: 0.9,
});

const statement = () => ({
  decision: {
    action: 'suspension',
    summary: 'suspension for 7 days',
    durationDays: 7,
    endsAt: AT,
    interim: false,
    contentAction: { kind: 'cut_stream', streamId: ID, externalId: 'room-1' },
    monetaryAction: { kind: 'freeze_tip_income', until: AT },
  },
  ground: {
    category: 'gambling',
    reasonCode: 'gambling_promotion',
    reasonLabel: 'Promotes gambling',
    policyVersion: 'd904108a80238cb8',
    policy: 'Qinglang policy d904108a80238cb8, categories.gambling',
  },
  facts: {
    account: { id: ID, externalId: 'streamer-1' },
    subject: { kind: 'stream', id: ID, externalId: 'room-1', status: 'live' },
    flag: { id: ID, openedAt: AT, confidence: 0.9, evidenceCount: 2, modelVersions: ['qinglang-text@1'] },
    evidence: [
      {
        source: { kind: 'text_line', id: ID },
        score: 0.9,
        streamTimeMs: 1000,
        model: 'qinglang-text@1',
        text: '百家乐',
        spans: [textSpan()],
      },
      {
        source: { kind: 'tip_event', id: ID },
        score: 0.8,
        streamTimeMs: null,
        model: 'tip-rules@d904108a80238cb8',
        rules: [{ rule: 'minor_tipper', score: 1, explanation: 'a minor tipped', relatedTipIds: [], inducement: null }],
      },
    ],
    strike: { number: 2, windowDays: 90 },
  },
  automation: { detection: 'automated', decision: 'human review (1 reviewer)', automatedDecision: false },
  redress: { appeal: 'The account may appeal.', appealDeadline: AT },
});

const sanction = () => ({
  id: ID,
  kind: 'sanction',
  ladder: 'creator',
  category: 'gambling',
  action: 'suspension',
  durationDays: 7,
  status: 'active',
  strikeNumber: 2,
  reasonCode: 'gambling_promotion',
  account: { id: ID, externalId: 'streamer-1' },
  subject: { kind: 'stream', id: ID, externalId: 'room-1', status: 'live' },
  flagId: ID,
  issuedAt: AT,
  endsAt: AT,
  endedAt: null,
  endReason: null,
  contentAction: { kind: 'cut_stream', streamId: ID, externalId: 'room-1' },
  monetaryAction: { kind: 'freeze_tip_income', until: AT },
  automated: false,
  decidedBy: [ID],
  policyVersion: 'd904108a80238cb8',
  modelVersions: ['qinglang-text@1'],
  statement: statement(),
});

const frameDetail = (imageUrl: string) => ({
  frameId: FRAME,
  positionMs: 2000,
  imageUrl,
  scores: { porn: 0.91, sexy: 0.05, neutral: 0.04 },
  overlay: {
    read: { text: true, qr: true },
    lines: [{ region: 'banner', text: '加微信', confidence: 88, box: { x: 0, y: 0, width: 100, height: 20 } }],
    qrCodes: [
      { data: 'https://x.test', url: 'https://x.test', host: 'x.test', box: { x: 1, y: 2, width: 3, height: 4 } },
    ],
  },
});

const evidence = (imageUrl: string) => ({
  source: { kind: 'frame', id: FRAME },
  score: 0.91,
  streamTimeMs: 2000,
  model: { name: 'nsfwjs', version: 'mobilenet_v2-1' },
  detail: frameDetail(imageUrl),
  actor: { role: 'streamer', accountId: ID },
});

const platformImage = `/v1/frames/${FRAME}/image`;
const reviewImage = `/v1/review/frames/${FRAME}/image`;
const reviewEvidence = () => ({ ...evidence(reviewImage), imageUrl: reviewImage, imageDeletedAt: null });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each row reaches a different nested field to break it
type Body = Record<string, any>;

const BROKEN: Array<{ what: string; schema: string; body: () => unknown; break: (b: Body) => void; error: RegExp }> = [
  {
    what: "a sanction's subject of an unknown kind",
    schema: 'SanctionResponse',
    body: sanction,
    break: (b) => (b.subject.kind = 'room'),
    error: /\/subject\/kind must be equal to one of the allowed values/,
  },
  {
    what: "a sanction's content action without the external id",
    schema: 'SanctionResponse',
    body: sanction,
    break: (b) => delete b.contentAction.externalId,
    error: /\/contentAction must have required property 'externalId'/,
  },
  {
    what: "a sanction's monetary action with an end that is no time",
    schema: 'SanctionResponse',
    body: sanction,
    break: (b) => (b.monetaryAction.until = 'next week'),
    error: /\/monetaryAction\/until must match format "date-time"/,
  },
  {
    what: 'a statement without its decision',
    schema: 'SanctionResponse',
    body: sanction,
    break: (b) => delete b.statement.decision,
    error: /\/statement must have required property 'decision'/,
  },
  {
    what: "a statement's evidence with the model as an object",
    schema: 'SanctionResponse',
    body: sanction,
    break: (b) => (b.statement.facts.evidence[0].model = { name: 'qinglang-text', version: '1' }),
    error: /\/statement\/facts\/evidence\/0\/model must be string/,
  },
  {
    what: "a statement's text span without its end",
    schema: 'SanctionResponse',
    body: sanction,
    break: (b) => delete b.statement.facts.evidence[0].spans[0].span.end,
    error: /\/statement\/facts\/evidence\/0\/spans\/0\/span must have required property 'end'/,
  },
  {
    what: 'a field the statement does not name',
    schema: 'SanctionResponse',
    body: sanction,
    break: (b) => (b.statement.redress.court = 'somewhere'),
    error: /\/statement\/redress must NOT have additional properties/,
  },
  {
    what: "a reviewer's evidence whose detail points at the platform's frame route",
    schema: 'ReviewEvidenceResponse',
    body: reviewEvidence,
    break: (b) => (b.detail.imageUrl = platformImage),
    error: /\/detail\/imageUrl must match pattern/,
  },
  {
    what: "a reviewer's evidence beside the detail at the platform's frame route",
    schema: 'ReviewEvidenceResponse',
    body: reviewEvidence,
    break: (b) => (b.imageUrl = platformImage),
    error: /\/imageUrl must match pattern/,
  },
  {
    what: "a platform's evidence whose detail points at the review route",
    schema: 'EvidenceResponse',
    body: () => evidence(platformImage),
    break: (b) => (b.detail.imageUrl = reviewImage),
    error: /\/detail\/imageUrl must match pattern/,
  },
  {
    what: 'evidence scores that are not numbers',
    schema: 'EvidenceResponse',
    body: () => evidence(platformImage),
    break: (b) => (b.detail.scores.porn = 'high'),
    error: /\/detail\/scores\/porn must be number/,
  },
  {
    what: 'a detail field the document does not name',
    schema: 'EvidenceResponse',
    body: () => evidence(platformImage),
    break: (b) => (b.detail.rawPixels = 'AAAA'),
    error: /\/detail must NOT have additional properties/,
  },
  {
    what: "an item's text span as a pair of numbers",
    schema: 'TextSpanResponse',
    body: textSpan,
    break: (b) => (b.span = [0, 3]),
    error: /\/span must be object/,
  },
];

describe('the published response schemas', () => {
  const validator = new ContractValidator(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenAPIObject);

  it.each([
    ['SanctionResponse', sanction],
    ['ReviewEvidenceResponse', reviewEvidence],
    ['EvidenceResponse', () => evidence(platformImage)],
    ['TextSpanResponse', textSpan],
  ])('take a well-formed %s', (schema, body) => {
    expect(validator.checkSchema(schema, body())).toBeUndefined();
  });

  it.each(BROKEN)('refuse $what', ({ schema, body, break: breakIt, error }) => {
    const broken = body() as Body;
    breakIt(broken);
    expect(validator.checkSchema(schema, broken)).toMatch(error);
  });
});
