import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { departments } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope, unitNames } from '../units/units.service.ts';
import type { TDepartment } from '../../shared/problems.ts';

/** The city's departments; their names are no secret, and every unit routes problems to them. */
export async function listDepartments(db: Db): Promise<TDepartment[]> {
  const rows = await db.select().from(departments).orderBy(asc(departments.unitId), asc(departments.name));
  const names = await unitNames(db, rows.map((r) => r.unitId));
  return rows.map((r) => ({ id: r.id, unitId: r.unitId, unitName: names.get(r.unitId) ?? '', name: r.name }));
}

export async function departmentNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function requireDepartment(db: Db, id: number, field: string): Promise<void> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  if (!row) throw new AppError('notFound', { field, params: { entity: 'department' } });
}

export async function createDepartment(ctx: ServiceContext, input: { unitId: number; name: string }): Promise<TDepartment> {
  assertCanAdminister(ctx.caller);
  const unit = await requireUnitInScope(ctx, input.unitId, 'unitId');
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(departments).values({ unitId: input.unitId, name: input.name }).returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'department', entityId: row!.id, unitId: input.unitId, action: 'create', after: row });
      return { id: row!.id, unitId: row!.unitId, unitName: unit.name, name: row!.name };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'departments_unit_name_key')) throw new AppError('department.nameTaken', { field: 'name' });
    throw error;
  }
}
