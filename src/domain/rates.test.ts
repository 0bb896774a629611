import { describe, expect, it } from 'vitest';
import { percentText } from './rates.ts';

describe('rates as percentages', () => {
  it('rounds half up on exact integers', () => {
    expect(percentText(1, 3)).toBe('33.33');
    expect(percentText(2, 3)).toBe('66.67');
    expect(percentText(1, 8)).toBe('12.50');
    expect(percentText(1, 200, 1)).toBe('0.5');
    expect(percentText(1, 400, 1)).toBe('0.3'); // 0.25 → 0.3, half up
    expect(percentText(21_922_000_000, 58_900_000_000)).toBe('37.22'); // 219.22亿 of 589亿 (seed 002's sentence)
    expect(percentText(12.5, 30)).toBe('41.67'); // shares of projects where credit is split: taken in hundredths
    expect(percentText(0.3 + 0.3 + 0.3, 0.9)).toBe('100.00');
  });

  it('goes above 100% when more arrived than was contracted', () => {
    expect(percentText(150, 100)).toBe('150.00');
  });

  it('has no rate without a denominator', () => {
    expect(percentText(5, 0)).toBeNull();
    expect(percentText(0, 10)).toBe('0.00');
  });

  it('stays exact for amounts beyond float precision', () => {
    expect(percentText(9_007_199_254_740_991, 9_007_199_254_740_991)).toBe('100.00');
    expect(percentText(3_000_000_000_000_001, 6_000_000_000_000_000)).toBe('50.00');
  });
});
