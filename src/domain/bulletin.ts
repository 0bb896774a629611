import { YUAN_PER_YI } from './money.ts';

/**
 * The monthly bulletin's (通报) standard sentence, exactly as bureaus write it (domain.md §4):
 *   "1—6月份，全市引进亿元以上省外项目资金额219.22亿元，完成年度目标任务589亿元的37.22%，同比增长8.08%。"
 * (Chinese punctuation; a span of months takes the 一字线 "—" of GB/T 15834-2011 §4.13.3.2, as 公文 write time spans.)
 *
 * Rounding rules (docs/metrics.md): amounts in 亿元 with two decimals, rounded half up from whole 元; a target is
 * written as set (trailing zeros dropped: "589亿元", "12.5亿元"); completion and growth percentages with two decimals,
 * rounded half up, computed on integers (written "41.60%", or "41.6%" in the bureau's trimmed style); growth
 * against zero last year is not a percentage ("上年同期为零"); a count is written as a whole number with its measure
 * word ("27个") — or with its shares where credit is split with the 首报单位 ("12.5个").
 */
export type BulletinPeriod = { fromMonth: number; toMonth: number };

export type BulletinFigure =
  | { kind: 'amount'; yuan: number }
  /** Foreign capital, written in 万美元 with two decimals. */
  | { kind: 'usd'; usd: number }
  /** A count: whole, or in hundredths where a project's credit is split with its 首报单位 (12.5). */
  | { kind: 'count'; count: number; measure: string };

/**
 * How the bulletin writes a percentage — the bureau's setting (计入口径 page, `percentStyle`): "twoDecimals" (the
 * default) always two decimals, "41.60%"; "trimmed" drops trailing zeros, "41.6%", "40%", as many bulletins print.
 * Either way the figure is computed and rounded to two decimals first; only its writing differs.
 */
export const PERCENT_STYLES = ['twoDecimals', 'trimmed'] as const;
export type PercentStyle = (typeof PERCENT_STYLES)[number];

/** A two-decimal percentage as the style writes it: "41.60" → "41.60" or "41.6"; "40.00" → "40"; "-10.50" → "-10.5". */
export function percentShown(twoDecimals: string, style: PercentStyle = 'twoDecimals'): string {
  return style === 'trimmed' && twoDecimals.includes('.') ? twoDecimals.replace(/\.?0+$/, '') : twoDecimals;
}

export type BulletinSentenceInput = {
  period: BulletinPeriod;
  /** "全市", "襄城区". */
  scope: string;
  /** "引进亿元以上省外项目资金额", "新签约亿元以上项目". */
  metric: string;
  value: BulletinFigure;
  target: BulletinFigure | null;
  lastYear: BulletinFigure | null;
  /** How percentages are written (default: two decimals always). */
  percentStyle?: PercentStyle;
};

/** "1—6月份" (一字线, GB/T 15834-2011); a single month "6月份". */
export function periodText({ fromMonth, toMonth }: BulletinPeriod): string {
  return fromMonth === toMonth ? `${toMonth}月份` : `${fromMonth}—${toMonth}月份`;
}

function roundedHalfUp(numerator: bigint, denominator: bigint, decimals: number): string {
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const scale = 10n ** BigInt(decimals);
  const scaled = (n * scale * 2n + d) / (d * 2n);
  const text = `${scaled / scale}${decimals > 0 ? '.' + String(scaled % scale).padStart(decimals, '0') : ''}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/** 21922000000 元 → "219.22" (亿元, two decimals, half up). */
export function yiTwoDecimals(yuan: number): string {
  return roundedHalfUp(BigInt(yuan), BigInt(YUAN_PER_YI), 2);
}

/** Foreign capital in 万美元 with two decimals, half up: 12345678 US dollars → "1234.57". */
export function wanUsdTwoDecimals(usd: number): string {
  return roundedHalfUp(BigInt(usd), 10_000n, 2);
}

/** A target as set: 58900000000 元 → "589"; 1250000000 → "12.5". */
export function yiAsSet(yuan: number): string {
  return roundedHalfUp(BigInt(yuan), BigInt(YUAN_PER_YI), 8).replace(/\.?0+$/, '');
}

/** The figure as an integer to divide exactly: 元, US dollars, or a count in hundredths (a split credit's 0.5 project). */
function magnitude(figure: BulletinFigure): bigint {
  return BigInt(figure.kind === 'amount' ? figure.yuan : figure.kind === 'usd' ? figure.usd : Math.round(figure.count * 100));
}

/** value ÷ target as a percentage with two decimals; null without a (positive) target. */
export function completionPercent(value: BulletinFigure, target: BulletinFigure | null): string | null {
  if (!target || magnitude(target) <= 0n) return null;
  return roundedHalfUp(magnitude(value) * 100n, magnitude(target), 2);
}

/** (value − last year) ÷ last year as a percentage with two decimals; null when last year was zero or unknown. */
export function growthPercent(value: BulletinFigure, lastYear: BulletinFigure | null): string | null {
  if (!lastYear || magnitude(lastYear) <= 0n) return null;
  return roundedHalfUp((magnitude(value) - magnitude(lastYear)) * 100n, magnitude(lastYear), 2);
}

function figureText(figure: BulletinFigure, asSet: boolean): string {
  if (figure.kind === 'count') return `${figure.count}${figure.measure}`;
  if (figure.kind === 'usd') return `${asSet ? roundedHalfUp(BigInt(figure.usd), 10_000n, 4).replace(/\.?0+$/, '') : wanUsdTwoDecimals(figure.usd)}万美元`;
  return `${asSet ? yiAsSet(figure.yuan) : yiTwoDecimals(figure.yuan)}亿元`;
}

export function bulletinSentence(input: BulletinSentenceInput): string {
  const parts = [`${periodText(input.period)}，${input.scope}${input.metric}${figureText(input.value, false)}`];
  const shown = (percent: string) => percentShown(percent, input.percentStyle);
  const completion = completionPercent(input.value, input.target);
  if (input.target && completion !== null) parts.push(`完成年度目标任务${figureText(input.target, true)}的${shown(completion)}%`);
  if (input.lastYear) {
    const growth = growthPercent(input.value, input.lastYear);
    if (growth === null) parts.push('上年同期为零');
    else if (growth.startsWith('-')) parts.push(`同比下降${shown(growth.slice(1))}%`);
    else if (growth === '0.00') parts.push('与上年同期持平');
    else parts.push(`同比增长${shown(growth)}%`);
  }
  return parts.join('，') + '。';
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Jan–Jun"; a single month "June". */
export function periodTextEn({ fromMonth, toMonth }: BulletinPeriod): string {
  return fromMonth === toMonth ? MONTH_NAMES_EN[toMonth - 1]! : `${MONTHS_EN[fromMonth - 1]}–${MONTHS_EN[toMonth - 1]}`;
}

function figureTextEn(figure: BulletinFigure, asSet: boolean): string {
  if (figure.kind === 'count') return String(figure.count);
  if (figure.kind === 'usd') return `${asSet ? roundedHalfUp(BigInt(figure.usd), 10_000n, 4).replace(/\.?0+$/, '') : wanUsdTwoDecimals(figure.usd)} × 10k USD`;
  return `${asSet ? yiAsSet(figure.yuan) : yiTwoDecimals(figure.yuan)} × 100M yuan`;
}

/**
 * The same sentence for the English screen, with the same figures and the same rounding:
 * "Jan–Jun, the city: Contracted investment signed 219.22 × 100M yuan, 37.22% of the annual target of 589 × 100M
 * yuan, up 8.08% on the same period last year." The bulletin a bureau issues (xlsx, PDF) stays Chinese.
 */
export function bulletinSentenceEn(input: Omit<BulletinSentenceInput, 'scope'> & { scope: string }): string {
  const parts = [`${periodTextEn(input.period)}, ${input.scope}: ${input.metric} ${figureTextEn(input.value, false)}`];
  const shown = (percent: string) => percentShown(percent, input.percentStyle);
  const completion = completionPercent(input.value, input.target);
  if (input.target && completion !== null) parts.push(`${shown(completion)}% of the annual target of ${figureTextEn(input.target, true)}`);
  if (input.lastYear) {
    const growth = growthPercent(input.value, input.lastYear);
    if (growth === null) parts.push('nothing in the same period last year');
    else if (growth.startsWith('-')) parts.push(`down ${shown(growth.slice(1))}% on the same period last year`);
    else if (growth === '0.00') parts.push('level with the same period last year');
    else parts.push(`up ${shown(growth)}% on the same period last year`);
  }
  return parts.join(', ') + '.';
}

/** Competition ranks, highest first: [90, 80, 80, 70] → [1, 2, 2, 4]. */
export function ranksDescending(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((other) => other > v).length);
}

/**
 * 红榜 / 黑榜: the top N and the bottom N. As in the assessment, a tie at the boundary takes in every tied unit:
 * a unit is in the bottom N when fewer than N units are strictly below it (and the top N likewise). A unit at the
 * lowest value is never praised, nor one at the highest blamed: when all are equal, both lists are empty. The
 * 红榜 lists the best first, the 黑榜 the lowest first.
 */
export function topAndBottom(values: number[], n: number): { top: number[]; bottom: number[] } {
  const lowest = Math.min(...values);
  const highest = Math.max(...values);
  const top = values.flatMap((v, i) => (v > lowest && values.filter((other) => other > v).length < n ? [i] : []));
  const bottom = values.flatMap((v, i) => (v < highest && values.filter((other) => other < v).length < n ? [i] : []));
  // Each list is read in its own order: 红榜 from the first, 黑榜 from the last; units level with each other keep the
  // table's order.
  top.sort((a, b) => values[b]! - values[a]! || a - b);
  bottom.sort((a, b) => values[a]! - values[b]! || a - b);
  return { top, bottom };
}
