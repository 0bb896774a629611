import type { IsoDate } from '../../domain/calendar.ts';

/**
 * The period an assessment is scored over, as kept in the address: a month (?month=2026-10) or a quarter
 * (?quarter=2026-3). Either counts from 1 January to its end. Without one, the last whole month: a month is
 * assessed once it is over.
 */
export type AssessmentPeriod = { kind: 'month'; year: number; month: number } | { kind: 'quarter'; year: number; quarter: number };

export function lastWholeMonth(today: IsoDate): AssessmentPeriod {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? { kind: 'month', year: year - 1, month: 12 } : { kind: 'month', year, month: month - 1 };
}

/** The period the address asks for; anything unreadable (or after today) falls back to the last whole month. */
export function readAssessmentPeriod(param: (name: string) => string | undefined, today: IsoDate): AssessmentPeriod {
  const thisMonth = today.slice(0, 7);
  const month = /^(\d{4})-(\d{1,2})$/.exec(param('month') ?? '');
  if (month) {
    const period = { kind: 'month' as const, year: Number(month[1]), month: Number(month[2]) };
    if (period.month >= 1 && period.month <= 12 && period.year >= 2000 && firstMonthKey(period) <= thisMonth) return period;
  }
  const quarter = /^(\d{4})-([1-4])$/.exec(param('quarter') ?? '');
  if (quarter) {
    const period = { kind: 'quarter' as const, year: Number(quarter[1]), quarter: Number(quarter[2]) };
    if (period.year >= 2000 && firstMonthKey(period) <= thisMonth) return period;
  }
  return lastWholeMonth(today);
}

/** What goes in the address for a period; the default (last whole month) leaves it clean. */
export function assessmentPeriodParams(period: AssessmentPeriod, today: IsoDate): Record<string, string | null> {
  const fallback = lastWholeMonth(today);
  if (period.kind === 'month') {
    const isDefault = fallback.kind === 'month' && fallback.year === period.year && fallback.month === period.month;
    return { month: isDefault ? null : `${period.year}-${period.month}`, quarter: null };
  }
  return { month: null, quarter: `${period.year}-${period.quarter}` };
}

/** The query of GET /api/assessments/:id/scores. */
export function scoresQuery(period: AssessmentPeriod): { year: number; month?: number; quarter?: number } {
  return period.kind === 'month' ? { year: period.year, month: period.month } : { year: period.year, quarter: period.quarter };
}

/** The period's last month: where a hand adjustment recorded from this view counts from by default. */
export function lastMonthOf(period: AssessmentPeriod): number {
  return period.kind === 'month' ? period.month : period.quarter * 3;
}

/** "2026-07": the first month of the period (a period may be chosen once it has begun). */
export function firstMonthKey(period: AssessmentPeriod): string {
  const month = period.kind === 'month' ? period.month : period.quarter * 3 - 2;
  return `${period.year}-${String(month).padStart(2, '0')}`;
}

/** The other kind of period around the same months: a month's quarter, a quarter's last month (never after today). */
export function switchKind(period: AssessmentPeriod, kind: AssessmentPeriod['kind'], today: IsoDate): AssessmentPeriod {
  if (period.kind === kind) return period;
  if (period.kind === 'month') return { kind: 'quarter', year: period.year, quarter: Math.ceil(period.month / 3) };
  const month = { kind: 'month' as const, year: period.year, month: period.quarter * 3 };
  while (firstMonthKey(month) > today.slice(0, 7)) month.month--;
  return month;
}
