import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { containsPattern } from '../db/search.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanAdminister, inCallerScope, inUnitSubtree } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { clearLoginThrottles, forgetSessionsOf } from '../auth/auth.service.ts';
import { requireUnitInScope, unitNames } from '../units/units.service.ts';
import { requireDepartment } from '../departments/departments.service.ts';
import { serverPasswordProblem } from '../auth/common-passwords.ts';
import type { Role } from '../../domain/roles.ts';
import type { TLocale } from '../../shared/common.ts';
import type { TColleague, TCreateUserRequest, TUpdateUserRequest, TUser } from '../../shared/users.ts';

type UserRow = typeof users.$inferSelect;

/** What the audit trail keeps of a user: never the hash. */
function auditView(row: UserRow) {
  const { passwordHash: _hash, ...rest } = row;
  return rest;
}

async function toUsers(db: Db, rows: UserRow[]): Promise<TUser[]> {
  const names = await unitNames(db, rows.map((r) => r.unitId));
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as Role,
    unitId: row.unitId,
    unitName: names.get(row.unitId) ?? '',
    departmentId: row.departmentId,
    locale: row.locale as TLocale,
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** A user's display name as a column of another area's query. */
export function userNameOf(userIdColumn: AnyPgColumn): SQL<string | null> {
  return sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${userIdColumn})`;
}

/** Display names by id, for other areas' lists. */
export async function userNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A person the caller may name as responsible: an active user of one of the caller's units. */
export async function requireColleagueInScope(ctx: ServiceContext, userId: number, field: string): Promise<void> {
  const [row] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.disabled, false), inCallerScope(ctx.caller, users.unitId)));
  if (!row) throw new AppError('project.officerOutOfScope', { field });
}

/** The people of the caller's units who can answer for a project (a 责任人 picker for every role that sees projects). */
export async function listColleagues(ctx: ServiceContext, q?: string): Promise<TColleague[]> {
  const rows = await ctx.db
    .select({ id: users.id, displayName: users.displayName, unitId: users.unitId })
    .from(users)
    .where(
      and(
        inCallerScope(ctx.caller, users.unitId),
        eq(users.disabled, false),
        sql`${users.role} <> 'department'`,
        q ? or(ilike(users.displayName, containsPattern(q)), ilike(users.username, containsPattern(q))) : undefined,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(50);
  const names = await unitNames(ctx.db, rows.map((r) => r.unitId));
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, unitName: names.get(r.unitId) ?? '' }));
}

export type ListUsersOptions = { q?: string; unitId?: number; page: number; pageSize: number };

export async function listUsers(ctx: ServiceContext, options: ListUsersOptions) {
  assertCanAdminister(ctx.caller);
  const where = and(
    options.q ? or(ilike(users.username, containsPattern(options.q)), ilike(users.displayName, containsPattern(options.q))) : undefined,
    options.unitId ? inUnitSubtree(users.unitId, options.unitId) : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(users.unitId), asc(users.username))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(users).where(where);
  return { items: await toUsers(ctx.db, rows), total: Number(total), page: options.page, pageSize: options.pageSize };
}

/** A password the bureau sets is an initial one: the user must replace it at first login. */
export async function createUser(ctx: ServiceContext, input: TCreateUserRequest): Promise<TUser> {
  assertCanAdminister(ctx.caller);
  await requireUnitInScope(ctx, input.unitId, 'unitId');
  if (input.departmentId) await requireDepartment(ctx.db, input.departmentId, 'departmentId');
  const problem = serverPasswordProblem(input.password, input.username);
  if (problem) throw new AppError(`password.${problem}`, { field: 'password' });
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          unitId: input.unitId,
          departmentId: input.departmentId ?? null,
          passwordHash,
          mustChangePassword: true,
        })
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'user', entityId: row!.id, unitId: row!.unitId, action: 'create', after: auditView(row!) });
      return (await toUsers(tx, [row!]))[0]!;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_username_key')) throw new AppError('user.usernameTaken', { field: 'username' });
    throw error;
  }
}

export async function updateUser(ctx: ServiceContext, id: number, input: TUpdateUserRequest): Promise<TUser> {
  try {
    return await applyUserUpdate(ctx, id, input);
  } finally {
    // Role, unit, department, password or state may have changed: sessions resolve afresh.
    forgetSessionsOf(id);
  }
}

async function applyUserUpdate(ctx: ServiceContext, id: number, input: TUpdateUserRequest): Promise<TUser> {
  assertCanAdminister(ctx.caller);
  const isSelf = id === ctx.caller.userId;
  if (isSelf && (input.disabled === true || (input.role && input.role !== 'bureau'))) throw new AppError('user.selfLockout');
  if (input.unitId !== undefined) await requireUnitInScope(ctx, input.unitId, 'unitId');
  if (input.departmentId) await requireDepartment(ctx.db, input.departmentId, 'departmentId');
  const [before] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!before) throw notFound('user');
  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    const problem = serverPasswordProblem(input.password, before.username);
    if (problem) throw new AppError(`password.${problem}`, { field: 'password' });
    passwordHash = await hashPassword(input.password);
  }
  const fields = { displayName: input.displayName, role: input.role, unitId: input.unitId, departmentId: input.departmentId, disabled: input.disabled };
  // Nothing to change (an empty body): the user as they are, no write and no audit row.
  if (Object.values(fields).every((v) => v === undefined) && !passwordHash && !input.unlock) return (await toUsers(ctx.db, [before]))[0]!;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        ...fields,
        ...(passwordHash ? { passwordHash, mustChangePassword: true, passwordChangedAt: ctx.now } : {}),
        ...(input.unlock ? { failedLogins: 0, lockedUntil: null } : {}),
      })
      .where(eq(users.id, id))
      .returning();
    if (input.unlock) await clearLoginThrottles(tx, before.username);
    // A new password, a new role or unit, or a disabled account: sessions made under the old terms end.
    if (passwordHash || input.disabled || input.role || input.unitId) {
      await tx.delete(sessions).where(and(eq(sessions.userId, id), isSelf ? sql`false` : sql`true`));
    }
    await recordAudit(tx, actorOf(ctx), {
      entity: 'user',
      entityId: id,
      unitId: row!.unitId,
      action: 'update',
      before: auditView(before),
      after: { ...auditView(row!), ...(passwordHash ? { passwordReset: true } : {}) },
    });
    return (await toUsers(tx, [row!]))[0]!;
  });
}
