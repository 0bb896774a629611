import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { readAll, type Db } from '../db/client.ts';
import { eventProjects, events } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope, unitNames } from '../units/units.service.ts';
import { cohortFacts, projectNamesForCaller, requireProjectInScope } from '../projects/projects.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { eventCohort } from '../../domain/event-cohort.ts';
import { ZEventInput, type TEvent } from '../../shared/events.ts';
import type { z } from 'zod';

/**
 * Events (推介会, 洽谈会, 签约仪式, 展会, "三个一批"; issue 6): a fair is judged by what became of the projects signed
 * there, so each event carries its cohort — registered, started, produced, funds arrived against signed — as of a day.
 */
type EventRow = typeof events.$inferSelect;

async function toEvents(ctx: ServiceContext, db: Db, rows: EventRow[], asOf: string): Promise<TEvent[]> {
  const links = rows.length === 0 ? [] : await db.select().from(eventProjects).where(inArray(eventProjects.eventId, rows.map((r) => r.id)));
  const projectsOf = (event: EventRow) => links.filter((l) => l.eventId === event.id).map((l) => l.projectId);
  const [names, projectNames, ...factsOfRows] = await readAll(db, [
    () => unitNames(db, rows.map((r) => r.unitId)),
    () => projectNamesForCaller({ ...ctx, db }, links.map((l) => l.projectId)),
    ...rows.map((r) => () => cohortFacts(db, projectsOf(r))),
  ]);
  return rows.map((r, i) => {
    const facts = factsOfRows[i]!;
    return {
      id: r.id,
      unitId: r.unitId,
      unitName: names.get(r.unitId) ?? '',
      name: r.name,
      kind: r.kind as TEvent['kind'],
      place: r.place,
      heldOn: r.heldOn,
      note: r.note,
      cohort: { asOf, ...eventCohort(facts.projects, facts.funds, asOf) },
      projects: projectsOf(r).map((id) => ({ id, name: projectNames.get(id) ?? '' })),
    };
  });
}

export async function listEvents(ctx: ServiceContext, query: { kind?: TEvent['kind']; asOf?: string; page: number; pageSize: number }) {
  const where = and(inCallerScope(ctx.caller, events.unitId), query.kind ? eq(events.kind, query.kind) : undefined);
  const rows = await ctx.db.select().from(events).where(where).orderBy(desc(events.heldOn), desc(events.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(events).where(where);
  return { items: await toEvents(ctx, ctx.db, rows, query.asOf ?? chinaToday(ctx.now)), total: Number(total), page: query.page, pageSize: query.pageSize };
}

async function loadInScope(ctx: ServiceContext, db: Db, id: number): Promise<EventRow> {
  const [row] = await db.select().from(events).where(and(eq(events.id, id), inCallerScope(ctx.caller, events.unitId)));
  if (!row) throw notFound('event');
  return row;
}

export async function getEvent(ctx: ServiceContext, id: number, asOf?: string): Promise<TEvent> {
  return (await toEvents(ctx, ctx.db, [await loadInScope(ctx, ctx.db, id)], asOf ?? chinaToday(ctx.now)))[0]!;
}

export async function createEvent(ctx: ServiceContext, input: z.input<typeof ZEventInput>): Promise<TEvent> {
  assertCanWrite(ctx.caller);
  const event = ZEventInput.parse(input);
  const unit = await requireUnitInScope(ctx, event.unitId ?? ctx.caller.unitId, 'unitId');
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({ unitId: unit.id, name: event.name, kind: event.kind, place: event.place, heldOn: event.heldOn, note: event.note, createdBy: ctx.caller.userId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'event', entityId: row!.id, unitId: unit.id, action: 'create', after: row });
    return row!.id;
  });
  return getEvent(ctx, id);
}

/** A project signed at the event; a project is signed at one event at most. */
export async function linkProject(ctx: ServiceContext, id: number, projectId: number): Promise<TEvent> {
  assertCanWrite(ctx.caller);
  const event = await loadInScope(ctx, ctx.db, id);
  await requireProjectInScope(ctx, projectId);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(eventProjects).values({ eventId: id, projectId });
      await recordAudit(tx, actorOf(ctx), { entity: 'event', entityId: id, unitId: event.unitId, action: 'update', after: { signedProjectId: projectId } });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'event_projects_project_key')) throw new AppError('event.projectLinked', { field: 'projectId' });
    throw error;
  }
  return getEvent(ctx, id);
}

export async function unlinkProject(ctx: ServiceContext, id: number, projectId: number): Promise<TEvent> {
  assertCanWrite(ctx.caller);
  const event = await loadInScope(ctx, ctx.db, id);
  await ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(eventProjects).where(and(eq(eventProjects.eventId, id), eq(eventProjects.projectId, projectId))).returning();
    if (removed.length === 0) throw notFound('project');
    await recordAudit(tx, actorOf(ctx), { entity: 'event', entityId: id, unitId: event.unitId, action: 'update', before: { signedProjectId: projectId } });
  });
  return getEvent(ctx, id);
}
