import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, registeredRoutes, TEST_PASSWORD, type TestApp } from '../../../test/support/test-app.ts';

function login(t: TestApp, username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

describe('login lockout', () => {
  let t: TestApp;
  let city: { id: number };
  beforeAll(async () => {
    t = await createTestApp();
    city = await t.given.unit();
  });
  afterAll(() => t.close());

  it('locks the account for 15 minutes after 5 failed logins, refusing even the right password meanwhile', async () => {
    const user = await t.given.user({ unit: city, role: 'staff', username: 'locky' });
    for (let i = 1; i <= 4; i++) expectApiError(await login(t, 'locky', `Wrong-pass-${i}`), 401, 'auth.badCredentials');
    expect((await t.read.user(user.id))!.failedLogins).toBe(4);

    const fifth = await login(t, 'locky', 'Wrong-pass-5');
    expectApiError(fifth, 423, 'auth.locked');
    expect(fifth.json().error.message.en).toContain('15 minutes');
    expect((await t.read.audit()).filter((a) => a.action === 'lockout' && a.entityId === String(user.id))).toHaveLength(1);

    expectApiError(await login(t, 'locky', TEST_PASSWORD), 423, 'auth.locked');
    t.clock.advanceMinutes(14);
    const stillLocked = await login(t, 'locky', TEST_PASSWORD);
    expectApiError(stillLocked, 423, 'auth.locked');
    expect(stillLocked.json().error.message.en).toContain('1 minutes');
    t.clock.advanceMinutes(1);
    expect((await login(t, 'locky', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a successful login resets the failure count', async () => {
    const user = await t.given.user({ unit: city, role: 'staff', username: 'forgetful' });
    for (let i = 1; i <= 4; i++) expectApiError(await login(t, 'forgetful', 'Wrong-pass-1'), 401, 'auth.badCredentials');
    expect((await login(t, 'forgetful', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await t.read.user(user.id))!.failedLogins).toBe(0);
    // Four more failures do not lock: the count started again from zero.
    for (let i = 1; i <= 4; i++) expectApiError(await login(t, 'forgetful', 'Wrong-pass-1'), 401, 'auth.badCredentials');
    expect((await login(t, 'forgetful', TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
  beforeAll(async () => {
    t = await createTestApp({ idleMinutes: 10 });
    w = await t.given.twoCounties();
  });
  afterAll(() => t.close());

  it('sets an httpOnly, SameSite=Lax session cookie for the whole site', async () => {
    const response = await login(t, 'staff_a', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'zs_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie!.value.length).toBeGreaterThanOrEqual(40);
  });

  it('every route but the public ones asks for a session, however its path is spelled', async () => {
    const open = ['GET /api/health', 'HEAD /api/health', 'GET /api/openapi.json', 'HEAD /api/openapi.json', 'POST /api/auth/login'];
    const guarded = registeredRoutes(t.app).filter((route) => route.includes(' /api/') && !open.includes(route));
    expect(guarded.length).toBeGreaterThan(20);
    for (const route of guarded) {
      const [method, path] = route.split(' ') as ['GET', string];
      for (const url of [path, path.replace('/api/', '/%61pi/')]) {
        const response = await t.app.inject({ method, url: url.replace(':id', '1') });
        expect(response.statusCode, `${method} ${url}`).toBe(401);
      }
    }
  });

  it('refuses a request without a session or with an unknown token', async () => {
    expectApiError(await call(t.app, null, 'GET', '/api/projects'), 401, 'auth.required');
    expectApiError(await call(t.app, { cookie: 'zs_session=forged', username: '' }, 'GET', '/api/projects'), 401, 'auth.required');
  });

  it('ends a session idle longer than idleMinutes; activity within the window keeps it alive', async () => {
    const session = await logIn(t.app, 'staff_a');
    for (let i = 0; i < 3; i++) {
      t.clock.advanceMinutes(9);
      expect((await call(t.app, session, 'GET', '/api/projects')).statusCode).toBe(200);
    }
    t.clock.advanceMinutes(11);
    expectApiError(await call(t.app, session, 'GET', '/api/projects'), 401, 'auth.expired');
    // The expired session is gone for good, not just for that one request.
    expectApiError(await call(t.app, session, 'GET', '/api/auth/me'), 401, 'auth.required');
  });

  it('logout ends the session: the cookie no longer works', async () => {
    const session = await logIn(t.app, 'staff_b');
    const response = await call(t.app, session, 'POST', '/api/auth/logout');
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === 'zs_session')?.value).toBe('');
    expectApiError(await call(t.app, session, 'GET', '/api/projects'), 401, 'auth.required');
  });

  it('a disabled user cannot log in, and a session of a user disabled later stops working', async () => {
    await t.given.user({ unit: w.city, role: 'staff', username: 'retired', disabled: true });
    expectApiError(await login(t, 'retired', TEST_PASSWORD), 403, 'auth.disabled');

    const later = await t.given.user({ unit: w.city, role: 'staff', username: 'leaving' });
    const session = await logIn(t.app, 'leaving');
    const bureau = await logIn(t.app, 'bureau');
    expect((await call(t.app, bureau, 'PATCH', `/api/users/${later.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await call(t.app, session, 'GET', '/api/auth/me')).statusCode).toBe(401);
    expectApiError(await login(t, 'leaving', TEST_PASSWORD), 403, 'auth.disabled');
  });

  it('an unknown user and a wrong password get the same answer', async () => {
    const unknown = await login(t, 'nobody_here', 'Whatever-pass-1');
    const wrong = await login(t, 'staff_a', 'Whatever-pass-1');
    expectApiError(unknown, 401, 'auth.badCredentials');
    expect(wrong.statusCode).toBe(unknown.statusCode);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toEqual([]);
  });

  it('keeps the language choice per user across logins', async () => {
    const session = await logIn(t.app, 'leader_a');
    expect((await call(t.app, session, 'GET', '/api/auth/me')).json().locale).toBe('zh-CN');
    expect((await call(t.app, session, 'PUT', '/api/auth/locale', { locale: 'en' })).statusCode).toBe(200);
    await call(t.app, session, 'POST', '/api/auth/logout');
    const again = await login(t, 'leader_a', TEST_PASSWORD);
    expect(again.json().locale).toBe('en');
    // Another user's choice is their own.
    expect((await login(t, 'staff_a', TEST_PASSWORD)).json().locale).toBe('zh-CN');
    expectApiError(await call(t.app, session, 'PUT', '/api/auth/locale', { locale: 'fr' }), 401, 'auth.required');
    const fresh = await logIn(t.app, 'leader_a');
    expectApiError(await call(t.app, fresh, 'PUT', '/api/auth/locale', { locale: 'fr' }), 400, 'validation.invalid', 'locale');
  });
});

describe('password change', () => {
  let t: TestApp;
  let city: { id: number };
  beforeAll(async () => {
    t = await createTestApp();
    city = await t.given.unit();
  });
  afterAll(() => t.close());

  it('enforces the password policy on the new password, naming the field', async () => {
    const user = await t.given.user({ unit: city, role: 'staff', username: 'zhangsan' });
    const session = await logIn(t.app, 'zhangsan');
    const change = (newPassword: string) =>
      call(t.app, session, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
    expectApiError(await change('Ab1!xyz'), 400, 'password.tooShort', 'newPassword');
    expectApiError(await change('onlylowercase1'), 400, 'password.tooFewClasses', 'newPassword');
    expectApiError(await change('Zhangsan-2026!'), 400, 'password.containsUsername', 'newPassword');
    const refused = await change('onlylowercase1');
    expect(refused.json().error.message['zh-CN']).toContain('新密码');
    expect(refused.json().error.message.en).toContain('New password');
    const before = await t.read.user(user.id);
    expectApiError(
      await call(t.app, session, 'POST', '/api/auth/password', { currentPassword: 'Not-my-pass-1', newPassword: 'Good-new-pass-1' }),
      400,
      'password.wrongCurrent',
      'currentPassword',
    );
    expect(await t.read.user(user.id)).toEqual(before);
    expect((await logIn(t.app, 'zhangsan')).username).toBe('zhangsan');
  });

  it('a user who must change the password can do only that, then everything', async () => {
    const user = await t.given.user({ unit: city, role: 'staff', username: 'newcomer', mustChangePassword: true });
    const loggedIn = await login(t, 'newcomer', TEST_PASSWORD);
    expect(loggedIn.json()).toMatchObject({ mustChangePassword: true });
    const session = await logIn(t.app, 'newcomer');
    const otherSession = await logIn(t.app, 'newcomer');
    expectApiError(await call(t.app, session, 'GET', '/api/projects'), 403, 'auth.mustChangePassword');
    expectApiError(await call(t.app, session, 'POST', '/api/enterprises', { name: '抢先登记有限公司' }), 403, 'auth.mustChangePassword');
    expect((await call(t.app, session, 'GET', '/api/auth/me')).json()).toMatchObject({ id: user.id, mustChangePassword: true });

    const changed = await call(t.app, session, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'My-own-pass-2026' });
    expect(changed.statusCode).toBe(200);
    expect((await call(t.app, session, 'GET', '/api/projects')).statusCode).toBe(200);
    expect((await t.read.user(user.id))!.mustChangePassword).toBe(false);
    // The other sessions of the user end; the new password is the one that works now.
    expectApiError(await call(t.app, otherSession, 'GET', '/api/auth/me'), 401, 'auth.required');
    expectApiError(await login(t, 'newcomer', TEST_PASSWORD), 401, 'auth.badCredentials');
    expect((await login(t, 'newcomer', 'My-own-pass-2026')).statusCode).toBe(200);
  });
});
