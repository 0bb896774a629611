import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { percentText } from './rates.ts';

/** percentText's digits as an integer count of 10^-decimals percent: "12.50" → 1250n. */
const scaledOf = (text: string) => BigInt(text.replace('.', ''));

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

  // Catches (docs/testing.md, case 1): percentText computed in floats, `(n / d * 100).toFixed(2)`. Half-way cases
  // are where floats go wrong: 201 / 20000 is 1.005% exactly, 1.00499999… as a double, so toFixed says "1.00".
  it('stays exact for amounts beyond float precision, and on half-way cases', () => {
    expect(percentText(9_007_199_254_740_991, 9_007_199_254_740_991)).toBe('100.00');
    expect(percentText(3_000_000_000_000_001, 6_000_000_000_000_000)).toBe('50.00');
    expect(percentText(201, 20_000)).toBe('1.01');
    expect(percentText(3, 2_000, 1)).toBe('0.2'); // 0.15 → 0.1 in floats, at one place
  });

  // Property-based (fast-check): for any integers the text is the exact half-up rounding of 100·n/d, checked by
  // its defining inequality (2R − 1)·d ≤ 2·100·10^k·n < (2R + 1)·d rather than by the same computation again.
  it('is the exact half-up rounding for any integers (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 4 }), (n, d, decimals) => {
        const text = percentText(n, d, decimals)!;
        expect(text).toMatch(decimals === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${decimals}}$`));
        const r = scaledOf(text);
        const twice = 2n * 100n * 10n ** BigInt(decimals) * BigInt(n);
        expect((2n * r - 1n) * BigInt(d) <= twice && twice < (2n * r + 1n) * BigInt(d)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds every exact half-way case up (property)', () => {
    // n / d · 100 = (k + ½) hundredths of a percent, exactly: d = 20000·m, n = (2k + 1)·m.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 }), (k, m) => {
        expect(scaledOf(percentText((2 * k + 1) * m, 20_000 * m)!)).toBe(BigInt(k + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes shares of projects in hundredths: the same rate as the whole numbers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (a, b) => {
        expect(percentText(a / 100, b / 100)).toBe(percentText(a, b));
      }),
    );
  });
});

// Killed survivors of `npm run mutate` (docs/testing.md, "Mutation testing"): each line below fails when the guard
// it names is dropped or loosened.
describe('percentText at its edges', () => {
  it('has no rate for a zero or negative denominator, or a negative numerator', () => {
    expect(percentText(1, 0)).toBeNull();
    expect(percentText(1, -5)).toBeNull();
    expect(percentText(-1, 5)).toBeNull();
    expect(percentText(0, 5)).toBe('0.00');
  });

  it('has no rate for a denominator that is zero in hundredths, and reads shares in hundredths', () => {
    expect(percentText(1, 0.004)).toBeNull();
    expect(percentText(12.5, 50)).toBe('25.00');
  });
});
