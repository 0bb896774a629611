import { and, eq, sql } from 'drizzle-orm';
import { evidenceFiles, projectComments, projectFunds, projects, projectStageEvents } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { closedPeriods } from '../closes/closes.service.ts';
import { AppError } from '../errors.ts';
import { inCallerScope } from '../access/scope.ts';
import { anyOf, insertJsonRows, takeIds, type Pipeline } from '../db/bulk.ts';
import { actorOf, insertAuditedRows, recordAuditMany, type AuditChange } from '../audit/audit.service.ts';
import { enterpriseNameOf } from '../enterprises/enterprises.service.ts';
import { activeDeadlineRules } from '../deadlines/deadlines.service.ts';
import { prepareImportVerification, reportImportedChanges, withdrawImportedChanges, type ImportedChange, type ImportVerification } from '../verification/import-verifications.ts';
import { deleteDerivedOf, LATER_RECORD_NAMES, laterRecordsOf } from './project-references.ts';
import { projectColumns, stageEventsOf } from './stages.service.ts';
import { closedMonthsOfProject } from '../../domain/month-close.ts';
import { importedEvidence, type ExistingProject, type PlannedMove, type ProjectFields } from '../../domain/ledger-plan.ts';
import type { StageEvent } from '../../domain/stage-history.ts';
import type { DeadlineRule } from '../../domain/deadlines.ts';

/**
 * The projects side of a ledger import (issue 4): finding the projects a ledger's rows stand for, writing a
 * committed plan in bulk (projects, stage records, audit rows marked with the batch), and reverting it.
 */
export type LedgerKeys = { ids: number[]; codes: string[]; names: string[] };

export type LedgerProjects = {
  byId: Map<number, ExistingProject>;
  byCode: Map<string, ExistingProject>;
  /** Codes that projects outside the caller's scope already have. */
  codesElsewhere: Set<string>;
  /** "investor name|project name" → project. */
  byInvestorAndName: Map<string, ExistingProject>;
  /**
   * "investor name|project name" → the unit of a project outside the caller's scope with that investor and name
   * (issue 12): the row is that project, which an import neither changes nor duplicates. Only the unit is kept — a
   * county must not learn another county's (possibly confidential) record.
   */
  unitElsewhereByInvestorAndName: Map<string, number>;
};

export function investorAndNameKey(investorName: string, name: string): string {
  return `${investorName.trim()}|${name.trim()}`;
}


export async function findLedgerProjects(ctx: ServiceContext, keys: LedgerKeys): Promise<LedgerProjects> {
  const found: LedgerProjects = { byId: new Map(), byCode: new Map(), codesElsewhere: new Set(), byInvestorAndName: new Map(), unitElsewhereByInvestorAndName: new Map() };
  const select = {
    id: projects.id,
    unitId: projects.unitId,
    name: projects.name,
    investorEnterpriseId: projects.investorEnterpriseId,
    investorName: enterpriseNameOf(projects.investorEnterpriseId),
    totalInvestmentYuan: projects.totalInvestmentYuan,
    contractInvestmentYuan: projects.contractInvestmentYuan,
    industryCode: projects.industryCode,
    localIndustry: projects.localIndustry,
    responsibleLeader: projects.responsibleLeader,
    code: projects.code,
    note: projects.note,
    codeName: projects.codeName,
    mergedIntoId: projects.mergedIntoId,
    inScope: sql<boolean>`${inCallerScope(ctx.caller, projects.unitId)}`,
  };
  type Row = { [K in keyof typeof select]: unknown } & { id: number; inScope: boolean; code: string | null; name: string; investorName: string | null };
  const rows: Row[] = [];
  const scoped = inCallerScope(ctx.caller, projects.unitId);
  for (const [column, values, type, scopedOnly] of [
    [projects.id, keys.ids, 'int', true],
    [projects.code, keys.codes, 'text', false],
    // By name across the city too: a row naming another unit's project is a conflict, not a new project.
    [projects.name, keys.names, 'text', false],
  ] as const) {
    const unique = [...new Set<string | number>(values)];
    if (unique.length > 0) rows.push(...((await ctx.db.select(select).from(projects).where(and(anyOf(column, unique, type), scopedOnly ? scoped : undefined))) as Row[]));
  }
  const histories = await stageEventsOf(ctx.db, [...new Set(rows.filter((r) => r.inScope).map((r) => r.id))]);
  for (const row of rows) {
    if (!row.inScope) {
      if (row.code) found.codesElsewhere.add(row.code);
      if (row.investorName) found.unitElsewhereByInvestorAndName.set(investorAndNameKey(row.investorName, row.name), row.unitId as number);
      continue;
    }
    const project: ExistingProject = {
      id: row.id,
      unitId: row.unitId as number,
      name: row.name,
      investorEnterpriseId: row.investorEnterpriseId as number,
      totalInvestmentYuan: row.totalInvestmentYuan as number,
      contractInvestmentYuan: row.contractInvestmentYuan as number | null,
      industryCode: row.industryCode as string | null,
      localIndustry: row.localIndustry as string | null,
      responsibleLeader: row.responsibleLeader as string | null,
      code: row.code,
      note: row.note as string | null,
      events: histories.get(row.id) ?? [],
      confidentialElsewhere: !!row.codeName && row.unitId !== ctx.caller.unitId,
      mergedIntoId: row.mergedIntoId as number | null,
    };
    found.byId.set(project.id, project);
    if (project.code) found.byCode.set(project.code, project);
    if (row.investorName) found.byInvestorAndName.set(investorAndNameKey(row.investorName, row.name), project);
  }
  return found;
}

type ProjectRow = typeof projects.$inferSelect;

/**
 * A new project's row with every column written out, defaults included, so that the row as inserted is also the
 * audit trail's record of it. One literal rather than spreads of defaults, fields and stage columns: V8 builds
 * objects spread over each other's keys in its slow path (tens of microseconds each; half a second per 10,000 rows).
 */
function newProjectRow(id: number, fields: Partial<ProjectFields>, columns: ReturnType<typeof projectColumns>, createdBy: number, now: Date): ProjectRow {
  return {
    id,
    unitId: fields.unitId!,
    name: fields.name!,
    investorEnterpriseId: fields.investorEnterpriseId!,
    totalInvestmentYuan: fields.totalInvestmentYuan!,
    stage: columns.stage,
    reportedUnitId: fields.unitId!,
    projectType: 'industrial',
    industryCode: fields.industryCode ?? null,
    localIndustry: fields.localIndustry ?? null,
    contractInvestmentYuan: fields.contractInvestmentYuan ?? null,
    fundSource: null,
    foreignInvestmentUsd: null,
    isMajor: false,
    threeBatch: null,
    amountsEstimated: false,
    responsibleLeader: fields.responsibleLeader ?? null,
    responsibleOfficerId: null,
    codeName: null,
    code: fields.code ?? null,
    note: fields.note ?? null,
    signedOn: columns.signedOn,
    registeredOn: columns.registeredOn,
    startedOn: columns.startedOn,
    producingOn: columns.producingOn,
    inStatsOn: columns.inStatsOn,
    lastEventOn: columns.lastEventOn,
    nextDueOn: columns.nextDueOn,
    nextDueRule: columns.nextDueRule,
    warnFromOn: columns.warnFromOn,
    mergedIntoId: null,
    createdBy,
    createdAt: now,
    updatedAt: now,
  };
}

export type LedgerWrite = {
  /** The sheet the row is on, when the workbook has several (issue 12). */
  sheet?: string;
  rowNumber: number;
  action: 'create' | 'update';
  existing: ExistingProject | null;
  fields: Partial<ProjectFields>;
  moves: PlannedMove[];
};

export type LedgerWritten = { sheet?: string; rowNumber: number; action: 'create' | 'update'; projectId: number; before: unknown; after: unknown; stageEventIds: number[] };

function syntheticEvents(moves: PlannedMove[], fileName: string, rowNumber: number, after: StageEvent[], sheet?: string): StageEvent[] {
  return moves.map((move, i) => ({
    id: Number.MAX_SAFE_INTEGER - 1000 + after.length + i,
    kind: move.kind,
    state: move.to,
    happenedOn: move.date,
    evidence: importedEvidence(fileName, rowNumber, sheet),
    reason: move.reason,
    correctsEventId: null,
  }));
}

/** What writing an import's rows reads first: before the commit sends anything, so that no read waits for its writes. */
export type LedgerWritePrepared = { rules: DeadlineRule[]; projectIds: number[]; eventIds: number[]; verification: ImportVerification };

/** Each stage change a write records, as 核实 weighs it: the project's unit and amount as the import leaves them. */
function importedChanges(w: Pick<LedgerWrite, 'fields' | 'existing' | 'moves'>): ImportedChange[] {
  const unitId = w.fields.unitId ?? w.existing!.unitId;
  const totalInvestmentYuan = w.fields.totalInvestmentYuan ?? w.existing!.totalInvestmentYuan;
  return w.moves.map((move) => ({ unitId, totalInvestmentYuan, kind: move.kind, stage: move.to }));
}

export async function prepareLedgerWrite(ctx: ServiceContext, writes: Pick<LedgerWrite, 'action' | 'moves' | 'fields' | 'existing'>[]): Promise<LedgerWritePrepared> {
  const creates = writes.filter((w) => w.action === 'create').length;
  const moves = writes.reduce((n, w) => n + w.moves.length, 0);
  return {
    rules: await activeDeadlineRules(ctx.db),
    projectIds: await takeIds(ctx.db, projects, creates),
    eventIds: await takeIds(ctx.db, projectStageEvents, moves),
    verification: await prepareImportVerification(ctx.db, writes.flatMap(importedChanges)),
  };
}

/**
 * Writes a committed import through `pipeline` (the import's transaction): new projects are inserted with their
 * stage columns already folded and their ids taken beforehand, together with their audit rows; then every appended
 * stage record, changed project and its audit row — in bulk, a few statements per thousand rows, each sent while
 * the next is prepared.
 */
export async function writeLedgerRows(
  ctx: ServiceContext,
  pipeline: Pipeline,
  prepared: LedgerWritePrepared,
  batchId: number,
  fileName: string,
  writes: LedgerWrite[],
  onProgress: (done: number) => void,
): Promise<LedgerWritten[]> {
  const { rules, projectIds, eventIds } = prepared;
  await refuseMovesOfMerged(ctx, pipeline, writes);
  const written: LedgerWritten[] = [];
  const audits: AuditChange[] = [];
  const creates = writes.filter((w) => w.action === 'create');
  const createdRows: ProjectRow[] = [];
  for (const [i, w] of creates.entries()) {
    if (i % 1000 === 999) await new Promise<void>((resolve) => setImmediate(resolve));
    createdRows.push(newProjectRow(projectIds[i]!, w.fields, projectColumns(syntheticEvents(w.moves, fileName, w.rowNumber, [], w.sheet), rules), ctx.caller.userId, ctx.now));
  }
  await insertAuditedRows(pipeline, actorOf(ctx), projects, 'project', createdRows, batchId);
  void pipeline.run(async () => onProgress(Math.floor(creates.length / 2)));
  // Keyed by the write itself: a row number alone repeats across a workbook's sheets (issue 12).
  const idOfRow = new Map<LedgerWrite, number>();
  creates.forEach((w, i) => idOfRow.set(w, projectIds[i]!));
  for (const w of writes) if (w.action === 'update') idOfRow.set(w, w.existing!.id);

  const eventIdsOfRow = new Map<LedgerWrite, number[]>();
  const events: (typeof projectStageEvents.$inferInsert)[] = [];
  const changes: Parameters<typeof reportImportedChanges>[4] = [];
  for (const w of writes) {
    if (w.moves.length === 0) continue;
    const ids = eventIds.slice(events.length, events.length + w.moves.length);
    eventIdsOfRow.set(w, ids);
    importedChanges(w).forEach((change, i) => changes.push({ ...change, projectId: idOfRow.get(w)!, eventId: ids[i]! }));
    const evidence = importedEvidence(fileName, w.rowNumber, w.sheet);
    for (const [i, move] of w.moves.entries()) {
      events.push({
        id: ids[i]!,
        projectId: idOfRow.get(w)!,
        kind: move.kind,
        state: move.to,
        happenedOn: move.date,
        evidence,
        reason: move.reason,
        recordedBy: ctx.caller.userId,
        recordedAt: ctx.now,
      });
    }
  }
  await insertJsonRows(pipeline, projectStageEvents, events);
  // 核实 (issue 17): an import's stage change waits for the reviewer exactly as the same move made by hand would.
  await reportImportedChanges(ctx, pipeline, prepared.verification, batchId, changes);

  createdRows.forEach((row, i) => {
    const w = creates[i]!;
    written.push({ sheet: w.sheet, rowNumber: w.rowNumber, action: 'create', projectId: row.id, before: null, after: row, stageEventIds: eventIdsOfRow.get(w) ?? [] });
  });
  void pipeline.run(async () => onProgress(creates.length));
  // Changed projects: one statement each (a corrected ledger touches few), each waiting for what was sent before.
  for (const w of writes.filter((x) => x.action === 'update')) {
    const existing = w.existing!;
    const [before] = await pipeline.run(() => ctx.db.select().from(projects).where(eq(projects.id, existing.id)));
    const columns = w.moves.length > 0 ? projectColumns([...existing.events, ...syntheticEvents(w.moves, fileName, w.rowNumber, existing.events, w.sheet)], rules) : {};
    const [after] = await pipeline.run(() =>
      ctx.db
        .update(projects)
        .set({ ...w.fields, ...columns, updatedAt: ctx.now })
        .where(eq(projects.id, existing.id))
        .returning(),
    );
    written.push({ sheet: w.sheet, rowNumber: w.rowNumber, action: 'update', projectId: existing.id, before, after, stageEventIds: eventIdsOfRow.get(w) ?? [] });
    audits.push({ entity: 'project', entityId: existing.id, unitId: after!.unitId, action: 'update', before, after, importBatchId: batchId });
  }
  await recordAuditMany(pipeline, actorOf(ctx), audits);
  return written;
}

/**
 * The commit's own guard (issue 17): the preview refuses a row adding a stage to a merged project, but the bureau may
 * merge between that check and this transaction. The projects the rows move are locked and read again; one merged
 * since refuses the whole commit (409 projectMerge.projectMerged, naming the row and its column), nothing written.
 */
async function refuseMovesOfMerged(ctx: ServiceContext, pipeline: Pipeline, writes: LedgerWrite[]): Promise<void> {
  const moving = writes.filter((w) => w.action === 'update' && w.moves.length > 0);
  if (moving.length === 0) return;
  // Every project moved is locked (not only those merged now): a merge starting after this read waits for the commit.
  const locked = await pipeline.run(() =>
    ctx.db
      .select({ id: projects.id, mergedIntoId: projects.mergedIntoId })
      .from(projects)
      .where(anyOf(projects.id, moving.map((w) => w.existing!.id), 'int'))
      .orderBy(projects.id)
      .for('update'),
  );
  const merged = new Set(locked.filter((r) => r.mergedIntoId !== null).map((r) => r.id));
  const first = moving.find((w) => merged.has(w.existing!.id));
  if (!first) return;
  const field = STAGE_FIELD_OF[first.moves[0]!.to] ?? 'progress';
  throw new AppError('projectMerge.projectMerged', { field: `${first.sheet !== undefined ? `sheets.${first.sheet}.` : ''}rows.${first.rowNumber}.${field}` });
}

const STAGE_FIELD_OF: Partial<Record<string, string>> = { signed: 'signedOn', registered: 'registeredOn', started: 'startedOn', producing: 'producingOn', inStats: 'inStatsOn' };

export type LedgerItem = { sheet?: string | null; rowNumber: number; action: 'create' | 'update'; projectId: number; before: unknown; after: unknown; stageEventIds: number[] };

/**
 * Undoes a committed import through `ctx.db` (the revert's transaction, with the batch marked as reverting):
 * projects it created are removed with their imported stage records; projects it changed get their fields back
 * and its stage records revoked. Refused, naming the rows, when any of those projects changed after the import.
 */
export async function revertLedgerRows(ctx: ServiceContext, batchId: number, committedAt: Date, items: LedgerItem[]): Promise<void> {
  const ids = items.map((i) => i.projectId);
  const current = new Map<number, typeof projects.$inferSelect>();
  for (const row of await ctx.db.select().from(projects).where(anyOf(projects.id, ids, 'int')).for('update')) current.set(row.id, row);
  const histories = await stageEventsOf(ctx.db, ids);
  // What people recorded about the projects since (funds, comments, visits, …) stops the revert, named (issue 18).
  const ownEventIds = items.flatMap((i) => i.stageEventIds);
  const later = await laterRecordsOf(ctx, ids, ownEventIds);
  if (later.size > 0) {
    const blocked = items.filter((i) => later.has(i.projectId));
    const kinds = [...new Set(blocked.flatMap((i) => [...later.get(i.projectId)!]))];
    throw new AppError('import.laterRecords', {
      params: {
        rows: blocked.map((i) => `第${i.rowNumber}行`).slice(0, 20).join('、') + (blocked.length > 20 ? ` 等${blocked.length}行` : ''),
        records: kinds.map((k) => LATER_RECORD_NAMES[k].zh).join('、'),
        recordsEn: kinds.map((k) => LATER_RECORD_NAMES[k].en).join(', '),
      },
    });
  }
  // Projects deleted since the import (issue 12): said so, row by row, rather than as "changed".
  const gone = items.filter((item) => !current.has(item.projectId));
  if (gone.length > 0) {
    const where = (i: LedgerItem) => (i.sheet ? `工作表“${i.sheet}”第${i.rowNumber}行` : `第${i.rowNumber}行`);
    throw new AppError('import.projectsGone', { params: { rows: gone.map(where).slice(0, 20).join('、') + (gone.length > 20 ? ` 等${gone.length}行` : '') } });
  }
  const changedRows = items.filter((item) => {
    const row = current.get(item.projectId);
    if (!row || row.updatedAt.getTime() !== committedAt.getTime()) return true;
    const own = new Set(item.stageEventIds);
    return (histories.get(item.projectId) ?? []).some((e) => e.id > Math.min(...own, Number.MAX_SAFE_INTEGER) && !own.has(e.id));
  });
  if (changedRows.length > 0) {
    const rows = changedRows.map((i) => `第${i.rowNumber}行`).slice(0, 20).join('、') + (changedRows.length > 20 ? ` 等${changedRows.length}行` : '');
    throw new AppError('import.changedSince', { params: { rows } });
  }
  // Reverting would take figures out of a closed month (issue 5): that is a correction, made one by one with a reason.
  const closed = await closedPeriods(ctx.db);
  const inClosed = items.filter((item) => closedMonthsOfProject(current.get(item.projectId)!, closed).length > 0);
  if (inClosed.length > 0) {
    const month = closedMonthsOfProject(current.get(inClosed[0]!.projectId)!, closed)[0]!;
    throw new AppError('month.closed', { field: 'batch', params: { month: `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月` } });
  }
  // 核实 (issue 17): the batch's stage changes still waiting for a reviewer are withdrawn, as a revocation by hand does.
  await withdrawImportedChanges(ctx, batchId, ownEventIds, (projectId) => current.get(projectId)!.unitId);
  const audits: AuditChange[] = [];
  const created = items.filter((i) => i.action === 'create').map((i) => i.projectId);
  if (created.length > 0) {
    // Reminders the job made for them go with them: the app derived them, nobody wrote them.
    await deleteDerivedOf(ctx, created);
    await ctx.db.delete(projectStageEvents).where(anyOf(projectStageEvents.projectId, created, 'int'));
    await ctx.db.delete(projects).where(anyOf(projects.id, created, 'int'));
  }
  for (const id of created) {
    const row = current.get(id)!;
    audits.push({ entity: 'project', entityId: id, unitId: row.unitId, action: 'delete', before: row, reason: `撤销导入批次 #${batchId}`, importBatchId: batchId });
  }
  const rules = await activeDeadlineRules(ctx.db);
  for (const item of items.filter((i) => i.action === 'update')) {
    const before = item.before as Record<string, unknown>;
    const events = [...(histories.get(item.projectId) ?? [])];
    for (const eventId of [...item.stageEventIds].reverse()) {
      const [revocation] = await ctx.db
        .insert(projectStageEvents)
        .values({
          projectId: item.projectId,
          kind: 'revoke',
          state: events.find((e) => e.id === eventId)!.state,
          happenedOn: events.find((e) => e.id === eventId)!.happenedOn,
          evidence: {},
          reason: `撤销导入批次 #${batchId}`,
          correctsEventId: eventId,
          recordedBy: ctx.caller.userId,
          recordedAt: ctx.now,
        })
        .returning();
      events.push({ ...revocation!, kind: 'revoke', state: revocation!.state as StageEvent['state'], evidence: {}, correctsEventId: eventId });
    }
    const restored = Object.fromEntries(RESTORED_FIELDS.map((field) => [field, before[field] ?? null]));
    const [after] = await ctx.db
      .update(projects)
      .set({ ...restored, ...projectColumns(events, rules), updatedAt: ctx.now })
      .where(eq(projects.id, item.projectId))
      .returning();
    audits.push({ entity: 'project', entityId: item.projectId, unitId: after!.unitId, action: 'update', before: current.get(item.projectId), after, reason: `撤销导入批次 #${batchId}`, importBatchId: batchId });
  }
  await recordAuditMany(ctx.db, actorOf(ctx), audits);
}

const RESTORED_FIELDS = ['name', 'unitId', 'investorEnterpriseId', 'totalInvestmentYuan', 'contractInvestmentYuan', 'industryCode', 'responsibleLeader', 'code', 'note', 'localIndustry'] as const;
