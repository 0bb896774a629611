import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { escapeRow } from '../../domain/spreadsheet-cells.ts';
import type { ServiceContext } from '../context.ts';
import { unitNames } from '../units/units.service.ts';
import { regionName } from '../regions/regions.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { yuanToWanText, yuanToYiExactText } from '../../domain/money.ts';
import { projectsForLedger, type ListProjectsOptions } from './projects.list.ts';

/**
 * The project ledger (台账) in the standard layout bureaus send upward (issue 4): a title row, the unit line, a
 * merged two-row header (投资额 over 总投资 and 合同投资), 序号, one row per project the filter selects, and a 合计
 * row whose sums are exact (added in whole 元, written in 万元 or 亿元). Streamed as it is read, a thousand projects
 * at a time. Its columns are the import's: importing the export changes nothing.
 */
export type LedgerMoneyUnit = '万元' | '亿元';

const STAGE_WORDS: Record<string, string> = {
  lead: '在谈',
  signed: '已签约',
  registered: '已注册',
  started: '已开工',
  producing: '已投产',
  inStats: '已入库',
  stalled: '停滞',
  terminated: '终止',
};

const HEADER_TOP = ['序号', '系统编号', '项目编号', '项目名称', '投资方', '统一社会信用代码', '投资方所在地', '投资额', '', '签约时间', '注册时间', '开工时间', '投产时间', '入库时间', '所属单位', '所属行业', '本市产业', '项目进展', '包联领导', '备注'];
const AMOUNT_COLUMNS = [8, 9];
const WIDTHS = [6, 9, 14, 34, 30, 22, 18, 14, 14, 12, 12, 12, 12, 12, 16, 24, 14, 10, 10, 24];

export function exportProjectLedger(
  ctx: ServiceContext,
  filter: Omit<ListProjectsOptions, 'page' | 'pageSize' | 'sort'>,
  moneyUnit: LedgerMoneyUnit,
): Readable {
  const out = new PassThrough();
  write(ctx, filter, moneyUnit, out).catch((error) => out.destroy(error as Error));
  return out;
}

/**
 * The blank ledger (issue 16): the same title, unit line and header as the export, and no rows — to fill in and
 * import, so a unit starting from nothing writes the layout the import reads.
 */
export function blankProjectLedger(ctx: ServiceContext, moneyUnit: LedgerMoneyUnit): Readable {
  const out = new PassThrough();
  write(ctx, { unitId: ctx.caller.unitId }, moneyUnit, out, { blank: true }).catch((error) => out.destroy(error as Error));
  return out;
}

async function write(
  ctx: ServiceContext,
  filter: Omit<ListProjectsOptions, 'page' | 'pageSize' | 'sort'>,
  moneyUnit: LedgerMoneyUnit,
  out: PassThrough,
  options: { blank?: boolean } = {},
) {
  const amount = (yuan: number | null) => (yuan === null ? null : Number(moneyUnit === '万元' ? yuanToWanText(yuan) : yuanToYiExactText(yuan)));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('项目台账');
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const scopeName = (await unitNames(ctx.db, [filter.unitId ?? ctx.caller.unitId])).get(filter.unitId ?? ctx.caller.unitId) ?? '';
  const title = sheet.addRow(escapeRow([`${scopeName}招商引资项目台账`]));
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  sheet.mergeCells(1, 1, 1, HEADER_TOP.length);
  title.commit();
  const today = chinaToday(ctx.now);
  const unitLine = sheet.addRow([`单位：${moneyUnit}`, ...Array(HEADER_TOP.length - 3).fill(''), `导出日期：${today}`]);
  unitLine.commit();
  const top = sheet.addRow(HEADER_TOP.map((label) => (label === '投资额' ? `投资额（${moneyUnit}）` : label)));
  const below = sheet.addRow(HEADER_TOP.map((_, i) => (i === 7 ? '总投资' : i === 8 ? '合同投资' : '')));
  for (const row of [top, below]) {
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  HEADER_TOP.forEach((label, i) => {
    if (label && label !== '投资额') sheet.mergeCells(3, i + 1, 4, i + 1);
  });
  sheet.mergeCells(3, 8, 3, 9);
  top.commit();
  below.commit();
  const numFmt = moneyUnit === '万元' ? '#,##0.00##' : '#,##0.00######';
  let serial = 0;
  let total = 0;
  let contract = 0;
  const names = new Map<number, string>();
  if (options.blank) {
    sheet.commit();
    await workbook.commit();
    return;
  }
  for await (const page of projectsForLedger(ctx, filter)) {
    const missing = [...new Set(page.map((p) => p.unitId))].filter((id) => !names.has(id));
    for (const [id, name] of await unitNames(ctx.db, missing)) names.set(id, name);
    for (const p of page) {
      total += p.totalInvestmentYuan;
      contract += p.contractInvestmentYuan ?? 0;
      // Names, notes and codes are escaped against formula injection; amounts and dates stay numbers and dates.
      const row = sheet.addRow(escapeRow([
        ++serial,
        p.id,
        p.code,
        p.name,
        p.investorName,
        p.investorCreditCode,
        regionName(p.investorHqRegion),
        amount(p.totalInvestmentYuan),
        amount(p.contractInvestmentYuan),
        p.stageDates.signed ?? null,
        p.stageDates.registered ?? null,
        p.stageDates.started ?? null,
        p.stageDates.producing ?? null,
        p.stageDates.inStats ?? null,
        names.get(p.unitId) ?? p.unitName,
        p.industryCode ? `${p.industryCode} ${p.industryName ?? ''}`.trim() : null,
        p.localIndustry,
        STAGE_WORDS[p.stage],
        p.responsibleLeader,
        p.note,
      ]));
      for (const column of AMOUNT_COLUMNS) row.getCell(column).numFmt = numFmt;
      row.commit();
    }
  }
  const sums = sheet.addRow(['合计', '', '', `${serial}个项目`, '', '', '', amount(total), amount(contract)]);
  sums.font = { bold: true };
  for (const column of AMOUNT_COLUMNS) sums.getCell(column).numFmt = numFmt;
  sheet.mergeCells(sums.number, 1, sums.number, 3);
  sums.commit();
  sheet.commit();
  await workbook.commit();
}
