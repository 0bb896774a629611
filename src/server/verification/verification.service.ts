import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enterprises, evidenceFiles, projects, projectStageEvents, stageVerifications, units, users, verificationSettings } from '../db/schema.ts';
import type { Caller, ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanAdminister, assertCanWrite, inCallerScope, inUnitSubtree } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { departmentNames, requireDepartment } from '../departments/departments.service.ts';
import { requireUnitInScope } from '../units/units.service.ts';
import { photoFacts } from './photo-exif.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { checkContract, checkCreditCode, checkPhoto, normalizeContractNo } from '../../domain/evidence-checks.ts';
import {
  checkVerificationAction,
  daysWaiting,
  DEFAULT_VERIFICATION_SETTINGS,
  nextStatus,
  reportedUnder,
  settingsProblem,
  type VerificationAction,
  type VerificationSettings,
  type VerificationStatus,
} from '../../domain/stage-verification.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import {
  ZDecideVerificationRequest,
  ZResubmitVerificationRequest,
  ZVerificationListQuery,
  ZVerificationSettings,
  type TDecideVerificationRequest,
  type TEvidenceChecks,
  type TResubmitVerificationRequest,
  type TStageVerification,
  type TStageVerificationDetail,
  type TVerificationListQuery,
  type TVerificationPage,
  type TVerificationSettings,
  type TVerificationSettingsState,
} from '../../shared/stage-verifications.ts';

/**
 * 核实 (issue 17): a unit's stage change the bureau's settings put under verification is *reported* until the bureau
 * (or the department the setting names) confirms it, or rejects it with a reason; the unit then corrects the change
 * (a correction sends it back to the reviewer) or resubmits it as it is. The stage change itself is recorded at once
 * and stays in the history; what waits is whether official figures count it (metrics queries, `confirmedStage`).
 */

type Step = { status: VerificationStatus; at: string; by: number | null; reason: string | null };

// ---------------------------------------------------------------------------------------------------------------
// Settings

async function storedSettings(db: Db) {
  const [row] = await db.select().from(verificationSettings).where(eq(verificationSettings.id, 1));
  return row ? { settings: ZVerificationSettings.parse(row.settings) as VerificationSettings, updatedAt: row.updatedAt } : null;
}

/** The settings in force (the defaults — nothing under verification — until the bureau sets them). */
export async function activeVerificationSettings(db: Db): Promise<VerificationSettings> {
  return (await storedSettings(db))?.settings ?? DEFAULT_VERIFICATION_SETTINGS;
}

/** Everyone may read them: a unit needs to know which of its changes will wait. */
export async function getVerificationSettings(ctx: ServiceContext): Promise<TVerificationSettingsState> {
  const stored = await storedSettings(ctx.db);
  return { settings: stored?.settings ?? DEFAULT_VERIFICATION_SETTINGS, isDefault: !stored, updatedAt: stored?.updatedAt.toISOString() ?? null };
}

/** The bureau sets them; audited. Changes already reported keep waiting; new rules apply to changes from now on. */
export async function setVerificationSettings(ctx: ServiceContext, input: TVerificationSettings): Promise<TVerificationSettingsState> {
  assertCanAdminister(ctx.caller);
  const settings = ZVerificationSettings.parse(input) as VerificationSettings;
  const problem = settingsProblem(settings);
  if (problem) throw new AppError('validation.invalid', { field: problem.field, params: { detail: problem.detail } });
  for (const [i, rule] of settings.rules.entries()) {
    if (rule.reviewerDepartmentId !== null) await requireDepartment(ctx.db, rule.reviewerDepartmentId, `rules.${i}.reviewerDepartmentId`);
  }
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(verificationSettings).where(eq(verificationSettings.id, 1));
    const values = { settings, updatedBy: ctx.caller.userId, updatedAt: ctx.now };
    await tx.insert(verificationSettings).values({ id: 1, ...values }).onConflictDoUpdate({ target: verificationSettings.id, set: values });
    await recordAudit(tx, actorOf(ctx), {
      entity: 'verificationSettings',
      entityId: 1,
      unitId: ctx.caller.unitId,
      action: before ? 'update' : 'create',
      before: before?.settings ?? DEFAULT_VERIFICATION_SETTINGS,
      after: settings,
    });
  });
  return getVerificationSettings(ctx);
}

// ---------------------------------------------------------------------------------------------------------------
// Hooks the stage service calls inside its transaction

/**
 * After a stage move: if the settings put this stage at this amount under verification, the change is reported.
 * The city's own projects are not: there is no one above the bureau to confirm them.
 */
export async function reportStageChange(
  tx: Db,
  ctx: ServiceContext,
  change: { projectId: number; unitId: number; totalInvestmentYuan: number; eventId: number; kind: string; stage: string },
): Promise<void> {
  const rules = (await activeVerificationSettings(tx)).rules;
  // The unit is looked up only when a rule could apply at all.
  if (!reportedUnder(rules, { ...change, cityOwn: false })) return;
  const [unit] = await tx.select({ parentId: units.parentId }).from(units).where(eq(units.id, change.unitId));
  const rule = reportedUnder(rules, { ...change, cityOwn: !unit || unit.parentId === null });
  if (!rule) return;
  const steps: Step[] = [{ status: 'reported', at: ctx.now.toISOString(), by: ctx.caller.userId, reason: null }];
  const [row] = await tx
    .insert(stageVerifications)
    .values({
      projectId: change.projectId,
      stageEventId: change.eventId,
      stage: rule.stage,
      status: 'reported',
      reviewerDepartmentId: rule.reviewerDepartmentId,
      reportedAt: ctx.now,
      reportedBy: ctx.caller.userId,
      steps,
    })
    .returning();
  await recordAudit(tx, actorOf(ctx), { entity: 'stageVerification', entityId: row!.id, unitId: change.unitId, action: 'create', after: row });
}

/**
 * After a correction or revocation of a stage record: a revoked change is withdrawn from verification; a corrected
 * one (new date or evidence) goes back to the reviewer, whatever they had decided — they confirmed other facts.
 */
export async function stageEventCorrected(tx: Db, ctx: ServiceContext, change: { correctsEventId: number; kind: 'correct' | 'revoke'; unitId: number; reason: string }) {
  const [before] = await tx.select().from(stageVerifications).where(eq(stageVerifications.stageEventId, change.correctsEventId)).for('update');
  if (!before || before.status === 'withdrawn') return;
  const status: VerificationStatus = change.kind === 'revoke' ? 'withdrawn' : 'reported';
  const steps = [...(before.steps as Step[]), { status, at: ctx.now.toISOString(), by: ctx.caller.userId, reason: change.reason }];
  const [after] = await tx
    .update(stageVerifications)
    .set({ status, steps, ...(status === 'reported' ? { reportedAt: ctx.now, reportedBy: ctx.caller.userId, decidedAt: null, decidedBy: null, reason: null } : {}) })
    .where(eq(stageVerifications.id, before.id))
    .returning();
  await recordAudit(tx, actorOf(ctx), { entity: 'stageVerification', entityId: before.id, unitId: change.unitId, action: 'update', before, after, reason: change.reason });
}

/** Each stage record's verification status, for the project's stage history. */
export async function verificationsOfEvents(db: Db, eventIds: number[]): Promise<Map<number, { id: number; status: VerificationStatus; reason: string | null }>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .select({ id: stageVerifications.id, eventId: stageVerifications.stageEventId, status: stageVerifications.status, reason: stageVerifications.reason })
    .from(stageVerifications)
    .where(inArray(stageVerifications.stageEventId, eventIds));
  return new Map(rows.map((r) => [r.eventId, { id: r.id, status: r.status as VerificationStatus, reason: r.reason }]));
}

// ---------------------------------------------------------------------------------------------------------------
// The queue, a change with its checks, the decisions

/**
 * Who sees which reported changes: a department the ones routed to it (never a unit's record otherwise); everyone
 * else those of projects in their scope — the bureau all, a unit its own subtree's (to follow them on the 督办 list).
 */
function inVerificationScope(caller: Caller): SQL {
  if (caller.role === 'department') return caller.departmentId ? sql`${stageVerifications.reviewerDepartmentId} = ${caller.departmentId}` : sql`false`;
  return inCallerScope(caller, projects.unitId);
}

const SELECTED = {
  v: stageVerifications,
  projectName: projects.name,
  codeName: projects.codeName,
  unitId: projects.unitId,
  unitName: units.name,
  totalInvestmentYuan: projects.totalInvestmentYuan,
  investorEnterpriseId: projects.investorEnterpriseId,
  happenedOn: projectStageEvents.happenedOn,
  evidence: projectStageEvents.evidence,
  decidedByName: users.displayName,
};

type Selected = Awaited<ReturnType<typeof selectVerifications>>[number];

function selectVerifications(db: Db, where: SQL | undefined) {
  return db
    .select(SELECTED)
    .from(stageVerifications)
    .innerJoin(projects, eq(projects.id, stageVerifications.projectId))
    .innerJoin(units, eq(units.id, projects.unitId))
    .innerJoin(projectStageEvents, eq(projectStageEvents.id, stageVerifications.stageEventId))
    .leftJoin(users, eq(users.id, stageVerifications.decidedBy))
    .where(where);
}

async function toVerifications(ctx: ServiceContext, rows: Selected[]): Promise<TStageVerification[]> {
  const departments = await departmentNames(ctx.db, rows.map((r) => r.v.reviewerDepartmentId).filter((id): id is number => id !== null));
  const stepUsers = [...new Set(rows.flatMap((r) => (r.v.steps as Step[]).map((s) => s.by)).filter((id): id is number => id !== null))];
  const names = new Map(
    stepUsers.length === 0 ? [] : (await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, stepUsers))).map((u) => [u.id, u.name]),
  );
  const today = chinaToday(ctx.now);
  return rows.map((r) => {
    // A confidential project shows its code name outside its own unit (as everywhere else).
    const confidential = !!r.codeName && ctx.caller.unitId !== r.unitId;
    const status = r.v.status as VerificationStatus;
    return {
      id: r.v.id,
      projectId: r.v.projectId,
      projectName: confidential ? r.codeName! : r.projectName,
      unitId: r.unitId,
      unitName: r.unitName,
      stage: r.v.stage as TStageVerification['stage'],
      stageEventId: r.v.stageEventId,
      happenedOn: r.happenedOn,
      evidence: r.evidence as TStageVerification['evidence'],
      totalInvestmentYuan: r.totalInvestmentYuan,
      status,
      reviewerDepartmentId: r.v.reviewerDepartmentId,
      reviewerDepartmentName: r.v.reviewerDepartmentId === null ? null : (departments.get(r.v.reviewerDepartmentId) ?? null),
      reportedAt: r.v.reportedAt.toISOString(),
      daysWaiting: status === 'reported' || status === 'rejected' ? daysWaiting(chinaToday(r.v.reportedAt), today) : 0,
      decidedAt: r.v.decidedAt?.toISOString() ?? null,
      decidedByName: r.decidedByName,
      reason: r.v.reason,
      steps: (r.v.steps as Step[]).map((s) => ({ status: s.status, at: s.at, byName: s.by === null ? null : (names.get(s.by) ?? null), reason: s.reason })),
    };
  });
}

/** The queue: changes of one status (reported by default: what waits, longest first), optionally of one unit's subtree or project. */
export async function listStageVerifications(ctx: ServiceContext, query: TVerificationListQuery): Promise<TVerificationPage> {
  const { status, unitId, projectId, page, pageSize } = ZVerificationListQuery.parse(query);
  const parts: SQL[] = [inVerificationScope(ctx.caller), eq(stageVerifications.status, status)];
  if (unitId !== undefined) {
    await requireUnitInScope(ctx, unitId, 'unitId');
    parts.push(inUnitSubtree(projects.unitId, unitId));
  }
  if (projectId !== undefined) parts.push(eq(stageVerifications.projectId, projectId));
  const where = and(...parts);
  const order = status === 'reported' ? [asc(stageVerifications.reportedAt), asc(stageVerifications.id)] : [desc(stageVerifications.id)];
  const rows = await selectVerifications(ctx.db, where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(stageVerifications)
    .innerJoin(projects, eq(projects.id, stageVerifications.projectId))
    .where(where);
  return { items: await toVerifications(ctx, rows), total: total!.n, page, pageSize };
}

async function loadVerification(ctx: ServiceContext, id: number, forUpdate = false): Promise<Selected> {
  const query = selectVerifications(ctx.db, and(eq(stageVerifications.id, id), inVerificationScope(ctx.caller)));
  const [row] = forUpdate ? await query.for('update', { of: stageVerifications }) : await query;
  if (!row) throw notFound('stageVerification');
  return row;
}

/** One reported change with the checks that help its reviewer: photos' EXIF, the contract number, the credit code. */
export async function getStageVerification(ctx: ServiceContext, id: number): Promise<TStageVerificationDetail> {
  const row = await loadVerification(ctx, id);
  const [item] = await toVerifications(ctx, [row]);
  return { ...item!, checks: await evidenceChecks(ctx, row) };
}

async function evidenceChecks(ctx: ServiceContext, row: Selected): Promise<TEvidenceChecks> {
  const settings = await activeVerificationSettings(ctx.db);
  const evidence = (row.evidence ?? {}) as { contractNo?: string | null; registeredCreditCode?: string | null };
  const files = await ctx.db
    .select({ id: evidenceFiles.id, fileName: evidenceFiles.fileName, contentType: evidenceFiles.contentType, content: evidenceFiles.content })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.stageEventId, row.v.stageEventId))
    .orderBy(asc(evidenceFiles.id));
  const limits = { cityCentre: settings.cityCentre, maxKm: settings.maxPhotoKm, maxDaysBefore: settings.maxPhotoDaysBefore };
  const photos = [];
  for (const file of files.filter((f) => f.contentType.startsWith('image/'))) {
    const check = checkPhoto(await photoFacts(file.id, file.content), row.happenedOn, limits);
    photos.push({ ...check, fileName: file.fileName });
  }
  let otherProjects = 0;
  if (evidence.contractNo && evidence.contractNo.trim()) {
    // City-wide, whoever asks: only the count leaves this function, never which projects or units.
    const normal = normalizeContractNo(evidence.contractNo);
    const [found] = await ctx.db
      .select({ n: sql<number>`count(distinct ${projectStageEvents.projectId})::int` })
      .from(projectStageEvents)
      .where(
        and(
          sql`${projectStageEvents.projectId} <> ${row.v.projectId}`,
          sql`${projectStageEvents.evidence} ? 'contractNo'`,
          sql`upper(regexp_replace(${projectStageEvents.evidence} ->> 'contractNo', '[[:space:]_—–－-]', '', 'g')) = ${normal}`,
        ),
      );
    otherProjects = found!.n;
  }
  const [investor] = await ctx.db.select({ creditCode: enterprises.creditCode }).from(enterprises).where(eq(enterprises.id, row.investorEnterpriseId));
  return {
    photos,
    contract: checkContract(evidence.contractNo, otherProjects),
    creditCode: checkCreditCode(evidence.registeredCreditCode, investor?.creditCode),
    limits: { maxPhotoKm: settings.maxPhotoKm, maxPhotoDaysBefore: settings.maxPhotoDaysBefore, cityCentreSet: settings.cityCentre !== null },
  };
}

async function applyAction(ctx: ServiceContext, id: number, action: VerificationAction, reason: string | null): Promise<TStageVerification> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const row = await loadVerification(txCtx, id, true);
    const problem = checkVerificationAction({
      action,
      status: row.v.status as VerificationStatus,
      reason,
      reviewer: { role: ctx.caller.role, unitId: ctx.caller.unitId, departmentId: ctx.caller.departmentId ?? null },
      projectUnitId: row.unitId,
      reviewerDepartmentId: row.v.reviewerDepartmentId,
    });
    if (problem) throw new AppError(problem as ErrorCode, problem === 'reason.required' ? { field: 'reason' } : {});
    const status = nextStatus(action);
    const steps = [...(row.v.steps as Step[]), { status, at: ctx.now.toISOString(), by: ctx.caller.userId, reason }];
    const decided = action === 'resubmit' ? { reportedAt: ctx.now, reportedBy: ctx.caller.userId, decidedAt: null, decidedBy: null, reason: null } : { decidedAt: ctx.now, decidedBy: ctx.caller.userId, reason };
    const [after] = await tx.update(stageVerifications).set({ status, steps, ...decided }).where(eq(stageVerifications.id, id)).returning();
    await recordAudit(tx, actorOf(ctx), {
      entity: 'stageVerification',
      entityId: id,
      unitId: row.unitId,
      action: 'update',
      before: row.v,
      after,
      ...(reason ? { reason } : {}),
    });
    const [item] = await toVerifications(txCtx, [await loadVerification(txCtx, id)]);
    return item!;
  });
}

/** The reviewer confirms a reported change, or rejects it with what the unit must correct. */
export async function decideStageVerification(ctx: ServiceContext, id: number, input: TDecideVerificationRequest): Promise<TStageVerification> {
  const { action, reason } = ZDecideVerificationRequest.parse(input);
  return applyAction(ctx, id, action, reason || null);
}

/** The unit sends a rejected change back as it is (with a note), e.g. after attaching what was missing. */
export async function resubmitStageVerification(ctx: ServiceContext, id: number, input: TResubmitVerificationRequest): Promise<TStageVerification> {
  assertCanWrite(ctx.caller);
  const { note } = ZResubmitVerificationRequest.parse(input);
  return applyAction(ctx, id, 'resubmit', note || null);
}
