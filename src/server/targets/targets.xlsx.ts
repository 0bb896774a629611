import ExcelJS from 'exceljs';
import { escapeWorkbook } from '../http/safe-workbook.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { listUnits } from '../units/units.service.ts';
import { LedgerFileError } from '../imports/ledger-reader.ts';
import { readLedgerFileOffThread } from '../imports/ledger-worker.ts';
import { listTargets, setTargets, TARGETABLE } from './targets.service.ts';
import { METRICS, type MetricDefinition } from '../../domain/metrics.ts';
import { parseAmount } from '../../domain/ledger-values.ts';
import { matchUnit } from '../../domain/unit-matching.ts';
import { yuanToYiExactText } from '../../domain/money.ts';
import type { ErrorCode } from '../../shared/errors.ts';

/**
 * The year's target grid as the xlsx bureaus pass around: one row per unit (tree order), one column per metric,
 * amounts in 亿元 (foreign capital in 万美元), counts as they are. Importing the same layout back sets the grid:
 * a filled cell sets the target, a blank cell clears it; rows or columns left out of the file are not touched.
 */
const COLUMN_METRICS = METRICS.filter((m) => TARGETABLE.has(m.key));
const unitWord = (m: MetricDefinition) => (m.unit === 'yuan' ? '亿元' : m.unit === 'usd' ? '万美元' : '个');
const columnTitle = (m: MetricDefinition) => `${m.name.zh}(${unitWord(m)})`;
const HEADER_ROW = 3;

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
  sheet.getCell(2, 1).value = '说明:金额单位见列名;空白表示不设目标。导入时填写的格设定目标,空白的格清除目标。';
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
  return Buffer.from(await escapeWorkbook(workbook).xlsx.writeBuffer());
}

type Problem = { row: number; column: string; detail: string };

function cellValue(m: MetricDefinition, text: string): number | string {
  if (m.unit === 'count') {
    const n = Number(text.replace(/[\s,个]/g, ''));
    return Number.isInteger(n) && n > 0 ? n : '应为正整数';
  }
  const parsed = parseAmount(text.replace(/万美元$/, ''), m.unit === 'yuan' ? '亿元' : '万元');
  if (!parsed.ok) return parsed.problem === 'tooPrecise' ? '小数位过多' : '不是有效金额';
  return parsed.value > 0 ? parsed.value : '应大于零';
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
  const rows = sheets[0]!.rows;
  const headerIndex = rows.findIndex((row) => row[0]?.trim() === '单位');
  if (headerIndex < 0) throw new AppError('targets.badFile', { field: 'file', params: { detail: '找不到以“单位”开头的表头行' } });
  const columns = rows[headerIndex]!.map((title) => COLUMN_METRICS.find((m) => columnTitle(m) === title.trim() || m.name.zh === title.trim()) ?? null);
  const units = await listUnits(ctx);
  const problems: Problem[] = [];
  const items: { unitId: number; metricKey: string; value: number | null }[] = [];
  rows.slice(headerIndex + 1).forEach((row, i) => {
    const rowNumber = headerIndex + 2 + i;
    const name = row[0]?.trim() ?? '';
    if (!name) return;
    const match = matchUnit(name, units);
    if (!match.ok) return problems.push({ row: rowNumber, column: '单位', detail: `“${name}”不是本单位范围内的单位` });
    columns.forEach((m, c) => {
      if (!m) return;
      const text = row[c]?.trim() ?? '';
      if (!text) return items.push({ unitId: match.unitId, metricKey: m.key, value: null });
      const value = cellValue(m, text);
      if (typeof value === 'string') problems.push({ row: rowNumber, column: columnTitle(m), detail: `'${text}' ${value}` });
      else items.push({ unitId: match.unitId, metricKey: m.key, value });
    });
  });
  if (problems.length > 0) {
    const detail = problems.slice(0, 10).map((p) => `第${p.row}行 ${p.column}: ${p.detail}`).join(';');
    throw new AppError('targets.badFile', { field: 'file', params: { detail: problems.length > 10 ? `${detail};等${problems.length}处` : detail } });
  }
  if (!columns.some(Boolean)) throw new AppError('targets.badFile', { field: 'file', params: { detail: '表头中没有可识别的指标列' } });
  return setTargets(ctx, { year, items });
}
