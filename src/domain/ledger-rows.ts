import { isValidCreditCode, normalizeCreditCode } from './credit-code.ts';
import { classifyRow, detectColumns, findHeaderRow, foreignCurrencyIn, normalizeLabel, sheetCurrency, sheetUnit, unitInLabel, type ColumnMapping, type LedgerField } from './ledger-columns.ts';
import { parseAmount, parseLedgerDate, stageFromWord, yearFromTitle, type MoneyUnit } from './ledger-values.ts';
import type { IsoDate } from './calendar.ts';
import type { ProjectState } from './stages.ts';

/**
 * A sheet's rows (cell texts, merged cells already filled in) → its projects, each with the problems that keep it
 * out, named by field and with the text as written — the dry run's preview, before anything touches the database.
 */
export type LedgerRecord = {
  /** The sheet the row is on, named in every message when the workbook has several (issue 12). */
  sheet?: string;
  /** 1-based, as Excel shows it. */
  rowNumber: number;
  /** The project's id in this system, as its own exports write it (系统编号): the surest key. */
  systemId: number | null;
  code: string | null;
  name: string;
  investorName: string | null;
  creditCode: string | null;
  sourceRegion: string | null;
  totalInvestmentYuan: number | null;
  contractInvestmentYuan: number | null;
  signedOn: IsoDate | null;
  registeredOn: IsoDate | null;
  startedOn: IsoDate | null;
  producingOn: IsoDate | null;
  inStatsOn: IsoDate | null;
  /** Dates that were written as a month only: kept as the month's first day. */
  monthOnly: LedgerField[];
  unitName: string | null;
  industry: string | null;
  /** 本市产业 in a column of its own; otherwise the city's word comes in 所属行业 (industry). */
  localIndustry: string | null;
  stage: ProjectState | null;
  leader: string | null;
  note: string | null;
};

/** `detail`: what the message names beyond the text as written (the candidates of an ambiguous unit, the other unit). */
export type LedgerProblem = { sheet?: string; rowNumber: number; field: LedgerField; code: string; raw: string; detail?: string };

/**
 * The unit an amount column is read in, and where that came from (issue 12): the mapping's own, the column's header
 * ("计划总投资(亿元)"), the sheet's unit line or title ("单位:亿元"), or assumed (万元, nothing named one). A header or
 * unit line naming a foreign currency ("万美元") gives `currency`, and the column's amounts are refused.
 */
export type AmountColumnUnit = {
  field: 'totalInvestment' | 'contractInvestment';
  index: number;
  label: string;
  unit: MoneyUnit;
  source: 'mapping' | 'header' | 'sheet' | 'assumed';
  currency: string | null;
};

export type ReadSheetResult =
  | { ok: false; problem: 'noHeader' }
  | {
      ok: true;
      headerRow: number;
      /** The header's labels by column ("投资额(万元)/总投资" under a merged header). */
      labels: string[];
      mapping: ColumnMapping;
      unit: MoneyUnit;
      /** Each mapped amount column's unit and where it came from. */
      amountUnits: AmountColumnUnit[];
      titleYear: number | undefined;
      records: LedgerRecord[];
      problems: LedgerProblem[];
      skipped: { rowNumber: number; kind: 'title' | 'section' | 'total' | 'note' }[];
    };

export type ReadSheetOptions = { mapping?: ColumnMapping; defaultUnit?: MoneyUnit; year?: number; /** The sheet's name, to name its rows by. */ sheet?: string };

/** Two-row headers: when the row under the header has labels too, each column's label is "parent/child". */
function headerLabels(rows: string[][], headerRow: number): { labels: string[]; dataStart: number } {
  const top = rows[headerRow]!;
  const below = rows[headerRow + 1] ?? [];
  const belowLooksLikeHeader = below.some((c) => /(总投资|合同|投资额|时间|日期|金额)/.test(normalizeLabel(c))) && !below.some((c) => /^\d+$/.test(c.trim()));
  if (!belowLooksLikeHeader) return { labels: top, dataStart: headerRow + 1 };
  const width = Math.max(top.length, below.length);
  const labels = Array.from({ length: width }, (_, i) => {
    const parent = normalizeLabel(top[i] ?? '');
    const child = normalizeLabel(below[i] ?? '');
    return child && child !== parent ? (parent ? `${parent}/${child}` : child) : parent;
  });
  return { labels, dataStart: headerRow + 2 };
}

/**
 * The header a sheet's rows have, if one is found: where it is and its labels. With `orFirstRow`, a sheet whose
 * header names nothing known gets its first row (that is where a user-given mapping reads the header from).
 */
export function headerOf(rows: string[][], orFirstRow = false): { headerRow: number; labels: string[] } | undefined {
  const headerRow = findHeaderRow(rows) ?? (orFirstRow && rows.length > 0 ? 0 : undefined);
  return headerRow === undefined ? undefined : { headerRow, labels: headerLabels(rows, headerRow).labels };
}

export function readSheet(rows: string[][], options: ReadSheetOptions = {}): ReadSheetResult {
  const headerRow = findHeaderRow(rows);
  if (headerRow === undefined && !options.mapping) return { ok: false, problem: 'noHeader' };
  const start = headerRow ?? 0;
  const { labels, dataStart } = headerLabels(rows, start);
  const mapping = options.mapping ?? detectColumns(labels);
  const above = rows.slice(0, start).flat();
  // The unit line is above the header as a rule, but some ledgers put it in a note under the table
  // ("注:金额单位为亿元"): read there too rather than assume 万元 (issue 12).
  const notesBelow = rows.slice(dataStart).filter((cells) => classifyRow(cells, mapping) === 'note').flat();
  const namedUnit = sheetUnit(above) ?? sheetUnit(notesBelow);
  const unit = namedUnit ?? options.defaultUnit ?? '万元';
  const sheetForeign = sheetCurrency(above) ?? sheetCurrency(notesBelow);
  // A mapping chosen by hand (the CLI's --mapping, the web's column list) keeps the unit its column's header names:
  // "计划总投资(亿元)" mapped as F is still in 亿元 (issue 12).
  const amountUnits: AmountColumnUnit[] = (['totalInvestment', 'contractInvestment'] as const).flatMap((field) => {
    const column = mapping[field];
    if (!column) return [];
    const label = labels[column.index] ?? '';
    const headerUnit = unitInLabel(label);
    const currency = foreignCurrencyIn(label) ?? (headerUnit || column.unit ? undefined : sheetForeign);
    // A detected column carries its header's unit: that is still the header's naming, not a choice made by hand.
    const [columnUnit, source]: [MoneyUnit, AmountColumnUnit['source']] = column.unit && column.unit !== headerUnit
      ? [column.unit, 'mapping']
      : headerUnit
        ? [headerUnit, 'header']
        : namedUnit
          ? [namedUnit, 'sheet']
          : [unit, options.defaultUnit ? 'sheet' : 'assumed'];
    return [{ field, index: column.index, label, unit: columnUnit, source, currency: currency ?? null }];
  });
  const amountColumn = new Map(amountUnits.map((a) => [a.field, a]));
  const titleYear = options.year ?? above.map(yearFromTitle).find((y) => y !== undefined);
  const records: LedgerRecord[] = [];
  const problems: LedgerProblem[] = [];
  const skipped: { rowNumber: number; kind: 'title' | 'section' | 'total' | 'note' }[] = [];
  // Title rows, the unit line, the date line: everything written above the header.
  rows.slice(0, start).forEach((cells, i) => {
    if (cells.some((c) => c.trim())) skipped.push({ rowNumber: i + 1, kind: 'title' });
  });
  for (let i = dataStart; i < rows.length; i++) {
    const cells = rows[i]!;
    const rowNumber = i + 1;
    const kind = classifyRow(cells, mapping);
    if (kind === 'blank') continue;
    if (kind !== 'data') {
      skipped.push({ rowNumber, kind });
      continue;
    }
    const cell = (field: LedgerField) => {
      const column = mapping[field];
      return column ? (cells[column.index] ?? '').trim() : '';
    };
    const rowProblems: LedgerProblem[] = [];
    const problem = (field: LedgerField, code: string) => rowProblems.push({ sheet: options.sheet, rowNumber, field, code, raw: cell(field) });
    const amount = (field: 'totalInvestment' | 'contractInvestment') => {
      const raw = cell(field);
      if (!raw) return null;
      const column = amountColumn.get(field)!;
      if (column.currency) {
        problem(field, 'amount.foreignCurrency');
        return null;
      }
      const parsed = parseAmount(raw, column.unit);
      if (parsed.ok) return parsed.value;
      problem(field, `amount.${parsed.problem}`);
      return null;
    };
    const monthOnly: LedgerField[] = [];
    const date = (field: 'signedOn' | 'registeredOn' | 'startedOn' | 'producingOn' | 'inStatsOn') => {
      const raw = cell(field);
      if (!raw) return null;
      const parsed = parseLedgerDate(raw, titleYear);
      if (!parsed.ok) {
        problem(field, `date.${parsed.problem}`);
        return null;
      }
      if (parsed.value.precision === 'month') monthOnly.push(field);
      return parsed.value.date;
    };
    const name = cell('name');
    if (!name) problem('name', 'required');
    const rawCode = cell('creditCode');
    let creditCode: string | null = null;
    if (rawCode) {
      creditCode = normalizeCreditCode(rawCode);
      if (!isValidCreditCode(creditCode)) problem('creditCode', 'creditCode.invalid');
    }
    const rawSystemId = cell('systemId');
    const systemId = /^\d{1,9}$/.test(rawSystemId) ? Number(rawSystemId) : null;
    if (rawSystemId && systemId === null) problem('systemId', 'systemId.invalid');
    const progress = cell('progress');
    const record: LedgerRecord = {
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
      rowNumber,
      systemId,
      code: cell('code') || null,
      name,
      investorName: cell('investorName') || null,
      creditCode,
      sourceRegion: cell('sourceRegion') || null,
      totalInvestmentYuan: amount('totalInvestment'),
      contractInvestmentYuan: amount('contractInvestment'),
      signedOn: date('signedOn'),
      registeredOn: date('registeredOn'),
      startedOn: date('startedOn'),
      producingOn: date('producingOn'),
      inStatsOn: date('inStatsOn'),
      monthOnly,
      unitName: cell('unit') || null,
      industry: cell('industry') || null,
      localIndustry: cell('localIndustry') || null,
      stage: progress ? stageFromWord(progress) : null,
      leader: cell('leader') || null,
      note: cell('note') || null,
    };
    if (progress && record.stage === null) problem('progress', 'stage.unknown');
    // The order the stages happen in (as the project record's own check has it): nothing before its signing, and
    // production and statistics entry not before the start.
    for (const [earlier, later, code] of DATE_ORDER) {
      const a = record[earlier];
      const b = record[later];
      if (a && b && b < a) problem(later, code);
    }
    records.push(record);
    problems.push(...rowProblems);
  }
  return { ok: true, headerRow: start, labels, mapping, unit, amountUnits, titleYear, records, problems, skipped };
}

const DATE_ORDER: ['signedOn' | 'startedOn', 'registeredOn' | 'startedOn' | 'producingOn' | 'inStatsOn', string][] = [
  ['signedOn', 'registeredOn', 'date.beforeSigning'],
  ['signedOn', 'startedOn', 'date.beforeSigning'],
  ['startedOn', 'producingOn', 'date.beforeStart'],
  ['startedOn', 'inStatsOn', 'date.beforeStart'],
];

export const FIELD_NAMES: Record<LedgerField, string> = {
  serial: '序号',
  systemId: '系统编号',
  code: '项目编号',
  name: '项目名称',
  investorName: '投资方',
  creditCode: '统一社会信用代码',
  sourceRegion: '投资方所在地',
  totalInvestment: '总投资',
  contractInvestment: '合同投资',
  signedOn: '签约时间',
  registeredOn: '注册时间',
  startedOn: '开工时间',
  producingOn: '投产时间',
  inStatsOn: '入库时间',
  unit: '所属单位',
  industry: '所属行业',
  localIndustry: '本市产业',
  progress: '项目进展',
  leader: '包联领导',
  note: '备注',
};

const PROBLEM_WORDS: Record<string, string> = {
  required: '不能为空',
  'amount.notAnAmount': '不是有效金额',
  'amount.negative': '金额不能为负',
  'amount.tooPrecise': '金额小数位过多',
  'amount.tooLarge': '金额过大',
  'amount.foreignCurrency': '是外币金额（表头、单位行或单元格注明了美元、港元等）：系统金额以人民币计，请换算为人民币（万元）后导入，或在列对应中不导入此列',
  'date.notADate': '不是有效日期',
  'date.noYear': '缺少年份，且表头未注明年份',
  'date.beforeSigning': '早于签约时间',
  'date.beforeStart': '早于开工时间',
  'creditCode.invalid': '不是有效的统一社会信用代码',
  'stage.unknown': '无法识别项目进展',
  'systemId.invalid': '不是有效的系统编号',
  'systemId.unknown': '不存在或不在本单位范围内',
  'date.future': '晚于今天',
  'date.beforePrevious': '早于前一阶段的日期',
  'stage.notForward': '与项目阶段顺序冲突',
  'unit.unknown': '在单位列表中找不到',
  'unit.ambiguous': '对应多个单位，请写全称或在前面写上上级单位：{detail}',
  'unit.outOfScope': '不在本单位范围内',
  'project.otherUnit': '是{detail}已登记的项目（同一投资方、同一项目名称）：导入不改动也不重复登记其他单位的项目，请删去此行；如项目确应转到本单位，请联系招商局调整落地单位',
  'unit.conflict': '与项目现属单位{detail}不一致：导入不在单位之间移动项目，请改为{detail}或删去此行；确需调整落地单位，请在项目页修改落地单位（单独留痕）',
  'code.taken': '已被其他单位的项目使用',
  'enterprise.merged': '该企业已并入{detail}，请改写为它',
  'row.duplicate': '与前面的行是同一项目',
  'row.duplicateOtherSheet': '与另一工作表的行是同一项目：一个项目只能由一行导入。请把两行合成一行（如把开工时间填入签约表的那一行）后导入，或把两个工作表分两次导入（第二次更新同一项目）',
  'row.closedMonth': '所在月份已关账：已关账期间的数据不能由导入改动，请在项目页逐项更正并说明原因',
  'projectMerge.projectMerged': '该项目已由招商局甄别合并到其他项目，阶段不再变更：请删去此行，或请招商局先撤销合并',
};

/** Where a row is: "第12行", or on a workbook of several sheets "工作表“往年签约今年开工”第12行" (issue 12). */
export function rowLabel(row: { sheet?: string; rowNumber: number }): string {
  return row.sheet !== undefined ? `工作表“${row.sheet}”第${row.rowNumber}行` : `第${row.rowNumber}行`;
}

/** The problem codes that have a Chinese sentence (the English dictionary must know each: ledger-rows-en.test.ts). */
export const PROBLEM_CODES = Object.keys(PROBLEM_WORDS);

/** The sentence a refused row gets, as the issue writes it, in Chinese punctuation: "第12行 签约时间：'2023.13.1' 不是有效日期". */
export function describeProblem(problem: LedgerProblem): string {
  const words = PROBLEM_WORDS[problem.code] ?? problem.code;
  return `${rowLabel(problem)} ${FIELD_NAMES[problem.field]}：'${problem.raw}' ${problem.detail !== undefined ? words.replaceAll('{detail}', problem.detail) : words}`;
}
