import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { queryRows, type Db } from '../db/client.ts';
import { units } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isForeignKeyViolation, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanAdminister, inCallerScope, unitPathInScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { forgetAllSessions } from '../auth/auth.service.ts';
import { canHoldChild, unitPath, type UnitKind } from '../../domain/units.ts';
import type { TCreateUnitRequest, TUnit, TUpdateUnitRequest } from '../../shared/units.ts';
import type { ErrorCode } from '../../shared/errors.ts';

type UnitRow = typeof units.$inferSelect;

function toUnit(row: UnitRow): TUnit {
  return { id: row.id, code: row.code, name: row.name, kind: row.kind as UnitKind, parentId: row.parentId, path: row.path };
}

/** The units the caller may see: their own and everything below it, in tree order. */
export async function listUnits(ctx: ServiceContext): Promise<TUnit[]> {
  // Tree order with numeric ids: "/1/2/" before "/1/11/" (text order would put 11 first).
  const treeOrder = sql`string_to_array(trim(both '/' from ${units.path}), '/')::int[]`;
  const rows = await ctx.db.select().from(units).where(inCallerScope(ctx.caller, units.id)).orderBy(treeOrder);
  return rows.map(toUnit);
}

/**
 * The units above the caller's own (the city, their county…), names only: a ledger may write a unit after its
 * ancestors' names ("郑州市惠济区花园口新兴产业园"), and those names are no secret.
 */
export async function callerAncestorUnits(ctx: ServiceContext): Promise<{ id: number; name: string; parentId: number | null }[]> {
  const ids = ctx.caller.unitPath.split('/').filter(Boolean).map(Number).filter((id) => id !== ctx.caller.unitId);
  if (ids.length === 0) return [];
  return ctx.db.select({ id: units.id, name: units.name, parentId: units.parentId }).from(units).where(inArray(units.id, ids));
}

/**
 * A unit the caller named in a request, checked against their scope. Other areas call this before they
 * file a record under a unit; outside the scope it is as if the unit did not exist.
 */
export async function requireUnitInScope(
  ctx: ServiceContext,
  unitId: number,
  field: string,
  errorCode: ErrorCode = 'project.unitOutOfScope',
): Promise<TUnit> {
  const [row] = await ctx.db.select().from(units).where(eq(units.id, unitId));
  if (!row || !unitPathInScope(ctx.caller, row.path)) throw new AppError(errorCode, { field });
  return toUnit(row);
}

/** A unit's name as a column of another area's query (hot lists fetch names in the same round trip). */
export function unitNameOf(unitIdColumn: AnyPgColumn): SQL<string | null> {
  return sql<string | null>`(select ${units.name} from ${units} where ${units.id} = ${unitIdColumn})`;
}

/** Names for display, by id; units are few, so one query serves any list. */
export async function unitNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function loadUnit(db: Db, id: number): Promise<UnitRow> {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  if (!row) throw notFound('unit');
  return row;
}

export async function createUnit(ctx: ServiceContext, input: TCreateUnitRequest): Promise<TUnit> {
  assertCanAdminister(ctx.caller);
  const parent = await ctx.db.select().from(units).where(eq(units.id, input.parentId)).then((r) => r[0]);
  if (!parent) throw new AppError('project.unitOutOfScope', { field: 'parentId' });
  if (!canHoldChild(parent.kind as UnitKind, input.kind)) throw new AppError('unit.badParent', { field: 'parentId' });
  try {
    return await ctx.db.transaction(async (tx) => {
      const [next] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('units', 'id'))::int as id`);
      const id = next!.id;
      const [row] = await tx
        .insert(units)
        .values({ id, code: input.code, name: input.name, kind: input.kind, parentId: parent.id, path: unitPath(parent.path, id) })
        .returning();
      const unit = toUnit(row!);
      await recordAudit(tx, actorOf(ctx), { entity: 'unit', entityId: id, unitId: id, action: 'create', after: unit });
      return unit;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'units_code_key')) throw new AppError('unit.codeTaken', { field: 'code' });
    throw error;
  }
}

/** Renames, recodes or moves a unit; a move carries its whole subtree along. */
export async function updateUnit(ctx: ServiceContext, id: number, input: TUpdateUnitRequest): Promise<TUnit> {
  try {
    return await applyUnitUpdate(ctx, id, input);
  } finally {
    // A move changes the paths sessions carry as their scope: every session resolves afresh.
    forgetAllSessions();
  }
}

async function applyUnitUpdate(ctx: ServiceContext, id: number, input: TUpdateUnitRequest): Promise<TUnit> {
  assertCanAdminister(ctx.caller);
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await loadUnit(tx, id);
      const kind = (input.kind ?? before.kind) as UnitKind;
      let path = before.path;
      let parentId = before.parentId;
      if (input.parentId !== undefined && input.parentId !== before.parentId) {
        if (before.parentId === null) throw new AppError('unit.rootFixed', { field: 'parentId' });
        const parent = await tx.select().from(units).where(eq(units.id, input.parentId)).then((r) => r[0]);
        if (!parent) throw new AppError('project.unitOutOfScope', { field: 'parentId' });
        if (parent.path.startsWith(before.path)) throw new AppError('unit.cycle', { field: 'parentId' });
        parentId = parent.id;
        path = unitPath(parent.path, id);
      }
      if (parentId !== null) {
        const parent = await loadUnit(tx, parentId);
        if (!canHoldChild(parent.kind as UnitKind, kind)) throw new AppError('unit.badParent', { field: 'kind' });
      } else if (kind !== 'city') {
        throw new AppError('validation.invalid', {
          field: 'kind',
          params: { detailZh: '市级根单位只能是市', detailEn: 'the city root is always a city' },
        });
      }
      if (kind !== before.kind) {
        // The new kind must still hold the sub-units it has.
        const children = await tx.select({ kind: units.kind }).from(units).where(eq(units.parentId, id));
        if (children.some((child) => !canHoldChild(kind, child.kind as UnitKind))) throw new AppError('unit.badParent', { field: 'kind' });
      }
      if (path !== before.path) {
        await tx.execute(sql`update units set path = ${path} || substr(path, ${before.path.length + 1})
                             where path like ${before.path + '%'} and id <> ${id}`);
      }
      const [row] = await tx
        .update(units)
        .set({ code: input.code ?? before.code, name: input.name ?? before.name, kind, parentId, path })
        .where(eq(units.id, id))
        .returning();
      const after = toUnit(row!);
      await recordAudit(tx, actorOf(ctx), { entity: 'unit', entityId: id, unitId: id, action: 'update', before: toUnit(before), after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'units_code_key')) throw new AppError('unit.codeTaken', { field: 'code' });
    throw error;
  }
}

/** Only an empty unit goes: the foreign keys of sub-units, users and records refuse anything else. */
export async function deleteUnit(ctx: ServiceContext, id: number): Promise<void> {
  assertCanAdminister(ctx.caller);
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await loadUnit(tx, id);
      if (before.parentId === null) throw new AppError('unit.notEmpty');
      await tx.delete(units).where(eq(units.id, id));
      await recordAudit(tx, actorOf(ctx), { entity: 'unit', entityId: id, unitId: id, action: 'delete', before: toUnit(before) });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError('unit.notEmpty');
    throw error;
  }
}
