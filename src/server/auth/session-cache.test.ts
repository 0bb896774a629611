import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, logIn, type TestApp } from '../../../test/support/test-app.ts';
import { sessionCacheSize } from './auth.service.ts';

/** Issue 18: the server's memory grew under load; every login left an entry in the session cache for good. */
describe('the session cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.given.twoCounties();
  });
  afterAll(() => t.close());

  it('lets go of sessions nobody uses any more', async () => {
    const sessions = [];
    for (let i = 0; i < 25; i++) sessions.push(await logIn(t.app, 'staff_a'));
    for (const session of sessions) expect((await call(t.app, session, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(sessionCacheSize()).toBeGreaterThanOrEqual(25);
    // Past the cache's moment (2 s), the next session resolved sweeps the others out.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const last = await logIn(t.app, 'staff_a');
    expect((await call(t.app, last, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect(sessionCacheSize()).toBeLessThanOrEqual(2);
    // The old sessions still work: they are looked up again (and cached again) when they come back.
    expect((await call(t.app, sessions[0]!, 'GET', '/api/auth/me')).statusCode).toBe(200);
  });
});
