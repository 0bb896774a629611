/**
 * Assessment (考核, domain.md §4): a scheme of weighted indicators, each scored by its method, plus deductions and
 * bonuses; units ranked, the bottom N flagged, and every unit's computation spelled out so a county can see why it
 * ranked where it did.
 *
 * Exactness: points are kept as integers in millionths of a point (BigInt) and rounded half up to two decimals
 * only for display; ranks compare the exact values. Weights and per-item deductions have at most two decimals.
 *
 * Decisions (docs/metrics.md):
 *  - ratio: weight × value ÷ target; `capped` stops at the weight. No positive target → 0 points, said so.
 *  - 功效系数法: 60 + 40 × (x − min) ÷ (max − min) across the units scored, times weight ÷ 100. When every unit has
 *    the same value (max = min) nobody is behind anybody: all score 100 (× weight ÷ 100) — unless that value is
 *    zero, when all score 60 (the method's floor).
 *  - Ties share a rank (1, 2, 2, 4). The bottom N are the units with fewer than N units strictly below them, so a
 *    tie at the boundary flags every tied unit.
 */
export type ScoringMethod = 'ratio' | 'ratioCapped' | 'efficacy';

export type Indicator = {
  key: string;
  name: string;
  weight: number;
  method: ScoringMethod;
  /** How a value is written in the explanation ("8.30亿元"); as the number itself when absent. */
  format?: (value: number) => string;
  /** The name and the values for the English screen; as in Chinese when absent. */
  nameEn?: string;
  formatEn?: (value: number) => string;
};
export type Adjustment = { label: string; labelEn?: string; /** Points per item: negative for a deduction. */ pointsEach: number; count: number };
export type UnitFigures = {
  unitId: number;
  unitName: string;
  values: Record<string, number>;
  targets: Record<string, number>;
  adjustments: Adjustment[];
};

/** A line of a unit's computation, written in Chinese and, for the English screen, in English. */
export type ScoreLine = { label: string; labelEn: string; points: string; explanation: string; explanationEn: string };
export type UnitScore = { unitId: number; unitName: string; total: string; rank: number; flagged: boolean; lines: ScoreLine[] };

const MICRO = 1_000_000n;

function hundredths(points: number, what: string): bigint {
  const scaled = Math.round(points * 100);
  if (Math.abs(points * 100 - scaled) > 1e-9) throw new Error(`${what}: at most two decimals (${points})`);
  return BigInt(scaled);
}

/** micro-points → "7.44" (half up, away from zero for negatives). */
export function pointsText(micro: bigint): string {
  const negative = micro < 0n;
  const abs = negative ? -micro : micro;
  const cents = (abs + 5_000n) / 10_000n;
  const text = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  return negative && cents !== 0n ? `-${text}` : text;
}

/**
 * A figure as an exact integer in hundredths: counts may be fractional where a project's credit is split with its
 * 首报单位 (12.5 projects); ratios and spans are the same in hundredths.
 */
function exact(value: number): bigint {
  return Number.isInteger(value) ? BigInt(value) * 100n : BigInt(Math.round(value * 100));
}

function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function percent(value: number, target: number): string {
  return pointsText(divideHalfUp(exact(value) * 100n * MICRO, exact(target)));
}

function ratioLine(indicator: Indicator, weight: bigint, value: number, target: number | undefined): [bigint, ScoreLine] {
  const labels = { label: indicator.name, labelEn: indicator.nameEn ?? indicator.name };
  if (!target || target <= 0) return [0n, { ...labels, points: '0.00', explanation: '无目标任务，不计分', explanationEn: 'No target set: no points' }];
  let micro = divideHalfUp(weight * 10_000n * exact(value), exact(target));
  const capped = indicator.method === 'ratioCapped' && micro > weight * 10_000n;
  if (capped) micro = weight * 10_000n;
  const [completion, weightText, points] = [percent(value, target), pointsText(weight * 10_000n), pointsText(micro)];
  const explanation = `完成率 ${completion}% × ${weightText}分${capped ? '（封顶）' : ''} = ${points}分`;
  const explanationEn = `completion ${completion}% × ${weightText} points${capped ? ' (capped)' : ''} = ${points} points`;
  return [micro, { ...labels, points, explanation, explanationEn }];
}

function efficacyLine(indicator: Indicator, weight: bigint, value: number, min: number, max: number): [bigint, ScoreLine] {
  let micro: bigint;
  let how: string;
  let howEn: string;
  if (max === min) {
    const base = max > 0 ? 100n : 60n;
    micro = (base * weight * 10_000n) / 100n;
    how = `各单位相同，得${base}分`;
    howEn = `every unit the same: ${base}`;
  } else {
    const span = exact(max) - exact(min);
    micro = divideHalfUp(weight * 10_000n * (60n * span + 40n * (exact(value) - exact(min))), 100n * span);
    const formula = (f: (value: number) => string) => `60 + 40 × (${f(value)} − ${f(min)}) ÷ (${f(max)} − ${f(min)})`;
    how = formula(indicator.format ?? String);
    howEn = formula(indicator.formatEn ?? indicator.format ?? String);
  }
  const [weightText, points] = [pointsText(weight * 10_000n), pointsText(micro)];
  return [
    micro,
    {
      label: indicator.name,
      labelEn: indicator.nameEn ?? indicator.name,
      points,
      explanation: `功效系数法：${how}，× ${weightText}% = ${points}分`,
      explanationEn: `efficacy coefficient: ${howEn}, × ${weightText}% = ${points} points`,
    },
  ];
}

export function scoreUnits(indicators: Indicator[], units: UnitFigures[], bottom = 3): UnitScore[] {
  const totals = units.map((unit) => {
    let total = 0n;
    const lines: ScoreLine[] = [];
    for (const indicator of indicators) {
      const weight = hundredths(indicator.weight, indicator.key);
      const value = unit.values[indicator.key] ?? 0;
      let line: [bigint, ScoreLine];
      if (indicator.method === 'efficacy') {
        const all = units.map((u) => u.values[indicator.key] ?? 0);
        line = efficacyLine(indicator, weight, value, Math.min(...all), Math.max(...all));
      } else {
        line = ratioLine(indicator, weight, value, unit.targets[indicator.key]);
      }
      total += line[0];
      lines.push(line[1]);
    }
    for (const adjustment of unit.adjustments) {
      if (adjustment.count === 0) continue;
      const micro = hundredths(adjustment.pointsEach, adjustment.label) * 10_000n * BigInt(adjustment.count);
      total += micro;
      const each = pointsText(hundredths(adjustment.pointsEach, adjustment.label) * 10_000n);
      lines.push({
        label: adjustment.label,
        labelEn: adjustment.labelEn ?? adjustment.label,
        points: pointsText(micro),
        explanation: `${adjustment.count} × ${each}分`,
        explanationEn: `${adjustment.count} × ${each} points`,
      });
    }
    return { unit, total, lines };
  });
  return totals
    .map(({ unit, total, lines }) => ({
      unitId: unit.unitId,
      unitName: unit.unitName,
      total: pointsText(total),
      rank: 1 + totals.filter((other) => other.total > total).length,
      flagged: totals.filter((other) => other.total < total).length < bottom,
      lines,
      exact: total,
    }))
    .sort((a, b) => (a.exact === b.exact ? a.unitId - b.unitId : a.exact > b.exact ? -1 : 1))
    .map(({ exact: _exact, ...score }) => score);
}
