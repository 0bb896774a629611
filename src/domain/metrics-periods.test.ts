import { describe, expect, it } from 'vitest';
import { isSummable, samePeriodLastYear } from './metrics.ts';

/**
 * 同比 periods and which metrics add up (issue 5). Neither had a domain test: mutation testing found them without
 * coverage (issue 20, docs/testing.md "Mutation testing").
 */
describe('the same period a year earlier', () => {
  it('compares a month’s last day with that month’s last day a year before, any other day with the same day', () => {
    expect(samePeriodLastYear({ from: '2025-01-01', to: '2025-02-28' })).toEqual({ from: '2024-01-01', to: '2024-02-29' });
    expect(samePeriodLastYear({ from: '2024-02-29', to: '2024-03-15' })).toEqual({ from: '2023-02-28', to: '2023-03-15' });
    expect(samePeriodLastYear({ from: '2025-01-05', to: '2025-12-31' })).toEqual({ from: '2024-01-05', to: '2024-12-31' });
  });
});

describe('metrics that add up', () => {
  it('are counts, amounts and days, not percentages or medians', () => {
    expect(isSummable({ unit: 'count' })).toBe(true);
    expect(isSummable({ unit: 'yuan' })).toBe(true);
    expect(isSummable({ unit: 'days' })).toBe(true);
    expect(isSummable({ unit: 'percent' })).toBe(false);
    expect(isSummable({ unit: 'days', median: true })).toBe(false);
  });
});
