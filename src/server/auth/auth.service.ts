import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, units, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Caller } from '../context.ts';
import type { Role } from '../../domain/roles.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import type { TLocale } from '../../shared/common.ts';
import type { TMe } from '../../shared/auth.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** lastSeenAt is refreshed at most this often, so reads do not turn into a write per request. */
const TOUCH_INTERVAL_MS = 15_000;

export type AuthSettings = { idleMinutes: number };

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type LoginOptions = {
  db: Db;
  username: string;
  password: string;
  now: Date;
  requestId: string | null;
};

export async function logIn({ db, username, password, now, requestId }: LoginOptions): Promise<{ token: string }> {
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    throw new AppError('auth.badCredentials');
  }
  const actor = { userId: user.id, unitId: user.unitId, requestId };
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('auth.locked', { params: { minutes: String(minutesUntil(user.lockedUntil, now)) } });
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordFailedLogin(db, user.id, user.unitId, now, actor);
  }
  if (user.disabled) throw new AppError('auth.disabled');
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.insert(sessions).values({ tokenHash: tokenHash(token), userId: user.id, createdAt: now, lastSeenAt: now });
    await recordAudit(tx, actor, { entity: 'user', entityId: user.id, unitId: user.unitId, action: 'login' });
  });
  return { token };
}

/** Counts a failed login; the fifth in a row locks the account. Always throws. */
async function recordFailedLogin(
  db: Db,
  userId: number,
  unitId: number,
  now: Date,
  actor: { userId: number; unitId: number; requestId: string | null },
): Promise<never> {
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  const locked = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, userId))
      .returning({ failedLogins: users.failedLogins });
    if ((row?.failedLogins ?? 0) < MAX_FAILED_LOGINS) return false;
    await tx.update(users).set({ failedLogins: 0, lockedUntil }).where(eq(users.id, userId));
    await recordAudit(tx, actor, {
      entity: 'user',
      entityId: userId,
      unitId,
      action: 'lockout',
      after: { lockedUntil },
    });
    return true;
  });
  if (locked) throw new AppError('auth.locked', { params: { minutes: String(LOCKOUT_MINUTES) } });
  throw new AppError('auth.badCredentials');
}

function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
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
};

/** Changes the caller's own password; other sessions of the user end. */
export async function changeOwnPassword(options: ChangePasswordOptions): Promise<void> {
  const { db, caller, currentPassword, newPassword, keepToken, requestId, now } = options;
  const [user] = await db.select().from(users).where(eq(users.id, caller.userId));
  if (!user) throw new AppError('auth.required');
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('password.wrongCurrent', { field: 'currentPassword' });
  }
  const problem = passwordProblem(newPassword, user.username);
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

export async function setOwnLocale(db: Db, caller: Caller, locale: TLocale, requestId: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, caller.userId));
    await tx.update(users).set({ locale }).where(eq(users.id, caller.userId));
    await recordAudit(
      tx,
      { userId: caller.userId, unitId: caller.unitId, requestId },
      { entity: 'user', entityId: caller.userId, unitId: caller.unitId, action: 'update', before, after: { locale } },
    );
  });
}
