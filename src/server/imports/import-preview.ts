import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { callerAncestorUnits, listUnits, unitNames } from '../units/units.service.ts';
import { matchLedgerInvestors } from '../enterprises/ledger-investors.ts';
import { findLedgerProjects, investorAndNameKey } from '../projects/ledger.service.ts';
import { closedPeriods } from '../closes/closes.service.ts';
import { industryFromLedgerText } from '../industries/industries.service.ts';
import { localIndustryLookup, type LocalIndustryMatch } from '../local-industries/local-industries.service.ts';
import { regionFromLedgerText } from '../regions/regions.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { foldProgress, type StageEvent } from '../../domain/stage-history.ts';
import type { MetricDates } from '../../domain/month-close.ts';
import { matchUnit } from '../../domain/unit-matching.ts';
import { describeProblemEn } from '../../domain/ledger-rows-en.ts';
import { describeProblem, FIELD_NAMES, headerOf, readSheet, rowLabel, type LedgerProblem, type LedgerRecord } from '../../domain/ledger-rows.ts';
import { applyCorrections } from '../../domain/ledger-corrections.ts';
import { describeWarning, describeWarningEn, type LedgerWarning } from '../../domain/ledger-warnings.ts';
import { normalizeLabel, type ColumnMapping, type LedgerField } from '../../domain/ledger-columns.ts';
import { planRow, refuseClosedPeriod, type ExistingProject, type ProjectFields, type ResolvedRow, type RowPlan } from '../../domain/ledger-plan.ts';
import type { LedgerSheet } from './ledger-reader.ts';
import { readSheetOnce } from './sheet-reads.ts';
import type { TCellCorrection, TColumnMapping, TImportBatch, TImportRow, TSheetRead, TSkippedRow } from '../../shared/imports.ts';

/**
 * The dry run: a ledger sheet read, every row resolved against the data in the caller's scope (units, investors,
 * projects) and planned — nothing written. The commit runs the same function again and writes its plans.
 */
export type PreviewOptions = {
  unitId: number;
  sheet?: string;
  year?: number;
  mapping?: TColumnMapping;
  /** The unit's template for each sheet read, by sheet name (a template matches its sheet's header). */
  templates?: Map<string, TColumnMapping>;
  /** Cells fixed in the preview (issue 16), written into the sheet as uploaded before it is read. */
  corrections?: TCellCorrection[];
};

export type PlannedRow = {
  /** The row's sheet, when the workbook has several (named in its messages and its stage records' evidence). */
  sheet?: string;
  /** The row's sheet by name, whatever the workbook. */
  sheetName: string;
  rowNumber: number;
  plan: RowPlan;
  existing: ExistingProject | null;
  /** Set when the row names an investor the import will add (the key groups rows naming the same one). */
  newInvestor: { key: string; name: string; creditCode: string | null; hqRegionCode: string | null; unitId: number } | null;
};

export type Preview = {
  summary: Omit<TImportBatch, 'id' | 'fileName' | 'status' | 'unitId' | 'unitName' | 'createdByName' | 'createdAt' | 'committedAt' | 'revertedAt'>;
  rows: TImportRow[];
  planned: PlannedRow[];
};

export type Progress = (phase: 'checking', done: number, total: number) => void;

const FIELD_OF: Record<keyof ProjectFields, LedgerField> = {
  name: 'name',
  unitId: 'unit',
  investorEnterpriseId: 'investorName',
  totalInvestmentYuan: 'totalInvestment',
  contractInvestmentYuan: 'contractInvestment',
  industryCode: 'industry',
  localIndustry: 'localIndustry',
  responsibleLeader: 'leader',
  code: 'code',
  note: 'note',
};

/** A header's identity for templates: its labels, normalised. */
export function headerKey(labels: string[]): string {
  return labels.map(normalizeLabel).join('|');
}

export function chooseSheet(sheets: LedgerSheet[], name: string | undefined): LedgerSheet {
  return projectSheets(sheets, name)[0]!;
}

/**
 * The sheets an import reads (issue 12): the one chosen, or else every sheet with a project header — a workbook
 * keeps 2022年签约项目 beside 往年签约今年开工, and reading only the first quietly leaves projects out. Sheets
 * without one (填报说明, 汇总) are passed over, and named in the preview. None with one: the first sheet (where a
 * mapping given by hand reads from).
 */
export function projectSheets(sheets: LedgerSheet[], name: string | undefined): LedgerSheet[] {
  if (name) {
    const sheet = sheets.find((s) => s.name === name);
    if (!sheet) throw new AppError('ledger.unknownSheet', { field: 'sheet', params: { sheet: name } });
    return [sheet];
  }
  // A hidden sheet (last year's rows, a lookup list) is not read unless chosen: what the user sees is what is imported.
  const withHeader = sheets.filter((s) => !s.hidden && headerOf(s.rows));
  return withHeader.length > 0 ? withHeader : [sheets.find((s) => !s.hidden) ?? sheets[0]!];
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function previewLedger(
  ctx: ServiceContext,
  fileName: string,
  sheets: LedgerSheet[],
  options: PreviewOptions,
  onProgress: Progress = () => {},
): Promise<Preview> {
  const chosen = projectSheets(sheets, options.sheet);
  // Rows are named by sheet wherever the workbook has more than one ("工作表“往年签约今年开工”第3行").
  const several = sheets.length > 1;
  const reads = chosen.map((sheet) => {
    const mapping = (options.mapping ?? options.templates?.get(sheet.name)) as ColumnMapping | undefined;
    const readOptions = { mapping, year: options.year, sheet: several ? sheet.name : undefined };
    const read = readSheetOnce(sheet.rows, readOptions);
    if (!read.ok || !options.corrections?.length) return { sheet, read };
    // Fixed cells (issue 16): written into a copy of the rows by the columns this read found, then read again; the
    // header is never a corrected row, so the second read finds the same columns.
    const corrected = applyCorrections(sheet.rows, sheet.name, read.mapping, options.corrections);
    const unapplied = corrected.unapplied[0];
    if (unapplied) {
      const where = several ? `工作表“${unapplied.sheet}”第${unapplied.rowNumber}行` : `第${unapplied.rowNumber}行`;
      throw new AppError('validation.invalid', { field: 'corrections', params: { detail: `${where} ${FIELD_NAMES[unapplied.field]}：表格中没有这一列，或没有这一行，无法在预览中修改` } });
    }
    return { sheet, read: readSheet(corrected.rows, readOptions) };
  });
  const mappingSource = options.mapping ? 'given' : reads.some((r) => options.templates?.has(r.sheet.name)) ? 'template' : 'detected';
  const base = {
    sheets: sheets.map((s) => ({ name: s.name, rows: s.rows.length, ...(s.hidden ? { hidden: true } : {}) })),
    sheet: chosen[0]!.name,
    sheetChosen: !!options.sheet,
    mappingSource,
  } as const;
  const refusal = (problem: string): Preview => ({
    summary: {
      ...base,
      headerRow: null,
      labels: [],
      mapping: {},
      moneyUnit: '万元',
      titleYear: null,
      sheetsRead: [],
      skippedRows: [],
      counts: { create: 0, update: 0, unchanged: 0, refused: 0, skipped: 0 },
      problem,
    },
    rows: [],
    planned: [],
  });
  // A mapping set by hand names one sheet's columns: with several project sheets, which one is the user's to say.
  if (options.mapping && chosen.length > 1) {
    return refusal(`工作簿中有 ${chosen.length} 个项目工作表（${chosen.map((s) => `“${s.name}”`).join('、')}）：手动指定的列对应只适用于一个工作表，请先选择工作表`);
  }
  const read = reads.flatMap(({ sheet, read }) => (read.ok ? [{ sheet, read }] : []));
  if (read.length === 0) return refusal('未找到表头：表格中应有“项目名称”等列名；也可以手动指定各列');
  const records = read.flatMap((r) => r.read.records);
  const sheetNames = read.flatMap((r) => r.read.records.map(() => r.sheet.name));
  const skippedRows: TSkippedRow[] = read.flatMap((r) => r.read.skipped.map((s) => ({ sheet: r.sheet.name, ...s })));
  const units = await listUnits(ctx);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const planned = await planRecords(ctx, fileName, records, sheetNames, read.flatMap((r) => r.read.problems), units, options, onProgress);
  const rows = planned.map((p, i) => {
    const unitId = p.plan.fields.unitId ?? p.existing?.unitId;
    return toImportRow(records[i]!, p, unitId ? (unitNames.get(unitId) ?? null) : null);
  });
  const counts = { create: 0, update: 0, unchanged: 0, refused: 0, skipped: skippedRows.length };
  for (const p of planned) counts[p.plan.action]++;
  const unknownIndustries = unknownIndustryWords(records, await localIndustryLookup(ctx.db));
  const first = read[0]!.read;
  const sheetsRead: TSheetRead[] = read.map(({ sheet, read }) => ({
    name: sheet.name,
    headerRow: read.headerRow + 1,
    projectRows: read.records.length,
    amountUnits: read.amountUnits,
  }));
  return {
    summary: {
      ...base,
      sheet: read[0]!.sheet.name,
      headerRow: first.headerRow + 1,
      labels: first.labels,
      mapping: first.mapping as TColumnMapping,
      moneyUnit: first.unit,
      titleYear: first.titleYear ?? null,
      sheetsRead,
      skippedRows,
      counts,
      corrections: options.corrections ?? [],
      unknownIndustries,
      problem: null,
    },
    rows,
    planned,
  };
}

/**
 * A row's industry words (issue 12): the city's own word — 本市产业 in its own column, else 所属行业 — is kept as the
 * project's 本市产业, as the list names it when it is one of the list's names or synonyms, as written otherwise; the
 * GB/T 4754 code is the one 所属行业 writes ("3841", "锂离子电池制造"), else the list's mapping of the word. A GB/T
 * code or name in 所属行业 is not a local word. Nothing here refuses a row, and nothing warns row by row: words not
 * on the list are summarised once each (`unknownIndustryWords`).
 */
function resolveIndustry(record: LedgerRecord, localIndustryOf: (word: string) => LocalIndustryMatch | undefined) {
  const gbCode = record.industry ? industryFromLedgerText(record.industry) : undefined;
  const word = record.localIndustry ?? (gbCode ? null : record.industry);
  const local = word ? localIndustryOf(word) : undefined;
  return {
    localIndustry: local?.name ?? word ?? null,
    industryCode: gbCode ?? local?.industryCode ?? null,
    unknownWord: word && !local ? word : null,
  };
}

/** The ledger's industry words that are not on the city's list, each once with how many rows write it. */
function unknownIndustryWords(records: LedgerRecord[], localIndustryOf: (word: string) => LocalIndustryMatch | undefined) {
  const rows = new Map<string, number>();
  for (const record of records) {
    const { unknownWord } = resolveIndustry(record, localIndustryOf);
    if (unknownWord) rows.set(unknownWord, (rows.get(unknownWord) ?? 0) + 1);
  }
  return [...rows].map(([word, count]) => ({ word, rows: count }));
}

function foldedDates(events: StageEvent[]): MetricDates {
  const d = foldProgress(events).stageDates;
  return { signedOn: d.signed, registeredOn: d.registered, startedOn: d.started, producingOn: d.producing, inStatsOn: d.inStats };
}

async function planRecords(
  ctx: ServiceContext,
  fileName: string,
  records: LedgerRecord[],
  sheetNames: string[],
  parseProblems: LedgerProblem[],
  units: { id: number; name: string; parentId: number | null; path: string }[],
  options: PreviewOptions,
  onProgress: Progress,
): Promise<PlannedRow[]> {
  const investors = await matchLedgerInvestors(
    ctx,
    records.map((r) => r.creditCode).filter((c): c is string => !!c),
    records.map((r) => r.investorName).filter((n): n is string => !!n),
  );
  const existing = await findLedgerProjects(ctx, {
    ids: records.map((r) => r.systemId).filter((id): id is number => id !== null),
    codes: records.map((r) => r.code).filter((c): c is string => !!c),
    names: records.map((r) => r.name).filter(Boolean),
  });
  // A row is its sheet and its number: the same number repeats on every sheet of a workbook.
  const rowKey = (row: { sheet?: string; rowNumber: number }) => `${row.sheet ?? ''}\n${row.rowNumber}`;
  const problemsOf = new Map<string, LedgerProblem[]>();
  for (const p of parseProblems) problemsOf.set(rowKey(p), [...(problemsOf.get(rowKey(p)) ?? []), p]);
  const seenKeys = new Map<string, LedgerRecord>();
  const today = chinaToday(ctx.now);
  const closed = await closedPeriods(ctx.db);
  const localIndustryOf = await localIndustryLookup(ctx.db);
  // A unit may be written after its ancestors' names, the city's included (issue 12); each distinct text is matched once.
  const ancestors = await callerAncestorUnits(ctx);
  const unitMatches = new Map<string, ReturnType<typeof matchUnit>>();
  // The conflict rule (issue 12): the units of the caller's scope by id, and the names of other units whose projects
  // rows name (their names only: nothing of their records).
  const unitById = new Map(units.map((u) => [u.id, u]));
  const namesElsewhere = await unitNames(ctx.db, [...new Set(existing.unitElsewhereByInvestorAndName.values())]);
  const unitOf = (text: string) => {
    if (!unitMatches.has(text)) unitMatches.set(text, matchUnit(text, units, ancestors));
    return unitMatches.get(text)!;
  };
  const planned: PlannedRow[] = [];
  for (let i = 0; i < records.length; i++) {
    if (i % 500 === 499) {
      onProgress('checking', i, records.length);
      await yieldToOthers();
    }
    const record = records[i]!;
    const problems = [...(problemsOf.get(rowKey(record)) ?? [])];
    const warnings: LedgerWarning[] = [];
    const problem = (field: LedgerField, code: string, raw = '', detail?: string) =>
      problems.push({ sheet: record.sheet, rowNumber: record.rowNumber, field, code, raw, ...(detail !== undefined ? { detail } : {}) });
    const fields: Partial<ProjectFields> = {};
    // A record merged into another is not used for new work (issue 13): the row is refused naming the survivor.
    const refuseMergedInvestor = (id: number, field: LedgerField, raw: string) => {
      const survivor = investors.survivorOf.get(id);
      if (survivor) problem(field, 'enterprise.merged', raw, `“${survivor.name}”（#${survivor.id}）`);
    };
    if (record.name) fields.name = record.name;
    // 落地单位: as written in the row, or the import's unit.
    if (record.unitName) {
      const match = unitOf(record.unitName);
      if (match.ok) fields.unitId = match.unitId;
      else if (match.problem === 'ambiguousUnit') problem('unit', 'unit.ambiguous', record.unitName, match.candidates.join('、'));
      else problem('unit', 'unit.unknown', record.unitName);
    } else {
      fields.unitId = options.unitId;
    }
    let newInvestor: PlannedRow['newInvestor'] = null;
    if (record.creditCode && investors.byCreditCode.has(record.creditCode)) {
      fields.investorEnterpriseId = investors.byCreditCode.get(record.creditCode)!;
      refuseMergedInvestor(fields.investorEnterpriseId, 'creditCode', record.creditCode);
    } else if (record.investorName && investors.byName.has(record.investorName)) {
      fields.investorEnterpriseId = investors.byName.get(record.investorName)!;
      refuseMergedInvestor(fields.investorEnterpriseId, 'investorName', record.investorName);
    } else if (record.investorName) {
      let hqRegionCode: string | null = null;
      if (record.sourceRegion) {
        hqRegionCode = regionFromLedgerText(record.sourceRegion) ?? null;
        if (!hqRegionCode) warnings.push({ code: 'sourceRegion.unknown', raw: record.sourceRegion });
      }
      newInvestor = {
        key: record.creditCode ?? `name:${record.investorName}`,
        name: record.investorName,
        creditCode: record.creditCode,
        hqRegionCode,
        unitId: fields.unitId ?? options.unitId,
      };
    }
    if (record.totalInvestmentYuan !== null) fields.totalInvestmentYuan = record.totalInvestmentYuan;
    if (record.contractInvestmentYuan !== null) fields.contractInvestmentYuan = record.contractInvestmentYuan;
    const industry = resolveIndustry(record, localIndustryOf);
    if (industry.localIndustry) fields.localIndustry = industry.localIndustry;
    if (industry.industryCode) fields.industryCode = industry.industryCode;
    if (record.leader) fields.responsibleLeader = record.leader;
    if (record.code) fields.code = record.code;
    if (record.note) fields.note = record.note;
    for (const field of record.monthOnly) warnings.push({ code: 'date.monthOnly', field });

    // The project the row stands for: by 系统编号, then 项目编号, then investor + name.
    let project: ExistingProject | null = null;
    let key: string | null = null;
    if (record.systemId !== null) {
      project = existing.byId.get(record.systemId) ?? null;
      key = `id:${record.systemId}`;
      if (!project) problem('systemId', 'systemId.unknown', String(record.systemId));
    } else if (record.code) {
      key = `code:${record.code}`;
      if (existing.codesElsewhere.has(record.code)) problem('code', 'code.taken', record.code);
      project = existing.byCode.get(record.code) ?? null;
    }
    if (!project && record.systemId === null && record.investorName && record.name) {
      project = existing.byInvestorAndName.get(investorAndNameKey(record.investorName, record.name)) ?? null;
      if (!record.code) key = `name:${investorAndNameKey(record.investorName, record.name)}`;
    }
    if (key) {
      // The same project twice: within a sheet a repeated row; across sheets (signed last year on one, started
      // this year on another) one project all the same — refused with both rows named, never two projects and never
      // one row quietly overwriting the other (docs/decisions.md, "Several project sheets").
      const earlier = seenKeys.get(key);
      if (earlier === undefined) seenKeys.set(key, record);
      else if (earlier.sheet === record.sheet) problem('name', 'row.duplicate', `${record.name}（第${earlier.rowNumber}行）`);
      else problem('name', 'row.duplicateOtherSheet', `${record.name}（${rowLabel(earlier)}）`);
    }
    if (project && fields.unitId !== undefined && record.unitName === null) delete fields.unitId;
    if (project) {
      // The row's unit (as written, or the import's) must be the project's or hold it: a county's ledger may name the
      // county for its park's project, which stays in the park. Any other unit is a conflict, never a move.
      const rowUnit = unitById.get(fields.unitId ?? options.unitId);
      const projectUnit = unitById.get(project.unitId);
      if (rowUnit && projectUnit && rowUnit.id !== projectUnit.id) {
        if (projectUnit.path.startsWith(rowUnit.path)) delete fields.unitId;
        else problem('unit', 'unit.conflict', record.unitName ?? rowUnit.name, projectUnit.name);
      }
    } else if (record.systemId === null && record.investorName && record.name) {
      const elsewhere = existing.unitElsewhereByInvestorAndName.get(investorAndNameKey(record.investorName, record.name));
      if (elsewhere !== undefined) problem('name', 'project.otherUnit', record.name, namesElsewhere.get(elsewhere) ?? '其他单位');
    }
    const resolved: ResolvedRow = { record, fields, newInvestor: newInvestor !== null, problems, warnings };
    const plan = refuseClosedPeriod(planRow(resolved, project, today, fileName), record.rowNumber, project ? foldedDates(project.events) : null, closed, record.sheet);
    planned.push({ sheet: record.sheet, sheetName: sheetNames[i]!, rowNumber: record.rowNumber, plan, existing: project, newInvestor });
  }
  onProgress('checking', records.length, records.length);
  return planned;
}


function toImportRow(record: LedgerRecord, p: PlannedRow, unitName: string | null): TImportRow {
  const lastMove = p.plan.moves.at(-1);
  return {
    sheet: p.sheetName,
    rowNumber: record.rowNumber,
    action: p.plan.action,
    projectId: p.existing?.id ?? null,
    name: record.name,
    unitName: unitName ?? record.unitName,
    investorName: record.investorName,
    investor: p.newInvestor ? 'new' : p.plan.fields.investorEnterpriseId || p.existing ? 'matched' : null,
    stage: lastMove?.to ?? record.stage,
    totalInvestmentYuan: record.totalInvestmentYuan,
    signedOn: record.signedOn,
    changes: [...p.plan.changes.map((c) => FIELD_OF[c]), ...(p.existing && p.plan.moves.length > 0 ? ['progress'] : [])],
    problems: p.plan.problems.map(describeProblem),
    problemsEn: p.plan.problems.map(describeProblemEn),
    warnings: p.plan.warnings.map((w) => describeWarning(record, w)),
    warningsEn: p.plan.warnings.map((w) => describeWarningEn(record, w)),
    refusedCells: [...new Map(p.plan.problems.map((problem) => [problem.field, { field: problem.field, raw: problem.raw }])).values()],
  };
}
