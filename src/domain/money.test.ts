import { describe, expect, it } from 'vitest';
import { wanTextToYuan, yuanToWanText, yuanToYiText } from './money.ts';

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
