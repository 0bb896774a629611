import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chainLinks, enterprises, tripPlans, tripPlanStops } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireEnterpriseInScope } from '../enterprises/enterprises.service.ts';
import { requireUnitInScope, unitNames } from '../units/units.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { ZTripPlanInput, ZTripPlanStopInput, type TTripPlan, type TTripPlanInput, type TTripPlanList, type TTripPlanStopInput } from '../../shared/trip-plans.ts';

/**
 * Planned outbound trips (外出招商计划, issue 14): a unit plans a trip and the enterprises to call on — from a chain
 * link's candidates ("加入出行计划") or by hand. Plans are the caller's unit subtree's, like trips; the enterprise library
 * is the city's shared reference (any unit may plan to visit any enterprise on record). Every write is audited.
 */
type PlanRow = typeof tripPlans.$inferSelect;

async function toPlans(db: Db, rows: PlanRow[]): Promise<TTripPlan[]> {
  if (rows.length === 0) return [];
  const names = await unitNames(db, rows.map((r) => r.unitId));
  const stops = await db
    .select({ id: tripPlanStops.id, planId: tripPlanStops.planId, enterpriseId: tripPlanStops.enterpriseId, enterpriseName: enterprises.name, linkId: tripPlanStops.linkId, createdAt: tripPlanStops.createdAt })
    .from(tripPlanStops)
    .innerJoin(enterprises, eq(enterprises.id, tripPlanStops.enterpriseId))
    .where(inArray(tripPlanStops.planId, rows.map((r) => r.id)))
    .orderBy(asc(tripPlanStops.id));
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    unitName: names.get(r.unitId) ?? '',
    title: r.title,
    fromOn: r.fromOn,
    toOn: r.toOn,
    stops: stops
      .filter((s) => s.planId === r.id)
      .map((s) => ({ id: s.id, enterpriseId: s.enterpriseId, enterpriseName: s.enterpriseName, linkId: s.linkId, createdAt: s.createdAt.toISOString() })),
  }));
}

/** The plans of the caller's units that are not over (ending today or later), soonest first. */
export async function upcomingTripPlans(ctx: ServiceContext): Promise<TTripPlanList> {
  const rows = await ctx.db
    .select()
    .from(tripPlans)
    .where(and(inCallerScope(ctx.caller, tripPlans.unitId), gte(tripPlans.toOn, chinaToday(ctx.now))))
    .orderBy(asc(tripPlans.fromOn), asc(tripPlans.id))
    .limit(200);
  return { items: await toPlans(ctx.db, rows) };
}

/** The stop's enterprise (on record, not merged) and link (an existing one) checked, naming the field. */
async function checkStop(ctx: ServiceContext, stop: TTripPlanStopInput, field: string): Promise<void> {
  await requireEnterpriseInScope(ctx, stop.enterpriseId, `${field}enterpriseId`);
  if (stop.linkId) {
    const [link] = await ctx.db.select({ id: chainLinks.id }).from(chainLinks).where(eq(chainLinks.id, stop.linkId));
    if (!link) throw new AppError('tripPlan.linkUnknown', { field: `${field}linkId` });
  }
}

async function insertStop(ctx: ServiceContext, tx: Db, plan: PlanRow, stop: TTripPlanStopInput, field: string): Promise<void> {
  const [row] = await tx
    .insert(tripPlanStops)
    .values({ planId: plan.id, enterpriseId: stop.enterpriseId, linkId: stop.linkId ?? null, createdBy: ctx.caller.userId, createdAt: ctx.now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('tripPlan.stopTwice', { field: `${field}enterpriseId` });
  await recordAudit(tx, actorOf(ctx), { entity: 'tripPlanStop', entityId: row.id, unitId: plan.unitId, action: 'create', after: row });
}

/** A new plan of the caller's unit (or one below it), with its first stops, in one transaction. */
export async function createTripPlan(ctx: ServiceContext, input: TTripPlanInput): Promise<TTripPlan> {
  assertCanWrite(ctx.caller);
  const plan = ZTripPlanInput.parse(input);
  const unit = await requireUnitInScope(ctx, plan.unitId ?? ctx.caller.unitId, 'unitId');
  if (plan.toOn < plan.fromOn) throw new AppError('date.beforeStart', { field: 'toOn' });
  if (plan.toOn < chinaToday(ctx.now)) throw new AppError('tripPlan.over', { field: 'toOn' });
  for (const [i, stop] of plan.stops.entries()) await checkStop(ctx, stop, `stops.${i}.`);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tripPlans)
      .values({ unitId: unit.id, title: plan.title, fromOn: plan.fromOn, toOn: plan.toOn, createdBy: ctx.caller.userId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'tripPlan', entityId: row!.id, unitId: unit.id, action: 'create', after: row });
    for (const [i, stop] of plan.stops.entries()) await insertStop(ctx, tx, row!, stop, `stops.${i}.`);
    return (await toPlans(tx, [row!]))[0]!;
  });
}

/** Adds an enterprise to a plan of the caller's units that is not over; once per plan. */
export async function addTripPlanStop(ctx: ServiceContext, planId: number, input: TTripPlanStopInput): Promise<TTripPlan> {
  assertCanWrite(ctx.caller);
  const stop = ZTripPlanStopInput.parse(input);
  const [plan] = await ctx.db.select().from(tripPlans).where(and(eq(tripPlans.id, planId), inCallerScope(ctx.caller, tripPlans.unitId)));
  if (!plan) throw notFound('tripPlan');
  if (plan.toOn < chinaToday(ctx.now)) throw new AppError('tripPlan.over', { field: 'id' });
  await checkStop(ctx, stop, '');
  return ctx.db.transaction(async (tx) => {
    await insertStop(ctx, tx, plan, stop, '');
    await tx.update(tripPlans).set({ updatedAt: ctx.now }).where(eq(tripPlans.id, plan.id));
    return (await toPlans(tx, [plan]))[0]!;
  });
}
