import { describe, expect, it } from 'vitest';
import { addDays, addMonths, chinaToday, daysBetween, isIsoDate } from './calendar.ts';

describe('calendar dates', () => {
  it('adds months to the corresponding day, or the month end when there is none', () => {
    expect(addMonths('2023-08-31', 2)).toBe('2023-10-31');
    expect(addMonths('2024-01-31', 2)).toBe('2024-03-31');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29'); // leap year
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-12-31', 2)).toBe('2024-02-29'); // across the year end into a leap February
    expect(addMonths('2023-02-28', 2)).toBe('2023-04-28'); // the corresponding day exists
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2100-01-31', 1)).toBe('2100-02-28'); // 2100 is not a leap year
    expect(addMonths('2023-03-15', -2)).toBe('2023-01-15');
  });

  it('adds days and counts days between dates across months and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365);
    expect(daysBetween('2023-10-31', '2023-10-25')).toBe(-6);
  });

  it('checks calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-3-1')).toBe(false);
  });

  it("takes today's date in China, whatever the server's zone", () => {
    expect(chinaToday(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
    expect(chinaToday(new Date('2026-11-23T15:59:00Z'))).toBe('2026-11-23');
  });
});

// Killed survivors of `npm run mutate` (docs/testing.md, "Mutation testing"): a date outside the calendar is
// refused by isIsoDate and throws in the arithmetic, at every bound.
describe('calendar dates at their bounds', () => {
  const outside = ['2026-13-01', '2026-00-10', '2026-12-00', '2026-12-32', '2026-02-29', 'x2026-01-01', '2026-01-01x'];

  it('refuses months and days outside the calendar, and text around a date', () => {
    for (const text of outside) expect(isIsoDate(text), text).toBe(false);
    for (const text of ['2024-02-29', '2026-12-31', '2026-01-01']) expect(isIsoDate(text), text).toBe(true);
  });

  it('throws, naming the date, on any of them in date arithmetic', () => {
    for (const text of outside) expect(() => addDays(text, 1), text).toThrow(`not a calendar date: ${text}`);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
