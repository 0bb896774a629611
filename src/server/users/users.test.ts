import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, TEST_PASSWORD, type Session, type TestApp } from '../../../test/support/test-app.ts';

describe('user accounts', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
  let bureau: Session;
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('the bureau creates a user, who must change the password at first login', async () => {
    const response = await call(t.app, bureau, 'POST', '/api/users', {
      username: 'lisi',
      displayName: '李四',
      role: 'staff',
      unitId: w.parkA.id,
      password: 'First-pass-2026',
    });
    expect(response.statusCode, response.body).toBe(200);
    const user = response.json() as { id: number };
    expect(user).toMatchObject({ username: 'lisi', role: 'staff', unitId: w.parkA.id, unitName: '甲县园区', mustChangePassword: true, disabled: false });
    expect(response.body).not.toContain('passwordHash');
    expect(response.body).not.toContain('$argon2');
    expect((await t.read.user(user.id))!.passwordHash).toMatch(/^\$argon2id\$/);

    const first = await login('lisi', 'First-pass-2026');
    expect(first.json()).toMatchObject({ mustChangePassword: true, unitId: w.parkA.id });
    const session = await logIn(t.app, 'lisi', 'First-pass-2026');
    expectApiError(await call(t.app, session, 'GET', '/api/projects'), 403, 'auth.mustChangePassword');
  });

  it('refuses a duplicate username (in any case), a weak password and a unit that does not exist', async () => {
    const before = await t.read.counts();
    const base = { displayName: '重复', role: 'staff', unitId: w.countyA.id, password: 'Some-good-pass-1' };
    expectApiError(await call(t.app, bureau, 'POST', '/api/users', { ...base, username: 'staff_a' }), 409, 'user.usernameTaken', 'username');
    expectApiError(await call(t.app, bureau, 'POST', '/api/users', { ...base, username: 'STAFF_A' }), 409, 'user.usernameTaken', 'username');
    expectApiError(await call(t.app, bureau, 'POST', '/api/users', { ...base, username: 'zhaoliu', password: 'short1A' }), 400, 'password.tooShort', 'password');
    expectApiError(
      await call(t.app, bureau, 'POST', '/api/users', { ...base, username: 'zhaoliu', password: 'Zhaoliu-2026' }),
      400,
      'password.containsUsername',
      'password',
    );
    expectApiError(await call(t.app, bureau, 'POST', '/api/users', { ...base, username: 'zhaoliu', unitId: 999_999 }), 400, 'project.unitOutOfScope', 'unitId');
    expectApiError(await call(t.app, bureau, 'POST', '/api/users', { ...base, username: 'zhaoliu', role: 'mayor' }), 400, 'validation.invalid', 'role');
    expect(await t.read.counts()).toEqual(before);
  });

  it('a password reset ends the user’s sessions and asks for a new password at next login', async () => {
    const user = await t.given.user({ unit: w.countyB, role: 'staff', username: 'resetme' });
    const session = await logIn(t.app, 'resetme');
    expect((await call(t.app, session, 'GET', '/api/projects')).statusCode).toBe(200);

    const reset = await call(t.app, bureau, 'PATCH', `/api/users/${user.id}`, { password: 'Reset-by-bureau-1' });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ mustChangePassword: true });
    expectApiError(await call(t.app, session, 'GET', '/api/projects'), 401, 'auth.required');
    expectApiError(await login('resetme', TEST_PASSWORD), 401, 'auth.badCredentials');
    expect((await login('resetme', 'Reset-by-bureau-1')).json()).toMatchObject({ mustChangePassword: true });
    // The bureau's own session is untouched.
    expect((await call(t.app, bureau, 'GET', '/api/users')).statusCode).toBe(200);
  });

  it('unlock clears a lockout at once', async () => {
    const user = await t.given.user({ unit: w.countyB, role: 'staff', username: 'lockedout' });
    // Guessed at from thirty addresses: the account locks (one address alone only meets growing delays).
    for (let i = 1; i <= 30; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lockedout', password: 'Wrong-pass-0' }, remoteAddress: `192.0.2.${i}` });
    }
    expectApiError(await login('lockedout', TEST_PASSWORD), 423, 'auth.accountLocked');
    const listed = (await call(t.app, bureau, 'GET', '/api/users?q=lockedout')).json() as { items: { lockedUntil: string | null }[] };
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]!.lockedUntil).not.toBeNull();

    const unlocked = await call(t.app, bureau, 'PATCH', `/api/users/${user.id}`, { unlock: true });
    expect(unlocked.json()).toMatchObject({ lockedUntil: null });
    expect(await t.read.user(user.id)).toMatchObject({ lockedUntil: null, failedLogins: 0 });
    expect((await login('lockedout', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('the bureau cannot disable itself or give up its own role', async () => {
    const before = await t.read.user(w.bureau.id);
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/users/${w.bureau.id}`, { disabled: true }), 400, 'user.selfLockout');
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/users/${w.bureau.id}`, { role: 'staff' }), 400, 'user.selfLockout');
    expect(await t.read.user(w.bureau.id)).toEqual(before);
    expect((await call(t.app, bureau, 'GET', '/api/users')).statusCode).toBe(200);
  });

  it('changing a user’s role or unit ends their sessions', async () => {
    const user = await t.given.user({ unit: w.countyA, role: 'staff', username: 'mover' });
    const session = await logIn(t.app, 'mover');
    const moved = await call(t.app, bureau, 'PATCH', `/api/users/${user.id}`, { unitId: w.countyB.id, role: 'leader' });
    expect(moved.json()).toMatchObject({ unitId: w.countyB.id, unitName: '乙县', role: 'leader' });
    expectApiError(await call(t.app, session, 'GET', '/api/projects'), 401, 'auth.required');
    expectApiError(await call(t.app, bureau, 'PATCH', '/api/users/999999', { displayName: '无此人' }), 404, 'notFound');
  });

  it('lists users for the bureau, filtered by text and unit, never with a password hash', async () => {
    const byUnit = (await call(t.app, bureau, 'GET', `/api/users?unitId=${w.countyA.id}`)).json() as { items: { username: string }[]; total: number };
    expect(byUnit.items.map((u) => u.username).sort()).toEqual(expect.arrayContaining(['leader_a', 'staff_a']));
    // A county's users include its parks' (a unit filter takes in the sub-units), and no other county's.
    const inPark = await t.given.user({ unit: w.parkA, role: 'staff', username: 'park_staff' });
    const withPark = (await call(t.app, bureau, 'GET', `/api/users?unitId=${w.countyA.id}&pageSize=100`)).json() as { items: { username: string; unitId: number }[] };
    expect(withPark.items.map((u) => u.username)).toContain(inPark.username);
    expect(withPark.items.every((u) => [w.countyA.id, w.parkA.id].includes(u.unitId))).toBe(true);
    expect(byUnit.items.every((u) => !('passwordHash' in u))).toBe(true);
    const byText = (await call(t.app, bureau, 'GET', '/api/users?q=staff_')).json() as { items: { username: string }[] };
    expect(byText.items.map((u) => u.username).sort()).toEqual(['staff_a', 'staff_b']);
    const pageTwo = (await call(t.app, bureau, 'GET', '/api/users?pageSize=2&page=2')).json() as { items: unknown[]; total: number };
    expect(pageTwo.items).toHaveLength(2);
    expect(pageTwo.total).toBe(Number((await t.read.counts()).users));
  });

  it('staff, leaders and departments cannot touch user accounts, not even in their own unit', async () => {
    for (const username of ['staff_a', 'leader_a', 'dept']) {
      const session = await logIn(t.app, username);
      const before = await t.read.user(w.staffA.id);
      const counts = await t.read.counts();
      expectApiError(await call(t.app, session, 'GET', '/api/users'), 403, 'auth.forbidden');
      expectApiError(
        await call(t.app, session, 'POST', '/api/users', { username: `by_${username}`, displayName: '自建', role: 'staff', unitId: w.countyA.id, password: 'Self-made-pass-1' }),
        403,
        'auth.forbidden',
      );
      expectApiError(await call(t.app, session, 'PATCH', `/api/users/${w.staffA.id}`, { role: 'bureau' }), 403, 'auth.forbidden');
      expect(await t.read.user(w.staffA.id)).toEqual(before);
      expect((await t.read.counts()).users).toBe(counts.users);
    }
  });
});
