import { and, count, desc, eq, gte, ilike, lte, or } from 'drizzle-orm';
import { readAll, type Db } from '../db/client.ts';
import { trips } from '../db/schema.ts';
import { containsPattern } from '../db/search.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope, unitNames } from '../units/units.service.ts';
import { findRegion, regionName } from '../regions/regions.service.ts';
import { insertVisit, visitsOfTrips } from './visits.service.ts';
import { requireTeamInScope } from './teams.service.ts';
import { listLeaderLevels, requireActiveLevel } from './leader-levels.service.ts';
import { projectNamesForCaller, signingDaysForCaller } from '../projects/projects.service.ts';
import { leadCountsOfTrips } from '../leads/lead-metrics.queries.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { tripLength } from '../../domain/trip-days.ts';
import { ZTripInput, type TTrip, type TTripInput } from '../../shared/activities.ts';

/**
 * Outbound trips (外出招商, issue 6): who led it, the days away, the cities in order, and the enterprises visited —
 * recorded together in one transaction, as field staff log a day that took them Xuzhou → Beijing → Shanghai.
 */
type TripRow = typeof trips.$inferSelect;

async function toTrips(ctx: ServiceContext, db: Db, rows: TripRow[]): Promise<TTrip[]> {
  const inTx = { ...ctx, db };
  const [names, visitsByTrip, levels, leadCounts] = await readAll(db, [
    () => unitNames(db, rows.map((r) => r.unitId)),
    () => visitsOfTrips(db, rows.map((r) => r.id)),
    () => listLeaderLevels(db),
    () => leadCountsOfTrips(inTx, rows.map((r) => r.id)),
  ]);
  const projectIds = [...new Set([...visitsByTrip.values()].flat().flatMap((v) => (v.projectId ? [v.projectId] : [])))];
  const [projectNames, signingDays] = await readAll(db, [() => projectNamesForCaller(inTx, projectIds), () => signingDaysForCaller(inTx, projectIds)]);
  const levelName = (key: string) => {
    const level = levels.find((l) => l.key === key);
    return { zh: level?.nameZh ?? key, en: level?.nameEn ?? key };
  };
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    unitName: names.get(r.unitId) ?? '',
    leaderName: r.leaderName,
    leaderLevel: r.leaderLevel,
    leaderLevelName: levelName(r.leaderLevel),
    participants: r.participants,
    fromOn: r.fromOn,
    toOn: r.toOn,
    days: tripLength(r.fromOn, r.toOn),
    cities: (r.cities as string[]).map((code) => ({ code, name: regionName(code) ?? code })),
    teamId: r.teamId,
    notes: r.notes,
    nextStep: r.nextStep,
    followUpOn: r.followUpOn,
    visits: visitsByTrip.get(r.id) ?? [],
    outcomes: {
      leads: leadCounts.get(r.id) ?? 0,
      projects: [...new Set((visitsByTrip.get(r.id) ?? []).flatMap((v) => (v.projectId && projectNames.has(v.projectId) ? [v.projectId] : [])))].map((id) => {
        const signedOn = signingDays.get(id) ?? null;
        return { id, name: projectNames.get(id)!, signedOnTrip: !!signedOn && signedOn >= r.fromOn && signedOn <= r.toOn };
      }),
    },
  }));
}

export async function createTrip(ctx: ServiceContext, input: TTripInput): Promise<TTrip> {
  assertCanWrite(ctx.caller);
  const trip = ZTripInput.parse(input);
  const unit = await requireUnitInScope(ctx, trip.unitId ?? ctx.caller.unitId, 'unitId');
  if (trip.fromOn > chinaToday(ctx.now)) throw new AppError('date.future', { field: 'fromOn' });
  trip.cities.forEach((code, i) => {
    if (!findRegion(code)) throw new AppError('region.unknown', { field: `cities.${i}` });
  });
  if (trip.teamId) await requireTeamInScope(ctx, trip.teamId, 'teamId');
  await requireActiveLevel(ctx.db, trip.leaderLevel, 'leaderLevel');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trips)
      .values({
        unitId: unit.id,
        leaderName: trip.leaderName,
        leaderLevel: trip.leaderLevel,
        participants: trip.participants,
        fromOn: trip.fromOn,
        toOn: trip.toOn,
        cities: trip.cities,
        teamId: trip.teamId ?? null,
        notes: trip.notes,
        nextStep: trip.nextStep,
        followUpOn: trip.followUpOn ?? null,
        createdBy: ctx.caller.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'trip', entityId: row!.id, unitId: unit.id, action: 'create', after: row });
    for (const [i, visit] of trip.visits.entries()) {
      if (visit.visitedOn < trip.fromOn || visit.visitedOn > trip.toOn) throw new AppError('visit.outsideTrip', { field: `visits.${i}.visitedOn` });
      await insertVisit(ctx, tx, unit.id, { ...visit, teamId: visit.teamId ?? trip.teamId }, { tripId: row!.id, field: `visits.${i}.` });
    }
    return (await toTrips(ctx, tx, [row!]))[0]!;
  });
}

export async function listTrips(ctx: ServiceContext, query: { q?: string; leaderLevel?: TTrip['leaderLevel']; from?: string; to?: string; page: number; pageSize: number }) {
  const where = and(
    inCallerScope(ctx.caller, trips.unitId),
    // The search box finds a trip by who led it or went along.
    query.q ? or(ilike(trips.leaderName, containsPattern(query.q)), ilike(trips.participants, containsPattern(query.q))) : undefined,
    query.leaderLevel ? eq(trips.leaderLevel, query.leaderLevel) : undefined,
    query.from ? gte(trips.toOn, query.from) : undefined,
    query.to ? lte(trips.fromOn, query.to) : undefined,
  );
  const rows = await ctx.db.select().from(trips).where(where).orderBy(desc(trips.fromOn), desc(trips.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(trips).where(where);
  return { items: await toTrips(ctx, ctx.db, rows), total: Number(total), page: query.page, pageSize: query.pageSize };
}

export async function getTrip(ctx: ServiceContext, id: number): Promise<TTrip> {
  const [row] = await ctx.db.select().from(trips).where(and(eq(trips.id, id), inCallerScope(ctx.caller, trips.unitId)));
  if (!row) throw notFound('trip');
  return (await toTrips(ctx, ctx.db, [row]))[0]!;
}
