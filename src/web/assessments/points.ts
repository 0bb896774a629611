import type { Rule } from 'antd/es/form';
import type { Translate } from '../i18n/i18n.tsx';

/**
 * Points as the assessment keeps them: at most two decimals (src/shared/assessments.ts refuses more), so they are
 * handled as whole hundredths here and never added up as floats.
 */
export function hasTwoDecimals(points: number): boolean {
  return Math.abs(points * 100 - Math.round(points * 100)) < 1e-9;
}

export function toHundredths(points: number): number {
  return Math.round(points * 100);
}

/** Hundredths of a point → "-0.40", "100.00". */
export function hundredthsText(hundredths: number): string {
  const abs = Math.abs(hundredths);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return hundredths < 0 ? `-${text}` : text;
}

/** A points value as written in a scheme: 40 → "40", 0.5 → "0.5" (a decision, shown as it was set). */
export function pointsAsSet(points: number): string {
  return hundredthsText(toHundredths(points)).replace(/\.?0+$/, '');
}

/** Form rule: empty is left to `required`; otherwise a number above 0 with at most two decimals. */
export function positivePointsRule(t: Translate): Rule {
  return {
    validator: async (_rule, value: number | null | undefined) => {
      if (value === null || value === undefined) return;
      if (!(value > 0)) throw new Error(t('assessment.positive'));
      if (!hasTwoDecimals(value)) throw new Error(t('assessment.twoDecimals'));
    },
  };
}
