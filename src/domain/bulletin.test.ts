import { describe, expect, it } from 'vitest';
import { bulletinSentence, bulletinSentenceEn, completionPercent, growthPercent, percentShown, periodText, yiAsSet, yiTwoDecimals } from './bulletin.ts';

const yi = (text: string) => Math.round(Number(text) * 1e8);

describe('the bulletin sentence', () => {
  it('writes the standard sentence exactly as bureaus do', () => {
    // 219.22 / 589 = 37.2190…% → 37.22%; 219.22 / 202.83 − 1 = 8.0806…% → 8.08%.
    expect(
      bulletinSentence({
        period: { fromMonth: 1, toMonth: 6 },
        scope: '全市',
        metric: '引进亿元以上省外项目资金额',
        value: { kind: 'amount', yuan: 21_922_000_000 },
        target: { kind: 'amount', yuan: 58_900_000_000 },
        lastYear: { kind: 'amount', yuan: 20_283_000_000 },
      }),
    ).toBe('1—6月份，全市引进亿元以上省外项目资金额219.22亿元，完成年度目标任务589亿元的37.22%，同比增长8.08%。');
  });

  it('counts, single months, decline, no target, and last year at zero', () => {
    expect(
      bulletinSentence({
        period: { fromMonth: 3, toMonth: 3 },
        scope: '襄城区',
        metric: '新签约亿元以上项目',
        value: { kind: 'count', count: 27, measure: '个' },
        target: null,
        lastYear: { kind: 'count', count: 30, measure: '个' },
      }),
    ).toBe('3月份，襄城区新签约亿元以上项目27个，同比下降10.00%。');
    expect(
      bulletinSentence({
        period: { fromMonth: 1, toMonth: 2 },
        scope: '全市',
        metric: '新开工项目投资额',
        value: { kind: 'amount', yuan: yi('289.62') },
        target: { kind: 'amount', yuan: yi('280') },
        lastYear: { kind: 'amount', yuan: 0 },
      }),
    ).toBe('1—2月份，全市新开工项目投资额289.62亿元，完成年度目标任务280亿元的103.44%，上年同期为零。');
  });

  it('writes a count with shares of projects (credit split with the 首报单位) as it is, its percentages exact', () => {
    expect(
      bulletinSentence({
        period: { fromMonth: 1, toMonth: 6 },
        scope: '甲县',
        metric: '新签约项目',
        value: { kind: 'count', count: 12.5, measure: '个' },
        target: { kind: 'count', count: 30, measure: '个' },
        lastYear: { kind: 'count', count: 10.1, measure: '个' },
      }),
    ).toBe('1—6月份，甲县新签约项目12.5个，完成年度目标任务30个的41.67%，同比增长23.76%。');
  });

  it('writes percentages in the bureau\'s style: two decimals always (the default), or trailing zeros dropped', () => {
    // 20.8 / 50 = 41.60%; 20.8 / 16 − 1 = 30.00%.
    const input = {
      period: { fromMonth: 1, toMonth: 3 },
      scope: '全市',
      metric: '新签约项目合同投资额',
      value: { kind: 'amount', yuan: 2_080_000_000 },
      target: { kind: 'amount', yuan: 5_000_000_000 },
      lastYear: { kind: 'amount', yuan: 1_600_000_000 },
    } as const;
    expect(bulletinSentence(input)).toBe('1—3月份，全市新签约项目合同投资额20.80亿元，完成年度目标任务50亿元的41.60%，同比增长30.00%。');
    expect(bulletinSentence({ ...input, percentStyle: 'trimmed' })).toBe('1—3月份，全市新签约项目合同投资额20.80亿元，完成年度目标任务50亿元的41.6%，同比增长30%。');
    expect(bulletinSentenceEn({ ...input, scope: 'the city', metric: 'Contracted investment signed', percentStyle: 'trimmed' })).toBe(
      'Jan–Mar, the city: Contracted investment signed 20.80 × 100M yuan, 41.6% of the annual target of 50 × 100M yuan, up 30% on the same period last year.',
    );
    // Amounts keep their two decimals; a decline is trimmed alike; level stays level.
    expect(bulletinSentence({ ...input, lastYear: { kind: 'amount', yuan: 2_311_111_111 }, percentStyle: 'trimmed' })).toContain('同比下降10%');
    expect(bulletinSentence({ ...input, lastYear: { kind: 'amount', yuan: 2_080_000_000 }, percentStyle: 'trimmed' })).toContain('与上年同期持平');
    expect(['41.60', '40.00', '100.00', '0.00', '8.08', '10.50', '-10.50'].map((p) => percentShown(p, 'trimmed'))).toEqual(['41.6', '40', '100', '0', '8.08', '10.5', '-10.5']);
    expect(percentShown('41.60')).toBe('41.60');
  });

  it('writes the same sentence in English for the English screen, same figures, same rounding', () => {
    const input = {
      period: { fromMonth: 1, toMonth: 6 },
      metric: 'Funds arrived from outside the province',
      value: { kind: 'amount' as const, yuan: yi('219.22') },
      target: { kind: 'amount' as const, yuan: yi('589') },
      lastYear: { kind: 'amount' as const, yuan: 20_282_000_000 },
    };
    expect(bulletinSentenceEn({ ...input, scope: 'the city' })).toBe(
      'Jan–Jun, the city: Funds arrived from outside the province 219.22 × 100M yuan, 37.22% of the annual target of 589 × 100M yuan, up 8.09% on the same period last year.',
    );
    expect(bulletinSentence({ ...input, scope: '全市', metric: '引进省外资金' })).toContain('同比增长8.09%');
    expect(
      bulletinSentenceEn({ period: { fromMonth: 3, toMonth: 3 }, scope: '襄城区', metric: 'Projects signed', value: { kind: 'count', count: 27, measure: '个' }, target: null, lastYear: { kind: 'count', count: 30, measure: '个' } }),
    ).toBe('March, 襄城区: Projects signed 27, down 10.00% on the same period last year.');
    expect(
      bulletinSentenceEn({ period: { fromMonth: 1, toMonth: 2 }, scope: 'the city', metric: 'Foreign capital arrived', value: { kind: 'usd', usd: 12_345_678 }, target: null, lastYear: { kind: 'usd', usd: 0 } }),
    ).toBe('Jan–Feb, the city: Foreign capital arrived 1234.57 × 10k USD, nothing in the same period last year.');
  });

  it('rounds half up on exact integers, never on binary floats', () => {
    expect(yiTwoDecimals(1_234_500_000)).toBe('12.35'); // 12.345 亿 → 12.35 (a float would give 12.34)
    expect(yiTwoDecimals(1_234_499_999)).toBe('12.34');
    expect(yiTwoDecimals(38_380_000_000)).toBe('383.80');
    expect(yiAsSet(1_250_000_000)).toBe('12.5');
    expect(yiAsSet(40_000_000_000)).toBe('400');
    expect(completionPercent({ kind: 'count', count: 1, measure: '个' }, { kind: 'count', count: 3, measure: '个' })).toBe('33.33');
    expect(completionPercent({ kind: 'count', count: 2, measure: '个' }, { kind: 'count', count: 3, measure: '个' })).toBe('66.67');
    expect(completionPercent({ kind: 'count', count: 2, measure: '个' }, { kind: 'count', count: 0, measure: '个' })).toBeNull();
    expect(growthPercent({ kind: 'count', count: 1, measure: '个' }, { kind: 'count', count: 8, measure: '个' })).toBe('-87.50');
    expect(growthPercent({ kind: 'count', count: 8, measure: '个' }, { kind: 'count', count: 8, measure: '个' })).toBe('0.00');
    expect(periodText({ fromMonth: 1, toMonth: 12 })).toBe('1—12月份');
  });
});

describe('bulletin ranks', () => {
  it('ranks with ties and lists the top and bottom three, ties at the boundary included', async () => {
    const { ranksDescending, topAndBottom } = await import('./bulletin.ts');
    expect(ranksDescending([90, 80, 80, 70, 60])).toEqual([1, 2, 2, 4, 5]);
    // Each list in its own order: the best first on the 红榜, the lowest first on the 黑榜; ties in table order.
    expect(topAndBottom([90, 80, 80, 70, 60, 95], 3)).toEqual({ top: [5, 0, 1, 2], bottom: [4, 3, 1, 2] });
    expect(topAndBottom([10, 30, 20, 40], 2)).toEqual({ top: [3, 1], bottom: [0, 2] });
    // Nobody is praised or blamed among equals, and with two units each is on one list only.
    expect(topAndBottom([5, 5], 1)).toEqual({ top: [], bottom: [] });
    expect(topAndBottom([0, 0, 0], 3)).toEqual({ top: [], bottom: [] });
    expect(topAndBottom([50, 100], 3)).toEqual({ top: [1], bottom: [0] });
  });
});

describe('foreign capital in a bulletin', () => {
  it('is written in 万美元 with two decimals, a target as set', () => {
    expect(
      bulletinSentence({
        period: { fromMonth: 1, toMonth: 3 },
        scope: '全市',
        metric: '实际利用外资',
        value: { kind: 'usd', usd: 12_345_678 },
        target: { kind: 'usd', usd: 50_000_000 },
        lastYear: { kind: 'usd', usd: 10_000_000 },
      }),
    ).toBe('1—3月份，全市实际利用外资1234.57万美元，完成年度目标任务5000万美元的24.69%，同比增长23.46%。');
  });
});

describe('foreign capital in 万美元', () => {
  it('rounds half up on whole dollars, never through floats', async () => {
    const { wanUsdTwoDecimals } = await import('./bulletin.ts');
    expect(wanUsdTwoDecimals(49)).toBe('0.00');
    expect(wanUsdTwoDecimals(50)).toBe('0.01');
    expect(wanUsdTwoDecimals(12_345_678)).toBe('1234.57');
    expect(wanUsdTwoDecimals(1_005_000)).toBe('100.50');
  });
});
