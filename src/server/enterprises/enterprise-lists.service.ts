import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { enterpriseContacts, enterpriseListImports, enterpriseNames, enterpriseTiers, enterprises, leads, projects, visits } from '../db/schema.ts';
import { queryRows, type Db } from '../db/client.ts';
import { anyOf, pipelined, takeIds } from '../db/bulk.ts';
import type { ServiceContext } from '../context.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, insertAuditedRows, recordAudit, recordAuditMany } from '../audit/audit.service.ts';
import { AppError, notFound } from '../errors.ts';
import { LedgerFileError, type LedgerSheet } from '../imports/ledger-reader.ts';
import { readLedgerFileOffThread } from '../imports/ledger-worker.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { LABELS } from '../../shared/errors.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { TIER_LISTS, type TierList } from '../../domain/enterprise-tiers.ts';
import { listTemplateHeader, readListRows, type ListColumn, type ListRow, type ReadList } from '../../domain/enterprise-list-rows.ts';
import { keepPlan, planRows, planWatermark, takeKeptPlan, type PlannedRow, type Refusal, type StoredColumn } from './enterprise-list-plan.ts';
import { LIST_FACT_FIELDS, type ListFactField } from '../../domain/enterprise-list-facts.ts';
import {
  ZEnterpriseListOptions,
  type TEnterpriseListImport,
  type TEnterpriseListColumn,
  type TEnterpriseListFactIssue,
  type TEnterpriseListOptions,
  type TEnterpriseListProgress,
  type TEnterpriseListRefusal,
  type TEnterpriseListRow,
} from '../../shared/enterprise-lists.ts';
import { BLANK_LIBRARY_FACTS } from './enterprise-facts.ts';
import { recomputeFortuneGlobal500 } from './enterprise-library.service.ts';
import { insertEnterprisesWithSearch } from './enterprise-search.ts';
import { writeErrorWorkbook } from '../imports/error-workbook.ts';
import {
  factDifferenceMessage,
  factRefusalMessage,
  fillFacts,
  listValueText,
  libraryValueText,
  storedValue,
  unfillFacts,
  type FilledFact,
} from './enterprise-list-facts.ts';

/**
 * Enterprise list imports (issue 13 "Filling it"), for the bureau: upload a list with its list code and year →
 * preview (each row matched by credit code, else by normalised name or other name, else new; or refused, named by
 * row and field) → commit (one transaction: the missing enterprises, then the tier entries) → revert (the entries it
 * added, and the enterprises it created that nothing else has taken up since). Re-importing a list changes nothing:
 * its enterprises are found and their entries are there.
 */

type StoredImport = typeof enterpriseListImports.$inferSelect;

const PREVIEW_ROWS = 500;
const FACT_ISSUES = 500;
const progressOf = new Map<number, TEnterpriseListProgress>();

export function enterpriseListProgress(id: number): TEnterpriseListProgress {
  return progressOf.get(id) ?? { phase: 'idle', done: 0, total: 0 };
}

const REFUSAL_TEXT: Record<Refusal['code'], { zh: string; en: string }> = {
  required: { zh: '不能为空', en: 'is required' },
  creditCode: { zh: '不是有效的统一社会信用代码', en: 'is not a valid unified social credit code' },
  rank: { zh: '应为不小于1的整数', en: 'must be a whole number of at least 1' },
  duplicate: { zh: '与前面的行重复', en: 'repeats an earlier row' },
  ambiguous: { zh: '与库中多家企业同名，请填写统一社会信用代码', en: 'matches several enterprises in the library; give the credit code' },
};

function describeRefusal(r: Refusal): TEnterpriseListRefusal {
  const label = LABELS[r.field] ?? { zh: r.field, en: r.field };
  const text = REFUSAL_TEXT[r.code];
  return {
    rowNumber: r.rowNumber,
    field: r.field,
    code: r.code === 'ambiguous' ? 'duplicate' : r.code,
    message: { 'zh-CN': `第${r.rowNumber}行 ${label.zh}：${text.zh}`, en: `Row ${r.rowNumber}, ${label.en}: ${text.en}` },
  };
}

async function readFile(content: Buffer): Promise<LedgerSheet[]> {
  try {
    return await readLedgerFileOffThread(content);
  } catch (error) {
    if (error instanceof LedgerFileError) throw new AppError(error.code as ErrorCode, { field: 'file', params: error.detail });
    throw error;
  }
}

/** The header's cells as the preview describes them, with per fact column what its values do. */
function describeColumns(columns: StoredColumn[], planned: PlannedRow[]): TEnterpriseListColumn[] {
  const counts = new Map<ListFactField, { write: number; same: number; differ: number; refused: number }>();
  for (const field of LIST_FACT_FIELDS) counts.set(field, { write: 0, same: 0, differ: 0, refused: 0 });
  for (const p of planned) {
    for (const [field, effect] of Object.entries(p.read.effects) as [ListFactField, 'write' | 'same' | 'differ'][]) {
      // A new enterprise's 未上市 writes nothing and keeps nothing: it is simply not listed.
      counts.get(field)![effect]++;
    }
    for (const r of p.read.refusals) counts.get(r.field)!.refused++;
  }
  const seenRegion = new Set<number>();
  return columns.map((c) => {
    const fact = c.column && (LIST_FACT_FIELDS as string[]).includes(c.column) ? (c.column as ListFactField) : null;
    // 省份 and 城市 are read together: their counts are the place's, shown once on the first of them.
    const first = fact !== 'region' || seenRegion.size === 0;
    if (fact === 'region') seenRegion.add(c.index);
    return { index: c.index, label: c.label, column: c.column, counts: fact && first ? counts.get(fact)! : null };
  });
}

function factIssuesOf(planned: PlannedRow[]): { issues: TEnterpriseListFactIssue[]; refused: number; differing: number } {
  const issues: TEnterpriseListFactIssue[] = [];
  let refused = 0;
  let differing = 0;
  for (const p of planned) {
    for (const r of p.read.refusals) {
      refused++;
      if (issues.length < FACT_ISSUES) issues.push({ rowNumber: p.rowNumber, field: r.field, kind: 'refused', message: factRefusalMessage(p.rowNumber, r) });
    }
    for (const [field, effect] of Object.entries(p.read.effects) as [ListFactField, string][]) {
      if (effect !== 'differ') continue;
      differing++;
      if (issues.length < FACT_ISSUES) {
        issues.push({ rowNumber: p.rowNumber, field, kind: 'differ', message: factDifferenceMessage(p.rowNumber, field, p.read.facts, p.read.library) });
      }
    }
  }
  return { issues, refused, differing };
}

function describe(stored: StoredImport, planned: PlannedRow[], refusals: Refusal[], columns: StoredColumn[]): TEnterpriseListImport {
  const rows: TEnterpriseListRow[] = planned.slice(0, PREVIEW_ROWS).map((p) => ({
    rowNumber: p.rowNumber,
    name: p.name,
    creditCode: p.creditCode,
    rank: p.rank,
    batch: p.batch ?? stored.batch,
    match: p.match,
    enterpriseId: p.enterpriseId,
    enterpriseName: p.enterpriseName,
    alreadyOnList: p.alreadyOnList,
    facts: [
      ...(Object.entries(p.read.effects) as [ListFactField, 'write' | 'same' | 'differ'][]).map(([field, status]) => ({
        field,
        status,
        value: listValueText(field, p.read.facts),
        library: status === 'differ' ? libraryValueText(field, p.read.library) : null,
      })),
      ...p.read.refusals.map((r) => ({ field: r.field, status: 'refused' as const, value: r.text, library: null })),
    ],
  }));
  const facts = factIssuesOf(planned);
  return {
    id: stored.id,
    fileName: stored.fileName,
    list: stored.list as TierList,
    year: stored.year,
    batch: stored.batch,
    status: stored.status as TEnterpriseListImport['status'],
    summary: {
      rows: planned.length + refusals.length,
      byCode: planned.filter((p) => p.match === 'code').length,
      byName: planned.filter((p) => p.match === 'name').length,
      new: planned.filter((p) => p.match === 'new').length,
      alreadyOnList: planned.filter((p) => p.alreadyOnList).length,
      refused: refusals.length,
      factsRefused: facts.refused,
      factsDiffering: facts.differing,
    },
    rows,
    refusals: [...refusals].sort((a, b) => a.rowNumber - b.rowNumber).map(describeRefusal),
    columns: describeColumns(columns, planned),
    factIssues: facts.issues,
    errorFileUrl: refusals.length + facts.refused > 0 ? `/api/enterprise-lists/${stored.id}/errors.xlsx` : null,
    filledFacts: (stored.filledFacts as FilledFact[]).length,
    createdTiers: stored.createdTierIds.length,
    createdEnterprises: stored.createdEnterpriseIds.length,
  };
}

/** The header's cells: each recognised column (a rank on a list that does not rank is not read), the rest not read. */
function storedColumns(read: ReadList, ranked: boolean): StoredColumn[] {
  const byIndex = new Map<number, ListColumn>();
  for (const [column, index] of Object.entries(read.header) as [ListColumn, number][]) if (column !== 'rank' || ranked) byIndex.set(index, column);
  for (const index of read.regionParts) byIndex.set(index, 'region');
  return read.labels.flatMap((label, index) => (label || byIndex.has(index) ? [{ index, label, column: byIndex.get(index) ?? null }] : []));
}

/** An import as just stored, without reading its rows back. */
function stored0(ctx: ServiceContext, fileName: string, options: { list: TierList; year: number; batch?: string | undefined }): StoredImport {
  return {
    id: 0,
    createdBy: ctx.caller.userId,
    fileName,
    list: options.list,
    year: options.year,
    batch: options.batch ?? null,
    status: 'previewed',
    rows: [],
    refusals: [],
    summary: {},
    createdTierIds: [],
    createdEnterpriseIds: [],
    content: null,
    columns: [],
    filledFacts: [],
    createdAt: ctx.now,
    committedAt: null,
    revertedAt: null,
  };
}

function checkYear(ctx: ServiceContext, year: number): void {
  if (year > Number(chinaToday(ctx.now).slice(0, 4))) throw new AppError('enterprise.tierYearFuture', { field: 'year' });
}

/** Reads an uploaded list and previews it against the library; nothing is written but the import's own record. */
export async function previewEnterpriseList(ctx: ServiceContext, file: { fileName: string; content: Buffer }, input: TEnterpriseListOptions): Promise<TEnterpriseListImport> {
  assertCanAdminister(ctx.caller);
  const options = ZEnterpriseListOptions.parse(input);
  checkYear(ctx, options.year);
  const sheets = await readFile(file.content);
  const ranked = TIER_LISTS[options.list].ranked;
  const read = readSheet(sheets, ranked)?.read;
  if (!read) throw new AppError('enterpriseList.noHeader', { field: 'file' });
  const columns = storedColumns(read, ranked);
  const watermark = await planWatermark(ctx.db);
  const { planned, refusals } = await planRows(ctx.db, options.list, options.year, read.rows, columns);
  const stored = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(enterpriseListImports)
      .values({
        createdBy: ctx.caller.userId,
        fileName: file.fileName,
        list: options.list,
        year: options.year,
        batch: options.batch ?? null,
        rows: read.rows,
        refusals: read.refusals,
        summary: {},
        // The file itself, for the error file: its refused rows come back as the user wrote them.
        content: file.content,
        columns,
      })
      // Not the stored rows back (megabytes for a long list): the preview has them.
      .returning({ id: enterpriseListImports.id });
    const row = { ...stored0(ctx, file.fileName, options), id: inserted[0]!.id };
    await recordAudit(tx, actorOf(ctx), {
      entity: 'enterpriseListImport',
      entityId: row.id,
      unitId: ctx.caller.unitId,
      action: 'create',
      after: { fileName: row.fileName, list: row.list, year: row.year, batch: row.batch, rows: read.rows.length + read.refusals.length },
    });
    return row;
  });
  keepPlan(stored.id, watermark, { planned, refusals });
  const result = describe(stored, planned, [...read.refusals, ...refusals], columns);
  await ctx.db.update(enterpriseListImports).set({ summary: result.summary }).where(eq(enterpriseListImports.id, stored.id));
  return result;
}

/** The first visible sheet whose header names an enterprise column, read. */
function readSheet(sheets: LedgerSheet[], ranked: boolean): { sheet: LedgerSheet; read: ReadList } | undefined {
  for (const sheet of sheets.filter((s) => !s.hidden)) {
    const read = readListRows(sheet.rows, ranked);
    if (read) return { sheet, read };
  }
  return undefined;
}

/** An import's record without its file (megabytes, read only for the error file). */
const { content: _content, rows: _rows, ...withoutContent } = getTableColumns(enterpriseListImports);

/** An import's record; its rows (megabytes for a long list) only when `rows` says so. */
async function loadImport(ctx: ServiceContext, db: Db, id: number, options: { lock?: boolean; rows?: boolean } = {}): Promise<StoredImport> {
  assertCanAdminister(ctx.caller);
  const query = db
    .select({ ...withoutContent, rows: options.rows === false ? sql<null>`null` : enterpriseListImports.rows, content: sql<null>`null` })
    .from(enterpriseListImports)
    .where(eq(enterpriseListImports.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw notFound('enterpriseListImport');
  return row;
}

async function loadImportRows(db: Db, id: number): Promise<unknown> {
  const [row] = await db.select({ rows: enterpriseListImports.rows }).from(enterpriseListImports).where(eq(enterpriseListImports.id, id));
  return row!.rows;
}

/** An import as it stands: previewed again against the library as it is now (a committed one: against then). */
export async function getEnterpriseListImport(ctx: ServiceContext, id: number): Promise<TEnterpriseListImport> {
  const stored = await loadImport(ctx, ctx.db, id);
  const columns = stored.columns as StoredColumn[];
  const { planned, refusals } = await planRows(ctx.db, stored.list as TierList, stored.year, stored.rows as ListRow[], columns);
  return describe(stored, planned, [...(stored.refusals as Refusal[]), ...refusals], columns);
}

/**
 * The error file of an import (issue 13): the header and every row refused — whole or in a field — as the user wrote
 * it, with a column 原因 naming the field and why; to fix and import again (a re-import fills what was missing).
 */
export async function enterpriseListErrorsWorkbook(ctx: ServiceContext, id: number): Promise<{ fileName: string; content: Buffer }> {
  const stored = await loadImport(ctx, ctx.db, id);
  const [kept] = await ctx.db.select({ content: enterpriseListImports.content }).from(enterpriseListImports).where(eq(enterpriseListImports.id, id));
  // An import made before files were kept has none to give back.
  if (!kept?.content) throw notFound('enterpriseListImport');
  const columns = stored.columns as StoredColumn[];
  const { planned, refusals } = await planRows(ctx.db, stored.list as TierList, stored.year, stored.rows as ListRow[], columns);
  const reasons = new Map<number, string[]>();
  const add = (rowNumber: number, text: string) => reasons.set(rowNumber, [...(reasons.get(rowNumber) ?? []), text]);
  for (const r of [...(stored.refusals as Refusal[]), ...refusals]) add(r.rowNumber, describeRefusal(r).message['zh-CN']);
  for (const p of planned) for (const r of p.read.refusals) add(p.rowNumber, factRefusalMessage(p.rowNumber, r)['zh-CN']);
  const found = readSheet(await readFile(kept.content), TIER_LISTS[stored.list as TierList].ranked);
  if (!found) throw new AppError('enterpriseList.noHeader', { field: 'file' });
  const content = await writeErrorWorkbook({
    sheetName: found.sheet.name,
    header: found.read.labels,
    reasonHeader: '原因',
    rows: [...reasons.keys()].sort((a, b) => a - b).map((rowNumber) => ({ cells: found.sheet.rows[rowNumber - 1] ?? [], reasons: reasons.get(rowNumber)! })),
  });
  return { fileName: stored.fileName.replace(/\.(xlsx|csv)$/i, '') + '-原因.xlsx', content };
}

/**
 * Writes the list in one transaction, after previewing it again against the library as it is now: the enterprises
 * not on record, then the tier entries the matched and new enterprises lack. Refused rows refuse the whole list.
 */
export async function commitEnterpriseList(ctx: ServiceContext, id: number): Promise<TEnterpriseListImport> {
  await loadImport(ctx, ctx.db, id, { rows: false });
  progressOf.set(id, { phase: 'checking', done: 0, total: 0 });
  try {
    // What the commit did, described from its own plan: previewing 100,000 rows again only to say so costs seconds.
    return await ctx.db.transaction(async (tx) => {
      const stored = await loadImport(ctx, tx, id, { lock: true, rows: false });
      if (stored.status !== 'previewed') throw new AppError('enterpriseList.notPreviewed');
      const list = stored.list as TierList;
      const columns = stored.columns as StoredColumn[];
      const { planned, refusals } =
        (await takeKeptPlan(tx, id)) ?? (await planRows(tx, list, stored.year, (await loadImportRows(tx, id)) as ListRow[], columns));
      const refused = (stored.refusals as Refusal[]).length + refusals.length;
      if (refused > 0) throw new AppError('enterpriseList.hasRefusals', { params: { count: String(refused) } });
      const adding = planned.filter((p) => !p.alreadyOnList);
      const total = adding.length;
      progressOf.set(id, { phase: 'writing', done: 0, total });

      const fresh = adding.filter((p) => p.match === 'new');
      const newIds = await takeIds(tx, enterprises, fresh.length);
      // Every fact the list gives of a new enterprise goes in with it (issue 13); what could not be read is left empty.
      const enterpriseRows: (typeof enterprises.$inferSelect)[] = fresh.map((p, i) => {
        const listing = storedValue('listing', p.read.facts) as { exchange: string; ticker: string } | undefined;
        return {
        id: newIds[i]!,
        unitId: ctx.caller.unitId,
        name: p.name,
        creditCode: p.creditCode,
        fortuneGlobal500: false,
        ...BLANK_LIBRARY_FACTS,
        hqRegionCode: p.read.facts.region ?? null,
        // In no group yet: its own HQ is its source region (the database's trigger writes the same, migration 0050).
        sourceRegionCode: p.read.facts.region ?? null,
        industryCodes: p.read.facts.industry ? [p.read.facts.industry] : [],
        registeredCapitalYuan: p.read.facts.capital ?? null,
        foundedOn: p.read.facts.founded ?? null,
        listingExchange: listing?.exchange ?? null,
        listingTicker: listing?.ticker ?? null,
        mergedIntoId: null,
        createdBy: ctx.caller.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      });
      fresh.forEach((p, i) => {
        p.enterpriseId = newIds[i]!;
        p.enterpriseUnitId = ctx.caller.unitId;
      });

      const tierIds = await takeIds(tx, enterpriseTiers, adding.length);
      const tierRows = adding.map((p, i) => ({
        id: tierIds[i]!,
        enterpriseId: p.enterpriseId!,
        list,
        year: stored.year,
        rank: TIER_LISTS[list].ranked ? p.rank : null,
        batch: p.batch ?? stored.batch,
        createdBy: ctx.caller.userId,
        createdAt: ctx.now,
        // Not a column: the unit of the entry's audit row, the enterprise's.
        unitId: p.enterpriseUnitId!,
      }));
      const CHUNK = 5000;
      // One pipeline: the statements go out without waiting for each answer, so the search tokens of the next chunk are
      // computed here while the database writes the chunk before.
      await pipelined(tx, async (pipeline) => {
        let chunkBefore: Promise<unknown> = Promise.resolve();
        for (let i = 0; i < total; i += CHUNK) {
          const tiers = tierRows.slice(i, i + CHUNK);
          const chunkIds = new Set(tiers.map((t) => t.enterpriseId));
          const newHere = enterpriseRows.filter((e) => chunkIds.has(e.id));
          await insertEnterprisesWithSearch(pipeline, actorOf(ctx), newHere, null);
          await insertAuditedRows(pipeline, actorOf(ctx), enterpriseTiers, 'enterpriseTier', tiers, null, {
            notRecorded: ['unitId'],
            reason: `enterprise list import ${id}`,
          });
          // The bar moves when the database has written the chunk; at most two chunks are in flight.
          const written = pipeline.run(async () => progressOf.set(id, { phase: 'writing', done: Math.min(i + CHUNK, total), total }));
          await chunkBefore;
          chunkBefore = written;
        }
      });
      // Enterprises already in the library get the facts they lack; a different value on record stays (the preview said so).
      const wanted: FilledFact[] = planned.flatMap((p) =>
        p.match === 'new'
          ? []
          : (Object.entries(p.read.effects) as [ListFactField, string][]).flatMap(([field, effect]) => {
              const value = storedValue(field, p.read.facts);
              return effect === 'write' && value !== undefined ? [{ enterpriseId: p.enterpriseId!, field, value }] : [];
            }),
      );
      const filled = await fillFacts(tx, actorOf(ctx), id, ctx.now, wanted);
      if (list === 'fortune_global_500') await recomputeFortuneGlobal500({ ...ctx, db: tx }, tx);
      await tx
        .update(enterpriseListImports)
        .set({ status: 'committed', committedAt: ctx.now, createdTierIds: tierIds, createdEnterpriseIds: newIds, filledFacts: filled })
        .where(eq(enterpriseListImports.id, id));
      await recordAudit(tx, actorOf(ctx), {
        entity: 'enterpriseListImport',
        entityId: id,
        unitId: ctx.caller.unitId,
        action: 'import',
        after: { list, year: stored.year, tiersAdded: tierIds.length, enterprisesAdded: newIds.length, factsFilled: filled.length },
      });
      progressOf.set(id, { phase: 'done', done: total, total });
      return describe({ ...stored, status: 'committed', committedAt: ctx.now, createdTierIds: tierIds, createdEnterpriseIds: newIds, filledFacts: filled }, planned, [], columns);
    });
  } catch (error) {
    progressOf.delete(id);
    throw error;
  }
}

/**
 * Undoes a committed list: removes the tier entries it added, then the enterprises it created that nothing else has
 * taken up since (a project, a contact, a subsidiary, a lead, a visit, an other name or another tier entry).
 */
export async function revertEnterpriseList(ctx: ServiceContext, id: number): Promise<TEnterpriseListImport> {
  await ctx.db.transaction(async (tx) => {
    const stored = await loadImport(ctx, tx, id, { lock: true, rows: false });
    if (stored.status !== 'committed') throw new AppError('enterpriseList.notCommitted');
    // The facts it filled on enterprises already in the library go back to empty (unless changed since).
    const facts = await unfillFacts(tx, actorOf(ctx), id, ctx.now, stored.filledFacts as FilledFact[]);
    const removedTiers = stored.createdTierIds.length
      ? await tx.delete(enterpriseTiers).where(anyOf(enterpriseTiers.id, stored.createdTierIds, 'int')).returning()
      : [];
    const removed = stored.createdEnterpriseIds.length
      ? await tx
          .delete(enterprises)
          .where(
            and(
              anyOf(enterprises.id, stored.createdEnterpriseIds, 'int'),
              sql`not exists (select 1 from ${projects} where ${projects.investorEnterpriseId} = ${enterprises.id})`,
              sql`not exists (select 1 from ${enterpriseContacts} where ${enterpriseContacts.enterpriseId} = ${enterprises.id})`,
              sql`not exists (select 1 from enterprises child where child.parent_enterprise_id = ${enterprises.id})`,
              sql`not exists (select 1 from ${leads} where ${leads.enterpriseId} = ${enterprises.id})`,
              sql`not exists (select 1 from ${visits} where ${visits.enterpriseId} = ${enterprises.id})`,
              sql`not exists (select 1 from ${enterpriseNames} where ${enterpriseNames.enterpriseId} = ${enterprises.id})`,
              sql`not exists (select 1 from ${enterpriseTiers} where ${enterpriseTiers.enterpriseId} = ${enterprises.id})`,
              sql`not exists (select 1 from enterprise_merges m where m.survivor_id = ${enterprises.id} or m.merged_id = ${enterprises.id})`,
            ),
          )
          .returning()
      : [];
    const unitOf = new Map<number, number>(
      (await queryRows<{ id: number; unit_id: number }>(tx, sql`select id, unit_id from enterprises where ${anyOf(enterprises.id, [...new Set(removedTiers.map((t) => t.enterpriseId))], 'int')}`)).map((r) => [r.id, r.unit_id]),
    );
    await recordAuditMany(tx, actorOf(ctx), [
      ...removedTiers.map((t) => ({ entity: 'enterpriseTier', entityId: t.id, unitId: unitOf.get(t.enterpriseId) ?? ctx.caller.unitId, action: 'delete' as const, before: t, reason: `revert of enterprise list import ${id}` })),
      ...removed.map((e) => ({ entity: 'enterprise', entityId: e.id, unitId: e.unitId, action: 'delete' as const, before: e, reason: `revert of enterprise list import ${id}` })),
    ]);
    if (stored.list === 'fortune_global_500') await recomputeFortuneGlobal500({ ...ctx, db: tx }, tx);
    await tx.update(enterpriseListImports).set({ status: 'reverted', revertedAt: ctx.now }).where(eq(enterpriseListImports.id, id));
    await recordAudit(tx, actorOf(ctx), {
      entity: 'enterpriseListImport',
      entityId: id,
      unitId: ctx.caller.unitId,
      action: 'revert',
      after: {
        tiersRemoved: removedTiers.length,
        enterprisesRemoved: removed.length,
        enterprisesKept: stored.createdEnterpriseIds.length - removed.length,
        factsEmptied: facts.emptied,
        factsKept: facts.kept,
      },
    });
  });
  return getEnterpriseListImport(ctx, id);
}

/** A blank list to fill in (issue 16): a sheet named after the list, its header the columns the import reads. */
export async function enterpriseListTemplate(ctx: ServiceContext, list: TierList): Promise<{ fileName: string; content: Buffer }> {
  assertCanAdminister(ctx.caller);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TIER_LISTS[list].zh);
  const labels = listTemplateHeader(TIER_LISTS[list].ranked);
  sheet.addRow(labels).font = { bold: true };
  labels.forEach((label, i) => (sheet.getColumn(i + 1).width = Math.max(12, label.length * 2 + 4)));
  // A credit code typed into the sheet stays as written: 18 characters, not a number.
  sheet.getColumn(labels.indexOf('统一社会信用代码') + 1).numFmt = '@';
  return { fileName: `${TIER_LISTS[list].zh}名单模板.xlsx`, content: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
