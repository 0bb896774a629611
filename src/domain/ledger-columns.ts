import type { MoneyUnit } from './ledger-values.ts';

/**
 * Finding a ledger's columns by what people call them, and telling data rows from titles, section rows, totals
 * and notes (issue 4). The parser hands in each header as one label — a two-row merged header as "parent/child",
 * e.g. "投资额(万元)/总投资".
 */
export const LEDGER_FIELDS = [
  'serial',
  'systemId',
  'code',
  'name',
  'investorName',
  'creditCode',
  'sourceRegion',
  'totalInvestment',
  'contractInvestment',
  'signedOn',
  'registeredOn',
  'startedOn',
  'producingOn',
  'inStatsOn',
  'unit',
  'industry',
  'localIndustry',
  'progress',
  'leader',
  'note',
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

/** Synonyms, most specific first: the first field whose pattern matches a label takes the column. */
const SYNONYMS: [LedgerField, RegExp][] = [
  ['serial', /^(序号|编号序|No\.?)$/i],
  ['systemId', /^系统(编号|ID)$/i],
  ['code', /项目(编号|代码|编码)/],
  ['creditCode', /信用代码|统一代码/],
  ['sourceRegion', /(所在地|来源地|籍贯|总部所在|客商来源)/],
  ['investorName', /(投资方|投资主体|签约企业|客商名称|投资企业|投资商|签约主体|企业名称)/],
  ['contractInvestment', /(合同|协议)(投资|金额|额)/],
  ['totalInvestment', /(总投资|投资总额|计划投资|投资额)/],
  ['signedOn', /签约(时间|日期)/],
  ['startedOn', /开工(时间|日期)/],
  ['producingOn', /投产(时间|日期)/],
  ['registeredOn', /注册(时间|日期)/],
  ['inStatsOn', /(入库|纳统)(时间|日期)/],
  ['unit', /(所属县|县\(市、区\)|县市区|责任单位|落地园区|落地单位|所属单位|所在园区|承接单位)/],
  // The city's own word (本市产业) in a column of its own, as this system's export writes it (issue 12).
  ['localIndustry', /(本市产业|主导产业|本地产业|地方产业)/],
  ['industry', /(产业类别|所属行业|行业类别|产业|行业)/],
  ['progress', /(项目进展|目前进度|进展情况|项目状态|推进情况|进度)/],
  ['leader', /(包联领导|联系领导|包保领导|责任领导)/],
  ['name', /^(项目名称|项目名)$|项目名称/],
  ['note', /^备注/],
];

export function normalizeLabel(label: string): string {
  return label
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .trim();
}

/** The money unit a header names: "总投资(亿元)" → 亿元; none named → undefined (the sheet's "单位:万元" decides). */
export function unitInLabel(label: string): MoneyUnit | undefined {
  // "万美元" ends in 元 too: a foreign currency is no 人民币 unit at all (see foreignCurrencyIn).
  if (foreignCurrencyIn(label)) return undefined;
  const m = /(亿元|万元|元)/.exec(normalizeLabel(label));
  return m ? (m[1] as MoneyUnit) : undefined;
}

/**
 * A foreign currency a header, unit line or cell names — "总投资(万美元)", "单位:万美元", "500万港元" — as written
 * (issue 12): the system's amounts are 人民币, so such a column is refused, never read as 元 or 万元.
 */
export function foreignCurrencyIn(text: string): string | undefined {
  const m = /((?:亿|万|千)?(?:美元|美金|港元|港币|欧元|日元|英镑|澳元|新台币|韩元))|(USD|US\$|HKD|EUR|JPY|GBP)/i.exec(normalizeLabel(text));
  return m ? m[0] : undefined;
}

export type ColumnMapping = Partial<Record<LedgerField, { index: number; unit?: MoneyUnit }>>;

/** Each field to the first column that names it; a column serves one field. */
export function detectColumns(labels: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  labels.forEach((raw, index) => {
    const label = normalizeLabel(raw);
    if (!label) return;
    // In "parent/child" the child is the column's own name; the parent may carry the unit.
    const own = label.includes('/') ? label.slice(label.lastIndexOf('/') + 1) : label;
    for (const [field, pattern] of SYNONYMS) {
      if (mapping[field] || !(pattern.test(own) || (field !== 'name' && pattern.test(label) && !label.includes('/')))) continue;
      mapping[field] = { index, unit: unitInLabel(label) };
      break;
    }
  });
  return mapping;
}

/** The header is the first row that names a project column and at least one other known column. */
export function findHeaderRow(rows: string[][], maxScan = 15): number | undefined {
  for (let i = 0; i < Math.min(rows.length, maxScan); i++) {
    const mapping = detectColumns(rows[i]!);
    if (mapping.name && Object.keys(mapping).length >= 2) return i;
  }
  return undefined;
}

/** The sheet's own unit line: "单位:万元" / "金额单位:亿元", on a line of its own or in the title ("……台账(单位:亿元)"). */
export function sheetUnit(lines: string[]): MoneyUnit | undefined {
  for (const line of lines) {
    const m = /单位(?:[::]|为|是)\s*(亿元|万元|元)/.exec(normalizeLabel(line));
    if (m) return m[1] as MoneyUnit;
  }
  return undefined;
}

/** A foreign currency the sheet's unit line names ("单位:万美元"): none of the sheet's amounts can then be taken as 万元. */
export function sheetCurrency(lines: string[]): string | undefined {
  for (const line of lines) {
    const m = /单位(?:[::]|为|是)\s*(.{1,8})/.exec(normalizeLabel(line));
    if (m && !/^(亿元|万元|元)/.test(m[1]!)) {
      const currency = foreignCurrencyIn(m[1]!);
      if (currency) return currency;
    }
  }
  return undefined;
}

export type RowKind = 'data' | 'blank' | 'section' | 'total' | 'note';

/** What a row below the header is: a project, or one of the things ledgers put between and after them. */
export function classifyRow(cells: string[], mapping: ColumnMapping): RowKind {
  let filled = cells.map((c) => normalizeLabel(c)).filter(Boolean);
  if (filled.length === 0) return 'blank';
  // A cell merged across the row ("一、工业项目" over the whole width) arrives as the same text in every cell.
  if (filled.length > 1 && filled.every((c) => c === filled[0])) filled = [filled[0]!];
  const mergedAcross = filled.length === 1 && cells.filter((c) => c.trim()).length > 1;
  const joined = filled.join('');
  if (/^(合计|小计|总计|累计|共计)/.test(joined) || filled.some((c) => /^(合计|小计|总计)[::]?$/.test(c))) return 'total';
  if (/^(备注|注[::]|说明[::]|填报人|审核人|联系人|填报日期|制表)/.test(filled[0]!)) return 'note';
  const name = mapping.name ? normalizeLabel(cells[mapping.name.index] ?? '') : '';
  if (/^[一二三四五六七八九十]+、/.test(filled[0]!) && filled.length <= 2) return 'section';
  if (mergedAcross) return 'section';
  if (!name) return filled.length <= 1 ? 'section' : 'data';
  return 'data';
}
