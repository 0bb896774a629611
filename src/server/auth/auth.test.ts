import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../../../test/support/test-app.ts';

// verifyPassword as it is, watched: an unknown name must take the same path as a wrong password.
vi.mock('./passwords.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./passwords.ts')>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});
// A worker runs several test files with their modules kept (vitest.config.ts, isolate: false): where an earlier file
// loaded the server with the real passwords.ts, load it afresh so that it imports the watched one.
vi.resetModules();
const { verifyPassword } = await import('./passwords.ts');
const { call, createTestApp, expectApiError, logIn, registeredRoutes, TEST_PASSWORD } = await import('../../../test/support/test-app.ts');

function login(t: TestApp, username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

describe('login throttle and lock', () => {
  let t: TestApp;
  let city: { id: number };
  beforeAll(async () => {
    t = await createTestApp();
    city = await t.given.unit();
    await t.given.user({ unit: city, role: 'bureau', username: 'chief' });
  });
  afterAll(() => t.close());

  const from = (address: string, username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: address });

  it('slows down guesses from one address with delays that grow, while the right person elsewhere gets in', async () => {
    await t.given.user({ unit: city, role: 'staff', username: 'target' });
    for (let i = 1; i <= 3; i++) expectApiError(await from('203.0.113.7', 'target', `Wrong-pass-${i}`), 401, 'auth.badCredentials');
    // The third failure holds that address back for 5 seconds, even with the right password.
    const held = await from('203.0.113.7', 'target', TEST_PASSWORD);
    expectApiError(held, 429, 'auth.throttled');
    expect(held.json().error.message.en).toContain('5 seconds');
    // The owner, at another address, is not locked out by the attacker.
    expect((await from('198.51.100.20', 'target', TEST_PASSWORD)).statusCode).toBe(200);
    // Their success does not clear the attacker's address count for other names; the waits double.
    t.clock.advanceMinutes(1);
    expectApiError(await from('203.0.113.7', 'target', 'Wrong-pass-4'), 401, 'auth.badCredentials');
    const longer = await from('203.0.113.7', 'target', TEST_PASSWORD);
    expectApiError(longer, 429, 'auth.throttled');
    expect(longer.json().error.message.en).toContain('10 seconds');
    t.clock.advanceMinutes(1);
    expect((await from('203.0.113.7', 'target', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('forgets failures after a day without one', async () => {
    await t.given.user({ unit: city, role: 'staff', username: 'forgetful' });
    for (let i = 1; i <= 3; i++) await from('203.0.113.30', 'forgetful', 'Wrong-pass-1');
    t.clock.advanceMinutes(25 * 60);
    // Counting afresh: one failure holds nothing back.
    expectApiError(await from('203.0.113.30', 'forgetful', 'Wrong-pass-1'), 401, 'auth.badCredentials');
    expect((await from('203.0.113.30', 'forgetful', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('slows down one address trying many names', async () => {
    for (let i = 1; i <= 10; i++) expectApiError(await from('203.0.113.50', `spray_${i}`, 'Spring-2026!'), 401, 'auth.badCredentials');
    expectApiError(await from('203.0.113.50', 'chief', TEST_PASSWORD), 429, 'auth.throttled');
    expect((await from('203.0.113.51', 'chief', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('locks an account guessed at from many addresses until the bureau unlocks it, and says the same of an unknown name', async () => {
    const user = await t.given.user({ unit: city, role: 'staff', username: 'popular' });
    const answers: Record<string, { status: number; body: unknown }[]> = { popular: [], no_such_user: [] };
    for (const name of ['popular', 'no_such_user']) {
      for (let i = 1; i <= 30; i++) {
        const response = await from(`192.0.2.${i}`, name, 'Wrong-pass-1');
        answers[name]!.push({ status: response.statusCode, body: response.json() });
      }
    }
    expect(answers.popular!.slice(0, 29).every((a) => a.status === 401)).toBe(true);
    expect(answers.popular![29]!.status).toBe(423);
    expect(answers.no_such_user).toEqual(answers.popular);
    expectApiError(await from('192.0.2.200', 'popular', TEST_PASSWORD), 423, 'auth.accountLocked');
    expect((await t.read.audit()).filter((a) => a.action === 'lockout' && a.entityId === String(user.id))).toHaveLength(1);
    expect((await t.read.user(user.id))!.lockedUntil).not.toBeNull();

    const bureau = await logIn(t.app, 'chief');
    expect((await call(t.app, bureau, 'PATCH', `/api/users/${user.id}`, { unlock: true })).statusCode).toBe(200);
    expect((await from('192.0.2.200', 'popular', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('an account lock ends by itself after 24 hours', async () => {
    await t.given.user({ unit: city, role: 'staff', username: 'patient' });
    for (let i = 1; i <= 30; i++) await from(`192.0.2.${i}`, 'patient', 'Wrong-pass-1');
    expectApiError(await from('192.0.2.201', 'patient', TEST_PASSWORD), 423, 'auth.accountLocked');
    t.clock.advanceMinutes(24 * 60 + 1);
    expect((await from('192.0.2.201', 'patient', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('an unknown name verifies a password hash just as a known one does', async () => {
    await t.given.user({ unit: city, role: 'staff', username: 'known_one' });
    const verify = vi.mocked(verifyPassword);
    verify.mockClear();
    const unknown = await from('198.51.100.99', 'unknown_one', 'Wrong-pass-1');
    expect(verify).toHaveBeenCalledTimes(1);
    // A real argon2id hash, not a shortcut.
    expect(verify.mock.calls[0]![0]).toMatch(/^\$argon2id\$/);
    const known = await from('198.51.100.98', 'known_one', 'Wrong-pass-1');
    expect(verify).toHaveBeenCalledTimes(2);
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.json()).toEqual(unknown.json());
  });

  it('behind a trusted reverse proxy, counts each client by X-Forwarded-For, not the proxy', async () => {
    const proxied = await createTestApp({ trustProxy: '127.0.0.1' });
    try {
      const unit = await proxied.given.unit();
      await proxied.given.user({ unit, role: 'staff', username: 'behind_proxy' });
      const via = (client: string, password: string) =>
        proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'behind_proxy', password }, headers: { 'x-forwarded-for': client } });
      for (let i = 1; i <= 3; i++) expectApiError(await via('203.0.113.66', `Wrong-pass-${i}`), 401, 'auth.badCredentials');
      expectApiError(await via('203.0.113.66', TEST_PASSWORD), 429, 'auth.throttled');
      expect((await via('198.51.100.7', TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('limits login requests per address and minute with the catalogue error', async () => {
    const limited = await createTestApp({ loginsPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } })).statusCode).toBe(401);
      const fourth = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
      expectApiError(fourth, 429, 'auth.throttled');
    } finally {
      await limited.close();
    }
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

  it('refuses common and merely class-passing passwords and the current one', async () => {
    await t.given.user({ unit: city, role: 'staff', username: 'lisi' });
    const session = await logIn(t.app, 'lisi');
    const change = (newPassword: string) =>
      call(t.app, session, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
    for (const common of ['P@ssw0rd', 'Password1', 'Qwerty123!', 'Woaini1314!']) {
      expectApiError(await change(common), 400, 'password.common', 'newPassword');
    }
    for (const simple of ['Abcdefg1', '11111111Aa', 'Aa1!Aa1!']) expectApiError(await change(simple), 400, 'password.tooSimple', 'newPassword');
    expectApiError(await change(TEST_PASSWORD), 400, 'password.sameAsCurrent', 'newPassword');
    expect((await change('Orchid-owns-2027')).statusCode).toBe(200);
  });

  it('a wrong current password counts as a failed login', async () => {
    await t.given.user({ unit: city, role: 'staff', username: 'wangwu' });
    const session = await logIn(t.app, 'wangwu');
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: session.cookie },
        payload: { currentPassword, newPassword: 'Good-new-pass-1' },
        remoteAddress: '203.0.113.90',
      });
    for (let i = 1; i <= 3; i++) expectApiError(await change(`Guess-pass-${i}`), 400, 'password.wrongCurrent', 'currentPassword');
    expectApiError(await change(TEST_PASSWORD), 429, 'auth.throttled');
    // The same count holds the address back at the login too.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wangwu', password: TEST_PASSWORD }, remoteAddress: '203.0.113.90' });
    expectApiError(login, 429, 'auth.throttled');
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
