import { daysInMonth, type IsoDate } from './calendar.ts';
import type { ProjectState } from './stages.ts';

/**
 * Reading the values of real ledgers (台账), kept for years by different hands (issue 4). Everything here is
 * pure: a cell's text (or Excel's number) in, a value or a named problem out.
 */

export type MoneyUnit = '元' | '万元' | '亿元';
const YUAN_PER: Record<MoneyUnit, bigint> = { 元: 1n, 万元: 10_000n, 亿元: 100_000_000n };

export type Parsed<T, P extends string> = { ok: true; value: T } | { ok: false; problem: P };

export type AmountProblem = 'notAnAmount' | 'negative' | 'tooPrecise' | 'tooLarge' | 'foreignCurrency';

/**
 * An amount as ledgers write it — 5000, "5,000.5", "5亿", "3.2亿元", "5000万", "１２３" — in the column's unit
 * unless the cell names its own, to whole 元, exactly (decimal strings, no floats).
 */
export function parseAmount(raw: string | number, columnUnit: MoneyUnit = '万元'): Parsed<number, AmountProblem> {
  let text = typeof raw === 'number' ? numberToPlainText(raw) : toHalfWidth(raw).replace(/[\s,，]/g, '');
  if (text.startsWith('-')) return { ok: false, problem: 'negative' };
  // "500万美元" ends in 元 too: never read as 500万 or 500元 (issue 12).
  if (/(美元|美金|港元|港币|欧元|日元|英镑|澳元|台币|韩元|\$|USD|HKD|EUR)/i.test(text)) return { ok: false, problem: 'foreignCurrency' };
  let unit = columnUnit;
  const suffix = /(亿元|万元|亿|万|元)$/.exec(text);
  if (suffix) {
    unit = (suffix[1] === '亿' ? '亿元' : suffix[1] === '万' ? '万元' : suffix[1]) as MoneyUnit;
    text = text.slice(0, -suffix[1]!.length);
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, problem: 'notAnAmount' };
  const scale = YUAN_PER[unit];
  const digits = scale.toString().length - 1;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return { ok: false, problem: 'tooPrecise' };
  const yuan = BigInt(match[1]!) * scale + BigInt((fraction || '0').padEnd(digits, '0').slice(0, digits) || '0');
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value: Number(yuan) };
}

/** A number Excel stored (possibly 5000.499999999 from a formula) as the decimal text a person typed. */
function numberToPlainText(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  if (n < 0) return '-' + numberToPlainText(-n);
  return Number(n.toPrecision(15)).toFixed(8).replace(/\.?0+$/, '');
}

function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export type LedgerDate = { date: IsoDate; precision: 'day' | 'month' };
export type DateProblem = 'notADate' | 'noYear';

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/**
 * A date as ledgers write it: an Excel date number, "2023.3.1", "2023-03-01", "2023/3/1", "2023年3月1日",
 * "2023年3月" (month only: kept as the 1st with precision 'month'), "3月1日" (the year from the sheet title).
 */
export function parseLedgerDate(raw: string | number | Date, yearHint?: number): Parsed<LedgerDate, DateProblem> {
  if (raw instanceof Date) return day(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 1 || raw > 2958465) return { ok: false, problem: 'notADate' };
    const d = new Date(EXCEL_EPOCH_UTC + Math.floor(raw) * 86_400_000);
    return day(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const text = toHalfWidth(raw).trim().replace(/\s+/g, '');
  let m = /^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})日?$/.exec(text);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[.\-/年](\d{1,2})月?$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { ok: false, problem: 'notADate' };
    return { ok: true, value: { date: `${m[1]}-${String(month).padStart(2, '0')}-01`, precision: 'month' } };
  }
  m = /^(\d{8})$/.exec(text);
  if (m) return day(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
  m = /^(\d{1,2})月(\d{1,2})日?$/.exec(text);
  if (m) return yearHint ? day(yearHint, Number(m[1]), Number(m[2])) : { ok: false, problem: 'noYear' };
  return { ok: false, problem: 'notADate' };
}

function day(year: number, month: number, dayOfMonth: number): Parsed<LedgerDate, DateProblem> {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) {
    return { ok: false, problem: 'notADate' };
  }
  return { ok: true, value: { date: `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`, precision: 'day' } };
}

/** The year a title speaks of: "XX区2023年招商引资签约项目台账" → 2023. */
export function yearFromTitle(title: string): number | undefined {
  const m = /(19|20)\d{2}(?=年)/.exec(toHalfWidth(title));
  return m ? Number(m[0]) : undefined;
}

/**
 * Progress words to stages. Order matters: "签约未开工" is signed, not started; "已开工" and "在建" are started.
 * Returns null for words that say nothing of the stage.
 */
const STAGE_WORDS: [RegExp, ProjectState][] = [
  [/终止|取消|退出|放弃/, 'terminated'],
  [/停滞|停工|暂缓|搁置|停建/, 'stalled'],
  [/入库|纳统|纳入统计/, 'inStats'],
  [/投产|达产|竣工|运营|试生产/, 'producing'],
  [/未开工|待开工|未动工/, 'signed'],
  [/开工|在建|施工|建设中|动工/, 'started'],
  [/注册|设立公司|成立公司/, 'registered'],
  [/签约|签订|签署/, 'signed'],
  [/前期|洽谈|在谈|意向|对接|考察/, 'lead'],
];

export function stageFromWord(word: string): ProjectState | null {
  const text = word.trim();
  if (!text) return null;
  for (const [pattern, stage] of STAGE_WORDS) if (pattern.test(text)) return stage;
  return null;
}
