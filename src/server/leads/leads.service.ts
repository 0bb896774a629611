import { and, count, desc, eq, ilike, inArray, isNotNull, lte, or } from 'drizzle-orm';
import { readAll, type Db } from '../db/client.ts';
import { leads, residentTeams, trips } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { containsPattern } from '../db/search.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope, unitPathInScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { listUnits, requireUnitInScope, unitNames } from '../units/units.service.ts';
import { userNames } from '../users/users.service.ts';
import { createEnterprise, enterpriseCandidates, requireEnterpriseInScope } from '../enterprises/enterprises.service.ts';
import { createProject, projectsOfInvestors } from '../projects/projects.service.ts';
import { requireTeamInScope } from '../activities/teams.service.ts';
import { getTrip } from '../activities/trips.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { compareEnterpriseNames, enterpriseNameCore, type NameMatch } from '../../domain/enterprise-names.ts';
import { leadMoveProblem, type LeadState } from '../../domain/leads.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import {
  ZConvertLeadRequest,
  ZCreateLeadRequest,
  ZMoveLeadRequest,
  ZUpdateLeadRequest,
  type TCreateLeadRequest,
  type TDuplicate,
  type TLead,
  type TLeadListQuery,
} from '../../shared/leads.ts';
import type { z } from 'zod';

/**
 * Leads (线索 / 意向信息, issue 6): taken in quickly, followed, and either converted into a project — which carries
 * the lead's enterprise, industry and amount — or dropped with a reason. Every change is in the audit trail.
 */
type LeadRow = typeof leads.$inferSelect;

async function toLeads(db: Db, rows: LeadRow[]): Promise<TLead[]> {
  const [unitsById, reporters] = await readAll(db, [() => unitNames(db, rows.map((r) => r.unitId)), () => userNames(db, rows.flatMap((r) => (r.reporterId ? [r.reporterId] : [])))]);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    unitName: unitsById.get(r.unitId) ?? '',
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    creditCode: r.creditCode,
    industryCode: r.industryCode,
    intendedAmountYuan: r.intendedAmountYuan,
    source: r.source as TLead['source'],
    state: r.state as LeadState,
    collectedOn: r.collectedOn,
    followUpOn: r.followUpOn,
    note: r.note,
    droppedReason: r.droppedReason,
    projectId: r.projectId,
    teamId: r.teamId,
    tripId: r.tripId,
    reporterName: r.reporterId ? (reporters.get(r.reporterId) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function listLeads(ctx: ServiceContext, query: TLeadListQuery) {
  // The trip or team itself must be the caller's too: a lead in scope may name a trip of the unit above (the bureau
  // can record one so), and asking by that trip's id must not tell that it exists.
  const where = and(
    inCallerScope(ctx.caller, leads.unitId),
    query.state ? eq(leads.state, query.state) : undefined,
    query.source ? eq(leads.source, query.source) : undefined,
    query.enterpriseId ? eq(leads.enterpriseId, query.enterpriseId) : undefined,
    query.tripId
      ? inArray(leads.tripId, ctx.db.select({ id: trips.id }).from(trips).where(and(eq(trips.id, query.tripId), inCallerScope(ctx.caller, trips.unitId))))
      : undefined,
    query.teamId
      ? inArray(
          leads.teamId,
          ctx.db.select({ id: residentTeams.id }).from(residentTeams).where(and(eq(residentTeams.id, query.teamId), inCallerScope(ctx.caller, residentTeams.unitId))),
        )
      : undefined,
    query.q ? or(ilike(leads.enterpriseName, containsPattern(query.q)), eq(leads.creditCode, query.q.toUpperCase())) : undefined,
  );
  const rows = await ctx.db.select().from(leads).where(where).orderBy(desc(leads.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(leads).where(where);
  return { items: await toLeads(ctx.db, rows), total: Number(total), page: query.page, pageSize: query.pageSize };
}

async function loadInScope(ctx: ServiceContext, db: Db, id: number, forUpdate = false): Promise<LeadRow> {
  const query = db.select().from(leads).where(and(eq(leads.id, id), inCallerScope(ctx.caller, leads.unitId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('lead');
  return row;
}

export async function getLead(ctx: ServiceContext, id: number): Promise<TLead> {
  return (await toLeads(ctx.db, [await loadInScope(ctx, ctx.db, id)]))[0]!;
}

function notInFuture(ctx: ServiceContext, date: string | null | undefined, field: string) {
  if (date && date > chinaToday(ctx.now)) throw new AppError('date.future', { field });
}

export async function createLead(ctx: ServiceContext, input: TCreateLeadRequest): Promise<TLead> {
  assertCanWrite(ctx.caller);
  const lead = ZCreateLeadRequest.parse(input);
  const unit = await requireUnitInScope(ctx, lead.unitId ?? ctx.caller.unitId, 'unitId');
  notInFuture(ctx, lead.collectedOn, 'collectedOn');
  const enterprise = lead.enterpriseId ? await requireEnterpriseInScope(ctx, lead.enterpriseId, 'enterpriseId') : null;
  if (lead.teamId) await requireTeamInScope(ctx, lead.teamId, 'teamId');
  if (lead.tripId) await getTrip(ctx, lead.tripId);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(leads)
      .values({
        unitId: unit.id,
        enterpriseId: enterprise?.id ?? null,
        enterpriseName: enterprise?.name ?? lead.enterpriseName!,
        creditCode: lead.creditCode ?? null,
        industryCode: lead.industryCode ?? null,
        intendedAmountYuan: lead.intendedAmountYuan ?? null,
        source: lead.source,
        collectedOn: lead.collectedOn,
        followUpOn: lead.followUpOn ?? null,
        note: lead.note,
        reporterId: ctx.caller.userId,
        teamId: lead.teamId ?? null,
        tripId: lead.tripId ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'lead', entityId: row!.id, unitId: unit.id, action: 'create', after: row });
    return (await toLeads(tx, [row!]))[0]!;
  });
}

async function change(ctx: ServiceContext, id: number, write: (tx: Db, before: LeadRow) => Promise<Partial<LeadRow>>, reason?: string): Promise<TLead> {
  assertCanWrite(ctx.caller);
  return ctx.db.transaction(async (tx) => {
    const before = await loadInScope(ctx, tx, id, true);
    const values = await write(tx, before);
    const [after] = await tx.update(leads).set({ ...values, updatedAt: ctx.now }).where(eq(leads.id, id)).returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'lead', entityId: id, unitId: before.unitId, action: 'update', before, after, reason });
    return (await toLeads(tx, [after!]))[0]!;
  });
}

export async function updateLead(ctx: ServiceContext, id: number, input: z.input<typeof ZUpdateLeadRequest>): Promise<TLead> {
  const fields = ZUpdateLeadRequest.parse(input);
  return change(ctx, id, async (_tx, before) => {
    if (before.state === 'converted') throw new AppError('lead.notAllowed', { field: 'state' });
    return fields;
  });
}

function refuse(problem: string | null, field: string) {
  if (problem) throw new AppError(problem as ErrorCode, { field });
}

export async function moveLead(ctx: ServiceContext, id: number, input: z.input<typeof ZMoveLeadRequest>): Promise<TLead> {
  const move = ZMoveLeadRequest.parse(input);
  return change(
    ctx,
    id,
    async (_tx, before) => {
      const problem = leadMoveProblem(before.state as LeadState, move.to, { reason: move.reason });
      refuse(problem, problem === 'lead.reasonRequired' ? 'reason' : 'to');
      return { state: move.to, droppedReason: move.to === 'dropped' ? move.reason!.trim() : null };
    },
    move.reason ?? undefined,
  );
}

/** The project the lead became, in one transaction with the lead's conversion; a new enterprise is recorded first. */
export async function convertLead(ctx: ServiceContext, id: number, input: z.input<typeof ZConvertLeadRequest>): Promise<TLead> {
  const request = ZConvertLeadRequest.parse(input);
  return change(ctx, id, async (tx, before) => {
    const problem = leadMoveProblem(before.state as LeadState, 'converted', { projectId: -1 });
    refuse(problem, 'state');
    const inTx = { ...ctx, db: tx };
    const investorId =
      before.enterpriseId ??
      (await createEnterprise(inTx, { name: before.enterpriseName, creditCode: before.creditCode, unitId: before.unitId })).id;
    const project = await createProject(inTx, {
      name: request.name,
      investorEnterpriseId: investorId,
      unitId: request.unitId ?? before.unitId,
      industryCode: before.industryCode,
      totalInvestmentYuan: request.totalInvestmentYuan ?? before.intendedAmountYuan ?? 0,
      note: [`由线索转化（${before.collectedOn} 收集）`, before.note].filter(Boolean).join(';'),
    });
    return { state: 'converted', enterpriseId: investorId, projectId: project.id };
  });
}

/**
 * Before a lead or a project is recorded: what may already be the same enterprise anywhere in the city. Enterprises are
 * the city's public library (issue 13): named and linked wherever they were recorded (a record merged into another is
 * not offered). Leads and projects: within the caller's units the record itself; another unit's only as "另一单位正在跟进"
 * with that unit's name — once per unit, kind and match, nothing of the record.
 */
export async function findDuplicates(ctx: ServiceContext, query: { name?: string; creditCode?: string }): Promise<TDuplicate[]> {
  if (!query.name && !query.creditCode) return [];
  const [enterpriseMatches, leadRows] = await Promise.all([
    enterpriseCandidates(ctx.db, query.name, query.creditCode),
    leadCandidates(ctx.db, query.name, query.creditCode),
  ]);
  const projectRows = await projectsOfInvestors(ctx.db, enterpriseMatches.map((e) => e.id));
  const paths = new Map((await listUnitsEverywhere(ctx)).map((u) => [u.id, u]));
  const seen = (unitId: number) => unitPathInScope(ctx.caller, paths.get(unitId)?.path ?? '');
  const unitName = (unitId: number) => paths.get(unitId)?.name ?? '';
  const matchOf = new Map(enterpriseMatches.map((e) => [e.id, e.match]));
  const elsewhere = new Set<string>();
  const work = (kind: 'lead' | 'project', match: TDuplicate['match'], unitId: number, id: number, name: string | null): TDuplicate[] => {
    if (seen(unitId)) return [{ kind, match, unitName: unitName(unitId), id, name }];
    const key = `${kind}\u0000${match}\u0000${unitId}`;
    if (elsewhere.has(key)) return [];
    elsewhere.add(key);
    return [{ kind, match, unitName: unitName(unitId), id: null, name: null }];
  };
  return [
    ...enterpriseMatches.map((e) => ({ kind: 'enterprise' as const, match: e.match, unitName: unitName(e.unitId), id: e.id, name: e.name })),
    ...leadRows.flatMap((l) => work('lead', l.match, l.unitId, l.id, l.enterpriseName)),
    ...projectRows.flatMap((p) =>
      work('project', matchOf.get(p.investorEnterpriseId)!, p.unitId, p.id, p.codeName && p.unitId !== ctx.caller.unitId ? p.codeName : p.name),
    ),
  ];
}

async function leadCandidates(db: Db, name: string | undefined, creditCode: string | undefined) {
  const piece = name ? enterpriseNameCore(name).slice(0, 2) : '';
  const rows = await db
    .select({ id: leads.id, enterpriseName: leads.enterpriseName, creditCode: leads.creditCode, unitId: leads.unitId })
    .from(leads)
    .where(
      or(creditCode ? eq(leads.creditCode, creditCode.toUpperCase()) : undefined, piece.length === 2 ? ilike(leads.enterpriseName, containsPattern(piece)) : undefined),
    )
    .limit(500);
  return rows.flatMap((row) => {
    const match: 'creditCode' | NameMatch = creditCode && row.creditCode === creditCode.toUpperCase() ? 'creditCode' : name ? compareEnterpriseNames(name, row.enterpriseName) : null;
    return match ? [{ ...row, match }] : [];
  });
}

/** Unit names and paths of the whole city: a duplicate elsewhere is named by its unit, nothing more. */
async function listUnitsEverywhere(ctx: ServiceContext) {
  return listUnits({ ...ctx, caller: { ...ctx.caller, role: 'bureau' } });
}

/** The enterprise names of some leads in the caller's scope, for another area's list (the reminder bell). */
export async function leadEnterpriseNames(ctx: ServiceContext, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select({ id: leads.id, name: leads.enterpriseName }).from(leads).where(and(inArray(leads.id, ids), inCallerScope(ctx.caller, leads.unitId)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Leads still being followed whose follow-up day is near or past, for the reminder job. */
export async function leadsDueForFollowUp(db: Db, lastDay: string) {
  return db
    .select({ id: leads.id, unitId: leads.unitId, reporterId: leads.reporterId, followUpOn: leads.followUpOn })
    .from(leads)
    .where(and(inArray(leads.state, ['new', 'following']), isNotNull(leads.followUpOn), lte(leads.followUpOn, lastDay)));
}

/** The leads that became a project (its timeline starts with them), within the caller's scope. */
export async function leadsOfProject(ctx: ServiceContext, projectId: number): Promise<TLead[]> {
  const rows = await ctx.db.select().from(leads).where(and(eq(leads.projectId, projectId), inCallerScope(ctx.caller, leads.unitId)));
  return toLeads(ctx.db, rows);
}

/** The units holding leads on an enterprise, anywhere in the city (issue 13: "另一单位正在跟进", by unit name only). */
export async function leadUnitsOfEnterprise(db: Db, enterpriseId: number): Promise<number[]> {
  const rows = await db.selectDistinct({ unitId: leads.unitId }).from(leads).where(eq(leads.enterpriseId, enterpriseId));
  return rows.map((r) => r.unitId);
}
