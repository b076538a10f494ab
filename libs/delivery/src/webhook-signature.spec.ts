import { signatureHeader, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"type":"sanction.issued"}';
  const header = signatureHeader('whsec_test', 1_800_000_000, body);

  it('verifies what it signed, within the tolerance', () => {
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(header, body, 'whsec_test', 1_800_000_100)).toBe(true);
  });

  it('refuses another body, another secret, an old timestamp and a malformed header', () => {
    expect(verifySignature(header, body.replace('issued', 'revoked'), 'whsec_test', 1_800_000_000)).toBe(false);
    expect(verifySignature(header, body, 'whsec_other', 1_800_000_000)).toBe(false);
    expect(verifySignature(header, body, 'whsec_test', 1_800_001_000)).toBe(false);
    expect(verifySignature('v1=abc', body, 'whsec_test', 1_800_000_000)).toBe(false);
    expect(verifySignature(undefined, body, 'whsec_test', 1_800_000_000)).toBe(false);
  });
});
