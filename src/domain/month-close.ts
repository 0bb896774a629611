import type { IsoDate } from './calendar.ts';

/**
 * Month close (issue 5): once the bureau closes a month after issuing its bulletin, that bulletin's figures are
 * frozen. Bulletins count from 1 January, so closing a month freezes the whole year up to it: a record dated on or
 * before the last closed month of its year lies in a closed period. Changing such a record is a correction — it
 * needs a reason, is kept as such, and the next bulletin lists it — never a quiet edit.
 */

/** The last closed month of each year (1–12). */
export type ClosedThrough = ReadonlyMap<number, number>;

export function closedThrough(closes: { year: number; month: number }[]): ClosedThrough {
  const through = new Map<number, number>();
  for (const { year, month } of closes) through.set(year, Math.max(month, through.get(year) ?? 0));
  return through;
}

/** "2026-09" for a date inside a closed period; null when the date is open (or absent). */
export function closedMonthOf(date: IsoDate | null | undefined, closed: ClosedThrough): string | null {
  if (!date) return null;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month <= (closed.get(year) ?? 0) ? date.slice(0, 7) : null;
}

export const METRIC_DATES = ['signedOn', 'registeredOn', 'startedOn', 'producingOn', 'inStatsOn'] as const;
export type MetricDates = Partial<Record<(typeof METRIC_DATES)[number], IsoDate | null>>;

/**
 * The closed months a change of a project's stage dates touches: any date that changes, where the old or the new
 * day lies in a closed period. Empty when the change leaves every closed figure as it was.
 */
export function closedMonthsTouched(before: MetricDates, after: MetricDates, closed: ClosedThrough): string[] {
  const months = new Set<string>();
  for (const field of METRIC_DATES) {
    if ((before[field] ?? null) === (after[field] ?? null)) continue;
    for (const date of [before[field], after[field]]) {
      const month = closedMonthOf(date, closed);
      if (month) months.add(month);
    }
  }
  return [...months].sort();
}

/** A project's figures (amounts, source, industry, unit …) changing: every closed month its dates fall in. */
export function closedMonthsOfProject(dates: MetricDates, closed: ClosedThrough): string[] {
  return [...new Set(METRIC_DATES.map((field) => closedMonthOf(dates[field], closed)).filter((m): m is string => m !== null))].sort();
}

/** A month may be closed once it has ended, and not twice. */
export function closeProblem(year: number, month: number, today: IsoDate, closed: ClosedThrough): 'month.notEnded' | 'month.alreadyClosed' | null {
  const thisMonth = today.slice(0, 7);
  const asked = `${year}-${String(month).padStart(2, '0')}`;
  if (asked >= thisMonth) return 'month.notEnded';
  if (month <= (closed.get(year) ?? 0)) return 'month.alreadyClosed';
  return null;
}
