import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginThrottles, sessions, units, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Caller } from '../context.ts';
import type { Role } from '../../domain/roles.ts';
import { ACCOUNT_LOCK_FAILURES, ACCOUNT_LOCK_HOURS, FORGET_AFTER_HOURS, delayAfterFailure, type ThrottleKind } from '../../domain/login-throttle.ts';
import { serverPasswordProblem } from './common-passwords.ts';
import type { TLocale } from '../../shared/common.ts';
import type { TMe } from '../../shared/auth.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';

/** lastSeenAt is refreshed at most this often, so reads do not turn into a write per request. */
const TOUCH_INTERVAL_MS = 15_000;

/** idleMinutes: the session timeout; loginsPerMinute: login and password-change requests per client address. */
export type AuthSettings = { idleMinutes: number; loginsPerMinute?: number };

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type LoginOptions = {
  db: Db;
  username: string;
  password: string;
  now: Date;
  requestId: string | null;
  /** The client's address, for the throttle (README › Security). */
  address?: string;
};

type ThrottleKeys = { account: string; pair: string; address: string };

function throttleKeys(username: string, address: string): ThrottleKeys {
  const key = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const name = username.toLowerCase();
  return { account: key('account', name), pair: key('pair', name, address), address: key('address', address) };
}

/** Refuses while any of the keys holds logins back: the account's lock first, else the longest wait. */
async function assertNotThrottled(db: Db, keys: ThrottleKeys, now: Date): Promise<void> {
  const rows = await db.select().from(loginThrottles).where(inArray(loginThrottles.key, [keys.account, keys.pair, keys.address]));
  const blocked = rows.filter((row) => row.blockedUntil && row.blockedUntil > now);
  if (blocked.some((row) => row.kind === 'account')) throw new AppError('auth.accountLocked');
  if (blocked.length === 0) return;
  const seconds = Math.max(...blocked.map((row) => Math.ceil((row.blockedUntil!.getTime() - now.getTime()) / 1000)));
  throw new AppError('auth.throttled', { params: { seconds: String(seconds) } });
}

/**
 * Logs in. Unknown names and wrong passwords take the same path: a password hash is verified either way, the
 * failure is counted against the name, the address and both, and the answer is the same.
 */
export async function logIn({ db, username, password, now, requestId, address = 'unknown' }: LoginOptions): Promise<{ token: string }> {
  const keys = throttleKeys(username, address);
  await assertNotThrottled(db, keys, now);
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !passwordOk) {
    const outcome = await recordFailedLogin(db, keys, user ?? null, now, requestId);
    if (outcome === 'locked' && user) forgetSessionsOf(user.id);
    throw new AppError(outcome === 'locked' ? 'auth.accountLocked' : 'auth.badCredentials');
  }
  const actor = { userId: user.id, unitId: user.unitId, requestId };
  if (user.disabled) throw new AppError('auth.disabled');
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.delete(loginThrottles).where(inArray(loginThrottles.key, [keys.account, keys.pair]));
    await tx.insert(sessions).values({ tokenHash: tokenHash(token), userId: user.id, createdAt: now, lastSeenAt: now });
    await recordAudit(tx, actor, { entity: 'user', entityId: user.id, unitId: user.unitId, action: 'login' });
  });
  return { token };
}

/**
 * Counts a failure against the three keys and sets their delays; the account's lock also marks the user (for the
 * bureau's list), ends its sessions and is audited. The address's count is never cleared by a success, so one
 * address cannot reset its count by logging in to an account of its own between guesses.
 */
async function recordFailedLogin(
  db: Db,
  keys: ThrottleKeys,
  user: { id: number; unitId: number } | null,
  now: Date,
  requestId: string | null,
): Promise<'locked' | 'counted'> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_HOURS * 3_600_000).toISOString();
  return db.transaction(async (tx) => {
    const count = async (key: string, kind: ThrottleKind, account: string | null) => {
      const [row] = await tx
        .insert(loginThrottles)
        .values({ key, kind, account, failures: 1, lastFailureAt: now })
        .onConflictDoUpdate({
          target: loginThrottles.key,
          set: {
            failures: sql`case when ${loginThrottles.lastFailureAt} < ${forgetBefore}::timestamptz then 1 else ${loginThrottles.failures} + 1 end`,
            lastFailureAt: now,
          },
        })
        .returning({ failures: loginThrottles.failures });
      return row!.failures;
    };
    const block = async (key: string, seconds: number) => {
      if (seconds > 0) await tx.update(loginThrottles).set({ blockedUntil: new Date(now.getTime() + seconds * 1000) }).where(eq(loginThrottles.key, key));
    };
    await block(keys.pair, delayAfterFailure('pair', await count(keys.pair, 'pair', keys.account)));
    await block(keys.address, delayAfterFailure('address', await count(keys.address, 'address', null)));
    const accountFailures = await count(keys.account, 'account', keys.account);
    if (accountFailures < ACCOUNT_LOCK_FAILURES) return 'counted';
    const lockedUntil = new Date(now.getTime() + ACCOUNT_LOCK_HOURS * 3_600_000);
    await tx.update(loginThrottles).set({ blockedUntil: lockedUntil, failures: 0 }).where(eq(loginThrottles.key, keys.account));
    if (user) {
      await tx.update(users).set({ lockedUntil }).where(eq(users.id, user.id));
      await tx.delete(sessions).where(eq(sessions.userId, user.id));
      await recordAudit(
        tx,
        { userId: user.id, unitId: user.unitId, requestId },
        { entity: 'user', entityId: user.id, unitId: user.unitId, action: 'lockout', after: { lockedUntil } },
      );
    }
    return 'locked';
  });
}

/** The bureau's unlock: the account's lock and every delay counted against its name go. */
export async function clearLoginThrottles(tx: Db, username: string): Promise<void> {
  const { account } = throttleKeys(username, '');
  await tx.delete(loginThrottles).where(or(eq(loginThrottles.key, account), eq(loginThrottles.account, account)));
}

export type SessionUser = Caller & { mustChangePassword: boolean };

/**
 * Resolved sessions, kept for a moment so that a burst of requests does not look the session up each time.
 * Every change that could alter what a session stands for (logout, password change, any change of a user, any
 * move in the unit tree) forgets the affected entries in this process and, through the primary, in the other
 * server processes of `serve --workers` (see workers.ts) — within milliseconds, where the cache alone would keep
 * them for up to SESSION_CACHE_MS. The idle timeout is still checked on every request.
 */
const SESSION_CACHE_MS = 2_000;
type CachedSession = { user: SessionUser; lastSeenAt: Date; cachedAt: number };
const sessionCache = new Map<string, CachedSession>();
let sweptAt = 0;

/**
 * Drops the entries past their moment, at most once per SESSION_CACHE_MS: an entry is otherwise only replaced when
 * its own token comes back, so every session never used again (a new login, a closed browser) stayed for good — the
 * server's memory grew with every login (issue 18).
 */
function sweepSessionCache(now: number): void {
  if (now - sweptAt < SESSION_CACHE_MS) return;
  sweptAt = now;
  for (const [hash, entry] of sessionCache) if (now - entry.cachedAt >= SESSION_CACHE_MS) sessionCache.delete(hash);
}

/** How many resolved sessions this process holds (for the tests). */
export const sessionCacheSize = (): number => sessionCache.size;

export type SessionForgetting = { tokenHash: string } | { userId: number } | { all: true };
let tellOtherProcesses: (forgetting: SessionForgetting) => void = () => {};

/** How this process passes what it forgets to the other server processes (a worker sends it to the primary). */
export function relaySessionForgetting(send: (forgetting: SessionForgetting) => void): void {
  tellOtherProcesses = send;
}

/** Forgets in this process only: what another process relayed. */
export function forgetSessionsHere(forgetting: SessionForgetting): void {
  if ('all' in forgetting) sessionCache.clear();
  else if ('userId' in forgetting) {
    for (const [hash, entry] of sessionCache) if (entry.user.userId === forgetting.userId) sessionCache.delete(hash);
  } else sessionCache.delete(forgetting.tokenHash);
}

function forgetSessions(forgetting: SessionForgetting): void {
  forgetSessionsHere(forgetting);
  tellOtherProcesses(forgetting);
}

export function forgetSessionsOf(userId: number): void {
  forgetSessions({ userId });
}

export function forgetAllSessions(): void {
  forgetSessions({ all: true });
}

/** Turns a session cookie into the caller, or refuses: unknown token, idle too long, or account disabled. */
export async function resolveSession(db: Db, token: string, now: Date, settings: AuthSettings): Promise<SessionUser> {
  const hash = tokenHash(token);
  const idleMs = settings.idleMinutes * 60_000;
  const cached = sessionCache.get(hash);
  if (cached && Date.now() - cached.cachedAt < SESSION_CACHE_MS && now.getTime() - cached.lastSeenAt.getTime() <= idleMs) {
    if (now.getTime() - cached.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, hash));
      cached.lastSeenAt = now;
    }
    return cached.user;
  }
  sessionCache.delete(hash);
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      username: users.username,
      role: users.role,
      unitId: users.unitId,
      unitPath: units.path,
      departmentId: users.departmentId,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(sessions.tokenHash, hash));
  if (!row) throw new AppError('auth.required');
  if (now.getTime() - row.lastSeenAt.getTime() > idleMs || row.disabled) {
    await db.delete(sessions).where(eq(sessions.tokenHash, hash));
    throw new AppError(row.disabled ? 'auth.disabled' : 'auth.expired');
  }
  let lastSeenAt = row.lastSeenAt;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, hash));
    lastSeenAt = now;
  }
  const user: SessionUser = {
    userId: row.userId,
    username: row.username,
    role: row.role as Role,
    unitId: row.unitId,
    unitPath: row.unitPath,
    departmentId: row.departmentId,
    mustChangePassword: row.mustChangePassword,
  };
  sweepSessionCache(Date.now());
  sessionCache.set(hash, { user, lastSeenAt, cachedAt: Date.now() });
  return user;
}

export async function logOut(db: Db, token: string, caller: Caller, requestId: string | null): Promise<void> {
  sessionCache.delete(tokenHash(token));
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
    await recordAudit(
      tx,
      { userId: caller.userId, unitId: caller.unitId, requestId },
      { entity: 'user', entityId: caller.userId, unitId: caller.unitId, action: 'logout' },
    );
  });
  // Again once the row is gone: a request that read it meanwhile (here or in another process) cached it anew.
  forgetSessions({ tokenHash: tokenHash(token) });
}

/** Drops sessions idle past the timeout; run now and then so the table does not grow. */
export async function purgeIdleSessions(db: Db, now: Date, settings: AuthSettings): Promise<void> {
  await db.delete(sessions).where(lt(sessions.lastSeenAt, new Date(now.getTime() - settings.idleMinutes * 60_000)));
}

export async function getMe(db: Db, caller: Caller, settings: AuthSettings): Promise<TMe> {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      unitId: users.unitId,
      unitName: units.name,
      departmentId: users.departmentId,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, caller.userId));
  if (!row) throw new AppError('auth.required');
  return { ...row, role: row.role as Role, locale: row.locale as TLocale, idleMinutes: settings.idleMinutes };
}

export type ChangePasswordOptions = {
  db: Db;
  caller: Caller;
  currentPassword: string;
  newPassword: string;
  keepToken: string;
  requestId: string | null;
  now: Date;
  address?: string;
};

/** Changes the caller's own password; other sessions of the user end. */
export async function changeOwnPassword(options: ChangePasswordOptions): Promise<void> {
  const { db, caller, currentPassword, newPassword, keepToken, requestId, now, address = 'unknown' } = options;
  const [user] = await db.select().from(users).where(eq(users.id, caller.userId));
  if (!user) throw new AppError('auth.required');
  // A wrong current password counts as a failed login: a taken-over session cannot guess it without limit.
  const keys = throttleKeys(user.username, address);
  await assertNotThrottled(db, keys, now);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    const outcome = await recordFailedLogin(db, keys, user, now, requestId);
    if (outcome === 'locked') {
      forgetSessionsOf(user.id);
      throw new AppError('auth.accountLocked');
    }
    throw new AppError('password.wrongCurrent', { field: 'currentPassword' });
  }
  if (newPassword === currentPassword) throw new AppError('password.sameAsCurrent', { field: 'newPassword' });
  const problem = serverPasswordProblem(newPassword, user.username);
  if (problem) throw new AppError(`password.${problem}`, { field: 'newPassword' });
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now })
      .where(eq(users.id, user.id));
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), sql`${sessions.tokenHash} <> ${tokenHash(keepToken)}`));
    await recordAudit(
      tx,
      { userId: caller.userId, unitId: caller.unitId, requestId },
      { entity: 'user', entityId: user.id, unitId: user.unitId, action: 'passwordChange' },
    );
  });
  forgetSessionsOf(user.id);
}

/**
 * The caller's screen language. A display preference, like a column's width, not a change to the user's account: it
 * writes no audit row, so switching languages does not fill the trail with "user changed" (issue 16).
 */
export async function setOwnLocale(db: Db, caller: Caller, locale: TLocale, _requestId: string | null): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, caller.userId));
}
