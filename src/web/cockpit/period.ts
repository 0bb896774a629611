import { daysInMonth, isIsoDate, type IsoDate } from '../../domain/calendar.ts';

/**
 * The cockpit's period, as kept in the address: a month (?period=month&month=2026-06), a quarter
 * (?period=quarter&quarter=2026-2), the year to date (?period=ytd&year=2026, the default) or a custom range
 * (?period=custom&from=…&to=…). A period never runs past today: last year's figures are then compared over
 * the same days, not a whole month against part of one.
 */
export type PeriodMode = 'ytd' | 'month' | 'quarter' | 'custom';
export const PERIOD_MODES: readonly PeriodMode[] = ['ytd', 'month', 'quarter', 'custom'];

export type Period = {
  mode: PeriodMode;
  from: IsoDate;
  to: IsoDate;
  /** The year the period starts in (the trend chart's year). */
  year: number;
  /** 1..12 for a month, 1..4 for a quarter. */
  month?: number;
  quarter?: number;
};

const pad = (n: number) => String(n).padStart(2, '0');
const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

export function monthPeriod(year: number, month: number, today: IsoDate): Period {
  const from = `${year}-${pad(month)}-01`;
  return { mode: 'month', year, month, from, to: earlier(`${year}-${pad(month)}-${pad(daysInMonth(year, month))}`, today) };
}

export function quarterPeriod(year: number, quarter: number, today: IsoDate): Period {
  const last = quarter * 3;
  const from = `${year}-${pad(last - 2)}-01`;
  return { mode: 'quarter', year, quarter, from, to: earlier(`${year}-${pad(last)}-${pad(daysInMonth(year, last))}`, today) };
}

export function ytdPeriod(year: number, today: IsoDate): Period {
  return { mode: 'ytd', year, from: `${year}-01-01`, to: earlier(`${year}-12-31`, today) };
}

function yearOf(text: string | undefined, today: IsoDate): number {
  const year = Number(text);
  return Number.isInteger(year) && year >= 2000 && year <= Number(today.slice(0, 4)) ? year : Number(today.slice(0, 4));
}

/** The period the address asks for; anything unreadable falls back to this year to date. */
export function readPeriod(param: (name: string) => string | undefined, today: IsoDate): Period {
  const mode = param('period');
  const thisYear = Number(today.slice(0, 4));
  if (mode === 'month') {
    const match = /^(\d{4})-(\d{1,2})$/.exec(param('month') ?? '');
    const month = Number(match?.[2]);
    if (match && month >= 1 && month <= 12) return monthPeriod(yearOf(match[1], today), month, today);
    return monthPeriod(thisYear, Number(today.slice(5, 7)), today);
  }
  if (mode === 'quarter') {
    const match = /^(\d{4})-([1-4])$/.exec(param('quarter') ?? '');
    if (match) return quarterPeriod(yearOf(match[1], today), Number(match[2]), today);
    return quarterPeriod(thisYear, Math.ceil(Number(today.slice(5, 7)) / 3), today);
  }
  if (mode === 'custom') {
    const from = param('from') ?? '';
    const to = param('to') ?? '';
    if (isIsoDate(from) && isIsoDate(to) && from <= to) return { mode: 'custom', from, to, year: Number(from.slice(0, 4)) };
  }
  return ytdPeriod(yearOf(param('year'), today), today);
}

/** What goes in the address for a period (the other period parameters are cleared). */
export function periodParams(period: Period): Record<string, string | null> {
  const cleared = { period: null, year: null, month: null, quarter: null, from: null, to: null };
  switch (period.mode) {
    case 'ytd':
      return { ...cleared, year: String(period.year) };
    case 'month':
      return { ...cleared, period: 'month', month: `${period.year}-${period.month}` };
    case 'quarter':
      return { ...cleared, period: 'quarter', quarter: `${period.year}-${period.quarter}` };
    case 'custom':
      return { ...cleared, period: 'custom', from: period.from, to: period.to };
  }
}

/** The first and last day of a month of a year, for the records behind one point of the trend chart. */
export function monthRange(year: number, month: number): { from: IsoDate; to: IsoDate } {
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}` };
}
