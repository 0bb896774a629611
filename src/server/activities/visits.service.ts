import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { visits } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope } from '../units/units.service.ts';
import { requireEnterpriseInScope } from '../enterprises/enterprises.service.ts';
import { requireProjectInScope } from '../projects/projects.service.ts';
import { requireTeamInScope } from './teams.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { ZCreateVisitRequest, ZVisitInput, type TVisit } from '../../shared/activities.ts';
import type { z } from 'zod';

/**
 * Visits, talks and receptions (拜访 / 洽谈 / 来访接待, issue 6): one record shape whether logged alone from a phone or
 * with the trip they were part of; they show on the enterprise's and the project's timeline.
 */
type VisitRow = typeof visits.$inferSelect;

export function toVisit(row: VisitRow): TVisit {
  return {
    id: row.id,
    unitId: row.unitId,
    tripId: row.tripId,
    teamId: row.teamId,
    kind: row.kind as TVisit['kind'],
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    projectId: row.projectId,
    visitedOn: row.visitedOn,
    peopleMet: row.peopleMet,
    notes: row.notes,
    nextStep: row.nextStep,
    followUpOn: row.followUpOn,
  };
}

/** Checks a visit against the caller's units and writes it (inside the caller's transaction), audited. */
export async function insertVisit(
  ctx: ServiceContext,
  tx: Db,
  unitId: number,
  input: z.output<typeof ZVisitInput>,
  link: { tripId: number | null; field: string },
): Promise<TVisit> {
  if (input.visitedOn > chinaToday(ctx.now)) throw new AppError('date.future', { field: `${link.field}visitedOn` });
  const inTx = { ...ctx, db: tx };
  const enterprise = input.enterpriseId ? await requireEnterpriseInScope(inTx, input.enterpriseId, `${link.field}enterpriseId`) : null;
  if (input.projectId) await requireProjectInScope(inTx, input.projectId);
  // A team id in the body passes the scope rule as ids in paths do: another unit's team is refused like a missing one.
  if (input.teamId) await requireTeamInScope(inTx, input.teamId, `${link.field}teamId`);
  const [row] = await tx
    .insert(visits)
    .values({
      unitId,
      tripId: link.tripId,
      teamId: input.teamId ?? null,
      kind: input.kind,
      enterpriseId: enterprise?.id ?? null,
      enterpriseName: enterprise?.name ?? input.enterpriseName!,
      projectId: input.projectId ?? null,
      visitedOn: input.visitedOn,
      peopleMet: input.peopleMet,
      notes: input.notes,
      nextStep: input.nextStep,
      followUpOn: input.followUpOn ?? null,
      createdBy: ctx.caller.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await recordAudit(tx, actorOf(ctx), { entity: 'visit', entityId: row!.id, unitId, action: 'create', after: row });
  return toVisit(row!);
}

export async function createVisit(ctx: ServiceContext, input: z.input<typeof ZCreateVisitRequest>): Promise<TVisit> {
  assertCanWrite(ctx.caller);
  const visit = ZCreateVisitRequest.parse(input);
  const unit = await requireUnitInScope(ctx, visit.unitId ?? ctx.caller.unitId, 'unitId');
  return ctx.db.transaction((tx) => insertVisit(ctx, tx, unit.id, visit, { tripId: null, field: '' }));
}

export async function listVisits(ctx: ServiceContext, query: { enterpriseId?: number; projectId?: number; page: number; pageSize: number }) {
  const where = and(
    inCallerScope(ctx.caller, visits.unitId),
    query.enterpriseId ? eq(visits.enterpriseId, query.enterpriseId) : undefined,
    query.projectId ? eq(visits.projectId, query.projectId) : undefined,
  );
  const rows = await ctx.db.select().from(visits).where(where).orderBy(desc(visits.visitedOn), desc(visits.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(visits).where(where);
  return { items: rows.map(toVisit), total: Number(total), page: query.page, pageSize: query.pageSize };
}

/** The visits of some trips, by trip. */
export async function visitsOfTrips(db: Db, tripIds: number[]): Promise<Map<number, TVisit[]>> {
  const byTrip = new Map<number, TVisit[]>();
  if (tripIds.length === 0) return byTrip;
  const rows = await db.select().from(visits).where(inArray(visits.tripId, tripIds)).orderBy(visits.visitedOn, visits.id);
  for (const row of rows) byTrip.set(row.tripId!, [...(byTrip.get(row.tripId!) ?? []), toVisit(row)]);
  return byTrip;
}

/** The units that visited an enterprise, anywhere in the city (issue 13: "另一单位正在跟进", by unit name only). */
export async function visitUnitsOfEnterprise(db: Db, enterpriseId: number): Promise<number[]> {
  const rows = await db.selectDistinct({ unitId: visits.unitId }).from(visits).where(eq(visits.enterpriseId, enterpriseId));
  return rows.map((r) => r.unitId);
}
