import { describe, expect, it } from 'vitest';
import { METRICS } from '../../domain/metrics.ts';
import { CHART_PALETTE, chartScale, groupByFamily, metricFamily, pieSlices, scaled } from './cockpit-layout.ts';

describe('the cockpit layout helpers', () => {
  it('puts every catalogue metric in a family, signing first', () => {
    expect(metricFamily('signedContractYuan')).toBe('signing');
    expect(metricFamily('startedCount')).toBe('progress');
    expect(metricFamily('fundsArrivedForeignUsd')).toBe('funds');
    expect(metricFamily('startRate')).toBe('rates');
    expect(metricFamily('principalTrips')).toBe('activities');
    const groups = groupByFamily(METRICS.map((m) => ({ key: m.key })));
    expect(groups.map((g) => g.family)).toEqual(['signing', 'progress', 'funds', 'rates', 'activities']);
    expect(groups.flatMap((g) => g.items).length).toBe(METRICS.length);
  });

  it('draws a chart in one money unit: 亿元 once any value reaches 1亿, else 万元', () => {
    const big = chartScale([50_000_000, 250_000_000], 'yuan');
    expect(big.unit).toBe('yi');
    expect([50_000_000, 250_000_000].map((v) => scaled(v, big))).toEqual([0.5, 2.5]);
    const small = chartScale([5_000_000, 99_999_999], 'yuan');
    expect(small.unit).toBe('wan');
    expect(scaled(5_000_000, small)).toBe(500);
    expect(scaled(0.125, chartScale([0.125], 'percent'))).toBe(12.5);
    expect(scaled(7, chartScale([7], 'count'))).toBe(7);
  });

  it('gives no two slices of a pie the same colour: the tail folds into 其他', () => {
    const rows = Array.from({ length: 15 }, (_, i) => ({ group: String(i), value: 100 - i }));
    const { shown, other } = pieSlices(rows);
    expect(shown).toHaveLength(CHART_PALETTE.length - 1);
    expect(other!.rows.map((r) => r.group)).toEqual(['11', '12', '13', '14']);
    expect(other!.value).toBe(89 + 88 + 87 + 86);
    expect(new Set(CHART_PALETTE).size).toBe(CHART_PALETTE.length);
    expect(pieSlices(rows.slice(0, 5)).other).toBeNull();
  });
});
