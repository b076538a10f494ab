import { ManualClock } from '@qinglang/config';
import { StaffService } from '@qinglang/staff';
import { TestApp, useEmbeddedApp } from '../helpers/test-app';

const DAY = 86_400_000;

/** Staff tokens expire after the policy's lifetime, can be rotated, and a revoked one stops at once. */
describe('staff tokens', () => {
  const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
  const fixture = useEmbeddedApp({}, clock);
  let t: TestApp;
  const queue = (token: string) => t.http().get('/v1/review/queue').set('Authorization', `Bearer ${token}`);

  beforeAll(() => {
    t = fixture.app;
  });

  it('expires a token 90 days after it was issued, and a rotated one works again', async () => {
    const { token } = await t.createStaff('reviewer', 'Token Ageing');
    expect((await queue(token)).status).toBe(200);
    clock.advance(90 * DAY - 1000);
    expect((await queue(token)).status).toBe(200);
    clock.advance(1000);
    const expired = await queue(token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'staff_token_expired', message: expect.stringContaining('rotate') });

    const rotated = await t.app.get(StaffService).rotate('Token Ageing');
    expect((await queue(rotated.token)).status).toBe(200);
    expect((await queue(token)).body.code).toBe('invalid_staff_token');
  });

  it('stops a revoked token on its next request, and rotating gives access back', async () => {
    const { token } = await t.createStaff('compliance', 'Token Revoked');
    const report = () => t.http().get('/v1/compliance/sanctions').set('Authorization', `Bearer ${token}`);
    expect((await report()).status).toBe(200);
    await t.app.get(StaffService).revoke('Token Revoked');
    const refused = await report();
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('staff_token_revoked');
    const back = await t.app.get(StaffService).rotate('Token Revoked');
    expect((await t.http().get('/v1/compliance/sanctions').set('Authorization', `Bearer ${back.token}`)).status).toBe(
      200,
    );
    await expect(t.app.get(StaffService).revoke('Nobody')).rejects.toThrow('Nobody is named "Nobody".');
  });
});
