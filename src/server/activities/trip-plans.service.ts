import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chainLinks, enterprises, tripPlans, tripPlanStops } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireEnterpriseInScope } from '../enterprises/enterprises.service.ts';
import { requireUnitInScope, unitNames } from '../units/units.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import {
  ZTripPlanInput,
  ZTripPlanStopInput,
  ZTripPlanUpdate,
  type TTripPlan,
  type TTripPlanInput,
  type TTripPlanList,
  type TTripPlansQuery,
  type TTripPlanStopInput,
  type TTripPlanUpdate,
} from '../../shared/trip-plans.ts';

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

/**
 * The plans of the caller's units (or of one unit among them): those not over (ending today or later), soonest first;
 * those over, latest first; or all, latest first. At most 200.
 */
export async function listTripPlans(ctx: ServiceContext, query: TTripPlansQuery = { when: 'upcoming' }): Promise<TTripPlanList> {
  const today = chinaToday(ctx.now);
  const where = [inCallerScope(ctx.caller, tripPlans.unitId)];
  if (query.unitId !== undefined) where.push(eq(tripPlans.unitId, (await requireUnitInScope(ctx, query.unitId, 'unitId')).id));
  if (query.when === 'upcoming') where.push(gte(tripPlans.toOn, today));
  if (query.when === 'past') where.push(lt(tripPlans.toOn, today));
  const order = query.when === 'upcoming' ? [asc(tripPlans.fromOn), asc(tripPlans.id)] : [desc(tripPlans.fromOn), desc(tripPlans.id)];
  const rows = await ctx.db
    .select()
    .from(tripPlans)
    .where(and(...where))
    .orderBy(...order)
    .limit(200);
  return { items: await toPlans(ctx.db, rows) };
}

/** A plan of the caller's units, or 404 (another unit's plan is not said to exist). */
async function planInScope(ctx: ServiceContext, planId: number, tx: Db = ctx.db): Promise<PlanRow> {
  const [plan] = await tx.select().from(tripPlans).where(and(eq(tripPlans.id, planId), inCallerScope(ctx.caller, tripPlans.unitId)));
  if (!plan) throw notFound('tripPlan');
  return plan;
}

/** A plan's title or dates changed, audited before → after. A plan already over may be corrected too (its dates kept in order). */
export async function updateTripPlan(ctx: ServiceContext, planId: number, input: TTripPlanUpdate): Promise<TTripPlan> {
  assertCanWrite(ctx.caller);
  const change = ZTripPlanUpdate.parse(input);
  const before = await planInScope(ctx, planId);
  const next = { title: change.title ?? before.title, fromOn: change.fromOn ?? before.fromOn, toOn: change.toOn ?? before.toOn };
  if (next.toOn < next.fromOn) throw new AppError('date.beforeStart', { field: change.toOn !== undefined ? 'toOn' : 'fromOn' });
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx.update(tripPlans).set({ ...next, updatedAt: ctx.now }).where(eq(tripPlans.id, before.id)).returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'tripPlan', entityId: before.id, unitId: before.unitId, action: 'update', before, after });
    return (await toPlans(tx, [after!]))[0]!;
  });
}

/** Takes an enterprise off a plan of the caller's units, audited; 404 for a stop that is not on that plan. */
export async function removeTripPlanStop(ctx: ServiceContext, planId: number, stopId: number): Promise<TTripPlan> {
  assertCanWrite(ctx.caller);
  const plan = await planInScope(ctx, planId);
  return ctx.db.transaction(async (tx) => {
    const [removed] = await tx.delete(tripPlanStops).where(and(eq(tripPlanStops.id, stopId), eq(tripPlanStops.planId, plan.id))).returning();
    if (!removed) throw notFound('tripPlanStop');
    await recordAudit(tx, actorOf(ctx), { entity: 'tripPlanStop', entityId: removed.id, unitId: plan.unitId, action: 'delete', before: removed });
    const [after] = await tx.update(tripPlans).set({ updatedAt: ctx.now }).where(eq(tripPlans.id, plan.id)).returning();
    return (await toPlans(tx, [after!]))[0]!;
  });
}

/**
 * Removes a plan of the caller's units with its stops, in one transaction; the audit keeps the plan and every stop as
 * they were. Nothing else points to a plan (a trip made is recorded on its own), so nothing is left dangling.
 */
export async function removeTripPlan(ctx: ServiceContext, planId: number): Promise<{ ok: true }> {
  assertCanWrite(ctx.caller);
  const plan = await planInScope(ctx, planId);
  await ctx.db.transaction(async (tx) => {
    const stops = await tx.delete(tripPlanStops).where(eq(tripPlanStops.planId, plan.id)).returning();
    const [removed] = await tx.delete(tripPlans).where(eq(tripPlans.id, plan.id)).returning();
    if (!removed) throw notFound('tripPlan');
    await recordAudit(tx, actorOf(ctx), { entity: 'tripPlan', entityId: plan.id, unitId: plan.unitId, action: 'delete', before: { ...plan, stops } });
  });
  return { ok: true };
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
  const plan = await planInScope(ctx, planId);
  if (plan.toOn < chinaToday(ctx.now)) throw new AppError('tripPlan.over', { field: 'id' });
  await checkStop(ctx, stop, '');
  return ctx.db.transaction(async (tx) => {
    await insertStop(ctx, tx, plan, stop, '');
    await tx.update(tripPlans).set({ updatedAt: ctx.now }).where(eq(tripPlans.id, plan.id));
    return (await toPlans(tx, [plan]))[0]!;
  });
}
