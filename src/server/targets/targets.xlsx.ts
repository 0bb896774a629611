import ExcelJS from 'exceljs';
import { escapeWorkbook } from '../http/safe-workbook.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { listUnits } from '../units/units.service.ts';
import { LedgerFileError } from '../imports/ledger-reader.ts';
import { readLedgerFileOffThread } from '../imports/ledger-worker.ts';
import { checkTargets, listTargets, TARGETABLE, writeTargets } from './targets.service.ts';
import { CHAIN_TARGETABLE, checkChainTargets, writeChainTargets } from './chain-targets.service.ts';
import { asc, eq } from 'drizzle-orm';
import { chains, chainTargets } from '../db/schema.ts';
import { METRICS, type MetricDefinition } from '../../domain/metrics.ts';
import { parseAmount } from '../../domain/ledger-values.ts';
import { matchUnit } from '../../domain/unit-matching.ts';
import { yuanToYiExactText } from '../../domain/money.ts';
import type { ErrorCode } from '../../shared/errors.ts';

/**
 * The year's target grid as the xlsx bureaus pass around: one row per unit (tree order), one column per metric,
 * amounts in 亿元 (foreign capital in 万美元), counts as they are; and a second sheet, 产业链目标, with one row per
 * chain (issue 14: the grid's chain rows) and a column per metric a chain can be measured by. Importing the same
 * layout back sets the grid: a filled cell sets the target, a blank cell clears it; rows, columns or a sheet left out
 * of the file are not touched. Both sheets are written in one transaction, or nothing is.
 */
const COLUMN_METRICS = METRICS.filter((m) => TARGETABLE.has(m.key));
const unitWord = (m: MetricDefinition) => (m.unit === 'yuan' ? '亿元' : m.unit === 'usd' ? '万美元' : '个');
const columnTitle = (m: MetricDefinition) => `${m.name.zh}（${unitWord(m)}）`;
/** A header as written, its brackets either way: a grid exported before issue 16 wrote "(亿元)". */
const plainTitle = (title: string) => title.trim().replace(/（/g, '(').replace(/）/g, ')');
const HEADER_ROW = 3;
const CHAIN_SHEET = '产业链目标';
const CHAIN_HEADER = '产业链';

function cellText(m: MetricDefinition, value: number): string | number {
  if (m.unit === 'yuan') return Number(yuanToYiExactText(value));
  if (m.unit === 'usd') return value / 10_000;
  return value;
}

export async function exportTargets(ctx: ServiceContext, year: number): Promise<Buffer> {
  const [units, { items }] = await Promise.all([listUnits(ctx), listTargets(ctx, year)]);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('目标任务');
  const width = COLUMN_METRICS.length + 1;
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(1, 1).value = `${year}年招商引资目标任务`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.getCell(2, 1).value = '说明：金额单位见列名；空白表示不设目标。导入时填写的格设定目标，空白的格清除目标。';
  sheet.getRow(HEADER_ROW).values = ['单位', ...COLUMN_METRICS.map(columnTitle)];
  sheet.getRow(HEADER_ROW).font = { bold: true };
  sheet.columns = [{ width: 22 }, ...COLUMN_METRICS.map(() => ({ width: 18 }))];
  for (const unit of units) {
    const values = COLUMN_METRICS.map((m) => {
      const target = items.find((t) => t.unitId === unit.id && t.metricKey === m.key);
      return target ? cellText(m, target.value) : null;
    });
    sheet.addRow([unit.name, ...values]);
  }
  await addChainSheet(ctx, workbook, year);
  return Buffer.from(await escapeWorkbook(workbook).xlsx.writeBuffer());
}

/** The chain rows: the active chains and any other with a target this year, in the chains' order. */
async function addChainSheet(ctx: ServiceContext, workbook: ExcelJS.Workbook, year: number) {
  const [all, set] = await Promise.all([
    ctx.db.select({ id: chains.id, name: chains.name, active: chains.active }).from(chains).orderBy(asc(chains.position), asc(chains.id)),
    ctx.db.select().from(chainTargets).where(eq(chainTargets.year, year)),
  ]);
  const sheet = workbook.addWorksheet(CHAIN_SHEET);
  const width = CHAIN_TARGETABLE.length + 1;
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(1, 1).value = `${year}年产业链招商目标任务`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.getCell(2, 1).value = '说明：全市各产业链的目标，由市局设定；填写与导入规则同“目标任务”表。';
  sheet.getRow(HEADER_ROW).values = [CHAIN_HEADER, ...CHAIN_TARGETABLE.map(columnTitle)];
  sheet.getRow(HEADER_ROW).font = { bold: true };
  sheet.columns = [{ width: 22 }, ...CHAIN_TARGETABLE.map(() => ({ width: 18 }))];
  for (const chain of all.filter((c) => c.active || set.some((t) => t.chainId === c.id))) {
    const values = CHAIN_TARGETABLE.map((m) => {
      const target = set.find((t) => t.chainId === chain.id && t.metricKey === m.key);
      return target ? cellText(m, target.value) : null;
    });
    sheet.addRow([chain.name, ...values]);
  }
}

type Problem = { sheet: string; row: number; column: string; detail: string };

function cellValue(m: MetricDefinition, text: string): number | string {
  if (m.unit === 'count') {
    const n = Number(text.replace(/[\s,个]/g, ''));
    return Number.isInteger(n) && n > 0 ? n : '应为正整数';
  }
  const parsed = parseAmount(text.replace(/万美元$/, ''), m.unit === 'yuan' ? '亿元' : '万元');
  if (!parsed.ok) return parsed.problem === 'tooPrecise' ? '小数位过多' : '不是有效金额';
  return parsed.value > 0 ? parsed.value : '应大于零';
}

/** A sheet's header row (the first whose first cell is `first`) and the metric each of its columns names. */
function headerOf(rows: string[][], first: string, metrics: MetricDefinition[]) {
  const index = rows.findIndex((row) => row[0]?.trim() === first);
  if (index < 0) return null;
  const columns = rows[index]!.map((title) => metrics.find((m) => plainTitle(columnTitle(m)) === plainTitle(title) || m.name.zh === title.trim()) ?? null);
  return { index, columns };
}

/** Reads a sheet's rows below its header: each row's name resolved by `match`, each metric cell a value or a clearing. */
function readRows<Id>(
  rows: string[][],
  header: { index: number; columns: (MetricDefinition | null)[] },
  match: (name: string) => Id | string,
  problems: Problem[],
  sheetName: string,
): { id: Id; metricKey: string; value: number | null }[] {
  const items: { id: Id; metricKey: string; value: number | null }[] = [];
  rows.slice(header.index + 1).forEach((row, i) => {
    const rowNumber = header.index + 2 + i;
    const name = row[0]?.trim() ?? '';
    if (!name) return;
    const id = match(name);
    if (typeof id === 'string') return problems.push({ sheet: sheetName, row: rowNumber, column: rows[header.index]![0]!.trim(), detail: id });
    header.columns.forEach((m, c) => {
      if (!m) return;
      const text = row[c]?.trim() ?? '';
      if (!text) return items.push({ id, metricKey: m.key, value: null });
      const value = cellValue(m, text);
      if (typeof value === 'string') problems.push({ sheet: sheetName, row: rowNumber, column: columnTitle(m), detail: `'${text}' ${value}` });
      else items.push({ id, metricKey: m.key, value });
    });
  });
  return items;
}

export async function importTargets(ctx: ServiceContext, year: number, file: Buffer) {
  assertCanAdminister(ctx.caller);
  let sheets;
  try {
    sheets = await readLedgerFileOffThread(file);
  } catch (error) {
    if (error instanceof LedgerFileError) throw new AppError(error.code as ErrorCode, { field: 'file', params: error.detail });
    throw error;
  }
  // The units' sheet is the first with a 单位 header; the chains' the first with a 产业链 header (either may be left out).
  const unitSheet = sheets.map((sheet) => ({ sheet, header: headerOf(sheet.rows, '单位', COLUMN_METRICS) })).find((s) => s.header);
  const chainSheet = sheets.map((sheet) => ({ sheet, header: headerOf(sheet.rows, CHAIN_HEADER, CHAIN_TARGETABLE) })).find((s) => s.header);
  if (!unitSheet && !chainSheet) throw new AppError('targets.badFile', { field: 'file', params: { detail: '找不到以“单位”或“产业链”开头的表头行' } });
  const problems: Problem[] = [];
  let unitItems: { unitId: number; metricKey: string; value: number | null }[] = [];
  if (unitSheet) {
    const units = await listUnits(ctx);
    const matchOf = (name: string) => {
      const match = matchUnit(name, units);
      return match.ok ? match.unitId : `“${name}”不是本单位范围内的单位`;
    };
    unitItems = readRows(unitSheet.sheet.rows, unitSheet.header!, matchOf, problems, unitSheet.sheet.name).map(({ id, ...item }) => ({ unitId: id, ...item }));
  }
  let chainItems: { chainId: number; metricKey: string; value: number | null }[] = [];
  if (chainSheet) {
    // Chains are named as the bureau names them: the whole name, once; a name two chains share is refused, not guessed.
    const all = await ctx.db.select({ id: chains.id, name: chains.name }).from(chains);
    const matchOf = (name: string) => {
      const found = all.filter((c) => c.name.trim() === name);
      return found.length === 1 ? found[0]!.id : found.length === 0 ? `“${name}”不是已有的产业链` : `有${found.length}条产业链都叫“${name}”`;
    };
    chainItems = readRows(chainSheet.sheet.rows, chainSheet.header!, matchOf, problems, chainSheet.sheet.name).map(({ id, ...item }) => ({ chainId: id, ...item }));
  }
  if (problems.length > 0) {
    // The sheet is named only when the file has both, so a units-only file's messages read as before.
    const where = (p: Problem) => (unitSheet && chainSheet ? `${p.sheet} ` : '');
    const detail = problems.slice(0, 10).map((p) => `${where(p)}第${p.row}行 ${p.column}：${p.detail}`).join('；');
    throw new AppError('targets.badFile', { field: 'file', params: { detail: problems.length > 10 ? `${detail}；等${problems.length}处` : detail } });
  }
  const recognised = [unitSheet, chainSheet].some((s) => s?.header!.columns.some(Boolean));
  if (!recognised) throw new AppError('targets.badFile', { field: 'file', params: { detail: '表头中没有可识别的指标列' } });
  const units = { year, items: unitItems };
  const chainRows = { year, items: chainItems };
  await checkTargets(ctx, units);
  await checkChainTargets(ctx, chainRows);
  await ctx.db.transaction(async (tx) => {
    await writeTargets(tx, ctx, units);
    await writeChainTargets(tx, ctx, chainRows);
  });
  return listTargets(ctx, year);
}
