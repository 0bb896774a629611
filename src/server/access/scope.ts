import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { canAdminister, canWriteRecords, seesUnitRecords } from '../../domain/roles.ts';
import type { Caller } from '../context.ts';
import { AppError } from '../errors.ts';
import { units } from '../db/schema.ts';
import { INLINE, type Binder } from '../db/prepared.ts';

/**
 * THE access rule. Every query of a unit-owned record filters with this predicate on the record's unit column:
 * the caller sees records of their own unit and its sub-units; the bureau sees the whole tree; a department
 * sees no unit's records (only what is routed to it). Anything not granted here is denied.
 */
export function inCallerScope(caller: Caller, unitColumn: AnyPgColumn | SQL, binder: Binder = INLINE): SQL {
  if (!seesUnitRecords(caller.role)) return binder.choose('scope:none'), sql`false`;
  if (caller.role === 'bureau') return binder.choose('scope:all'), sql`true`;
  binder.choose('scope:subtree');
  // `= any(array(…))` reads the subtree's unit ids once, then filters by them; PostgreSQL plans it lighter than the
  // `in (select …)` semi-join and a newest-first page stops sooner (measured in docs/benchmarks.md).
  return sql`${unitColumn} = any(array(select ${units.id} from ${units} where ${units.path} like ${binder.bind('scopePath', likePrefix(caller.unitPath))}))`;
}

/**
 * A list narrowed to one unit shows that unit and its sub-units — a county's parks and towns — as its figures do
 * (a unit's progress is its subtree's). Unit paths are made of ids and slashes, so the prefix needs no escaping.
 */
export function inUnitSubtree(unitColumn: AnyPgColumn | SQL, unitId: number, binder: Binder = INLINE, name = 'subtreeUnitId'): SQL {
  binder.choose(`subtree:${name}`);
  const narrowedTo = binder.bind(name, unitId);
  return sql`${unitColumn} = any(array(select ${units.id} from ${units} where ${units.path} like (select narrowed.path || '%' from ${units} as narrowed where narrowed.id = ${narrowedTo}::int)))`;
}

/** Whether a unit (by its path) lies in the caller's scope; for checks on values the caller sends. */
export function unitPathInScope(caller: Caller, path: string): boolean {
  if (!seesUnitRecords(caller.role)) return false;
  return caller.role === 'bureau' || path.startsWith(caller.unitPath);
}

function likePrefix(path: string): string {
  return path.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

export function assertCanWrite(caller: Caller): void {
  if (!canWriteRecords(caller.role)) throw new AppError('auth.readOnly');
}

export function assertCanAdminister(caller: Caller): void {
  if (!canAdminister(caller.role)) throw new AppError('auth.forbidden');
}

/**
 * Problems are seen by the units of their project (the usual subtree rule on the project's unit) and by the
 * department they are routed to — a department user sees exactly those, whatever unit they sit in.
 */
export function inProblemScope(caller: Caller, departmentColumn: AnyPgColumn, projectUnitColumn: AnyPgColumn | SQL): SQL {
  if (caller.role === 'department') return caller.departmentId ? sql`${departmentColumn} = ${caller.departmentId}` : sql`false`;
  return inCallerScope(caller, projectUnitColumn);
}
