import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wanTextToYuan, yuanToWanText, yuanToYiExactText, yuanToYiText } from './money.ts';
import { parseAmount } from './ledger-values.ts';

describe('money in whole 元', () => {
  it('reads 万元 text exactly', () => {
    expect(wanTextToYuan('5000')).toBe(50_000_000);
    expect(wanTextToYuan('5,000.5')).toBe(50_005_000);
    expect(wanTextToYuan('0.0001')).toBe(1);
    expect(wanTextToYuan('3838000')).toBe(38_380_000_000); // 383.8亿
    // 0.1 + 0.2 style float error must not appear: 1.15万 is 11500 元, not 11499.999…
    expect(wanTextToYuan('1.15')).toBe(11_500);
  });

  it('refuses what is not a plain amount', () => {
    expect(wanTextToYuan('-5')).toBeNull();
    expect(wanTextToYuan('5亿')).toBeNull();
    expect(wanTextToYuan('0.00001')).toBeNull();
    expect(wanTextToYuan('')).toBeNull();
  });

  it('writes 万元 without losing digits', () => {
    expect(yuanToWanText(50_005_000)).toBe('5000.5');
    expect(yuanToWanText(1)).toBe('0.0001');
    expect(yuanToWanText(0)).toBe('0');
  });

  it('rounds 亿元 half up to two decimals for reports', () => {
    expect(yuanToYiText(38_380_000_000)).toBe('383.80');
    expect(yuanToYiText(28_962_000_000)).toBe('289.62');
    expect(yuanToYiText(885_155_000_000)).toBe('8851.55');
    expect(yuanToYiText(1_234_500_000)).toBe('12.35');
    expect(yuanToYiText(1_234_499_999)).toBe('12.34');
  });
});

describe('money: parse ∘ format is the identity on whole 元 (property)', () => {
  const yuan = fc.maxSafeNat();

  it('reads back the 万元 text it writes', () => {
    fc.assert(
      fc.property(yuan, (y) => {
        expect(wanTextToYuan(yuanToWanText(y))).toBe(y);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back as a ledger cell what the export writes, in 元, 万元 and 亿元, with or without the unit word', () => {
    fc.assert(
      fc.property(yuan, (y) => {
        expect(parseAmount(String(y), '元')).toEqual({ ok: true, value: y });
        expect(parseAmount(yuanToWanText(y), '万元')).toEqual({ ok: true, value: y });
        expect(parseAmount(`${yuanToWanText(y)}万`, '元')).toEqual({ ok: true, value: y });
        expect(parseAmount(yuanToYiExactText(y), '亿元')).toEqual({ ok: true, value: y });
        expect(parseAmount(`${yuanToYiExactText(y)}亿元`, '万元')).toEqual({ ok: true, value: y });
      }),
      { numRuns: 2000 },
    );
  });
});

// Killed survivors of `npm run mutate` (docs/testing.md, "Mutation testing").
describe('money at its edges', () => {
  it('reads 万元 text around spaces and separators, and trailing zeros beyond four decimals', () => {
    expect(wanTextToYuan(' 1,000 ')).toBe(10_000_000);
    expect(wanTextToYuan('1.500000')).toBe(15_000);
    expect(wanTextToYuan('1.00005')).toBeNull();
  });

  it('writes negative amounts with their sign, and rounds 亿元 half up with or without decimals', () => {
    expect(yuanToWanText(-15_000)).toBe('-1.5');
    expect(yuanToYiText(-150_000_000)).toBe('-1.50');
    expect(yuanToYiText(-1)).toBe('0.00');
    expect(yuanToYiText(150_000_000, 0)).toBe('2');
    expect(yuanToYiText(123_456_789)).toBe('1.23');
  });
});
