/**
 * The cockpit's first screen (issue 16): the bureau's 4–6 hero metrics, and the child units ranked by how far they
 * have come against their targets for those metrics.
 *
 * Ranking (docs/decisions.md): a unit's completion is the mean, over the heroes it has a target for, of
 * value ÷ target — the assessment engine's "ratio" method (src/domain/scoring.ts) with equal weights, kept in
 * millionths of a percent so that ranks compare exact values; ties share a rank (1, 2, 2, 4). A unit with no hero
 * target is listed after the ranked ones, unranked ("未设目标"), never as a 0 that reads as last place.
 */

/** What a bureau sees until it chooses: signed projects and their money, projects started, funds arrived. */
export const DEFAULT_COCKPIT_HEROES = ['signedCount', 'signedContractYuan', 'startedCount', 'fundsArrivedDomesticYuan'] as const;
export const MIN_HEROES = 4;
export const MAX_HEROES = 6;

export type HeroFigure = { key: string; value: number; target: number | null };
export type RankInput = { unitId: number; unitName: string; figures: HeroFigure[] };
export type RankedUnit = RankInput & {
  /** Mean completion in percent, two decimals rounded half up ("37.22"); null without any hero target. */
  completion: string | null;
  /** 1-based; ties share a rank; null when unranked (no hero target). */
  rank: number | null;
  /** How many heroes the mean is over. */
  targetsCounted: number;
};

const MICRO = 1_000_000n;

/** A figure in exact hundredths (a count with split credit may be 12.5). */
function hundredths(value: number): bigint {
  return BigInt(Math.round(value * 100));
}

function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** value ÷ target in millionths of a percent; null without a positive target. */
export function completionMicro(value: number, target: number | null): bigint | null {
  if (target === null || target <= 0) return null;
  return divideHalfUp(hundredths(value) * 100n * MICRO, hundredths(target));
}

/** Millionths of a percent → "37.22" (half up). */
export function microPercentText(micro: bigint): string {
  const negative = micro < 0n;
  const abs = negative ? -micro : micro;
  const cents = (abs + 5_000n) / 10_000n;
  const text = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  return negative && cents !== 0n ? `-${text}` : text;
}

/** The units ranked by mean hero completion, highest first; the unranked after them in the order given. */
export function rankByCompletion(units: RankInput[]): RankedUnit[] {
  const scored = units.map((unit, order) => {
    const parts = unit.figures.map((f) => completionMicro(f.value, f.target)).filter((m): m is bigint => m !== null);
    const mean = parts.length === 0 ? null : divideHalfUp(parts.reduce((a, b) => a + b, 0n), BigInt(parts.length));
    return { unit, order, mean, counted: parts.length };
  });
  const ranked = scored.filter((s) => s.mean !== null).sort((a, b) => (a.mean! === b.mean! ? a.order - b.order : a.mean! > b.mean! ? -1 : 1));
  const unranked = scored.filter((s) => s.mean === null);
  return [
    ...ranked.map((s) => ({
      ...s.unit,
      completion: microPercentText(s.mean!),
      rank: 1 + ranked.filter((other) => other.mean! > s.mean!).length,
      targetsCounted: s.counted,
    })),
    ...unranked.map((s) => ({ ...s.unit, completion: null, rank: null, targetsCounted: 0 })),
  ];
}
