import { describe, expect, it } from 'vitest';
import { closedMonthOf, closedMonthsOfProject, closedMonthsTouched, closedThrough, closeProblem } from './month-close.ts';

describe('month close', () => {
  const closed = closedThrough([
    { year: 2026, month: 9 },
    { year: 2026, month: 10 },
    { year: 2025, month: 12 },
  ]);

  it('closes the whole year up to the last closed month, since bulletins count from 1 January', () => {
    expect(closedMonthOf('2026-10-31', closed)).toBe('2026-10');
    expect(closedMonthOf('2026-03-01', closed)).toBe('2026-03');
    expect(closedMonthOf('2026-11-01', closed)).toBeNull();
    expect(closedMonthOf('2025-12-31', closed)).toBe('2025-12');
    expect(closedMonthOf('2024-06-01', closed)).toBeNull();
    expect(closedMonthOf(null, closed)).toBeNull();
  });

  it('finds the closed months a change of stage dates touches, by the old day and the new', () => {
    // Recording a start in November: open.
    expect(closedMonthsTouched({ signedOn: '2026-03-01' }, { signedOn: '2026-03-01', startedOn: '2026-11-02' }, closed)).toEqual([]);
    // A late-reported signing dated in September: a correction.
    expect(closedMonthsTouched({}, { signedOn: '2026-09-20' }, closed)).toEqual(['2026-09']);
    // Moving a start out of October into November changes October's figures too.
    expect(closedMonthsTouched({ startedOn: '2026-10-30' }, { startedOn: '2026-11-03' }, closed)).toEqual(['2026-10']);
    // Unchanged dates touch nothing, however closed.
    expect(closedMonthsTouched({ signedOn: '2026-01-05' }, { signedOn: '2026-01-05' }, closed)).toEqual([]);
    expect(closedMonthsOfProject({ signedOn: '2026-01-05', startedOn: '2026-11-01', registeredOn: null }, closed)).toEqual(['2026-01']);
  });

  it('closes a month only once it has ended, and once', () => {
    expect(closeProblem(2026, 11, '2026-11-24', closed)).toBe('month.notEnded');
    expect(closeProblem(2026, 12, '2026-11-24', closed)).toBe('month.notEnded');
    expect(closeProblem(2026, 10, '2026-11-24', closed)).toBe('month.alreadyClosed');
    expect(closeProblem(2026, 8, '2026-11-24', closed)).toBe('month.alreadyClosed');
    expect(closeProblem(2026, 11, '2026-12-01', closed)).toBeNull();
    expect(closeProblem(2024, 5, '2026-11-24', closed)).toBeNull();
  });
});
