import { YUAN_PER_WAN, YUAN_PER_YI } from '../../domain/money.ts';
import { METRICS } from '../../domain/metrics.ts';
import type { MetricUnit } from '../metrics/metric-format.ts';

/**
 * Pure helpers of the cockpit's layout (issue 16): which family a metric belongs to (the compact table groups by
 * it), which money unit a chart speaks, and a palette long enough that no two slices of a chart share a colour.
 */
export const METRIC_FAMILIES = ['signing', 'progress', 'funds', 'rates', 'activities'] as const;
export type MetricFamily = (typeof METRIC_FAMILIES)[number];

/** 签约 (signed…), 推进 (registered, started, producing, in statistics), 到位资金, 转化率, 招商活动 (trips, visits, events, leads). */
export function metricFamily(key: string): MetricFamily {
  const spec = METRICS.find((m) => m.key === key)?.spec;
  if (!spec) return 'activities';
  if (spec.kind === 'projects') return spec.on === 'signedOn' ? 'signing' : 'progress';
  if (spec.kind === 'funds') return 'funds';
  if (spec.kind === 'rate') return 'rates';
  return 'activities';
}

/** The metrics grouped by family, in the families' order, each family in the order given. */
export function groupByFamily<T extends { key: string }>(items: T[]): { family: MetricFamily; items: T[] }[] {
  return METRIC_FAMILIES.map((family) => ({ family, items: items.filter((item) => metricFamily(item.key) === family) })).filter((g) => g.items.length > 0);
}

export type ChartScale = { divisor: number; unit: 'yi' | 'wan' | 'wanUsd' | 'percent' | 'count' | 'days' };

/**
 * One money unit for the whole chart, as the cards write it: 亿元 when any value reaches 1亿, otherwise 万元 (where
 * all values are small); dollars in 万美元; rates in percent.
 */
export function chartScale(values: number[], unit: MetricUnit): ChartScale {
  if (unit === 'yuan') return values.some((v) => Math.abs(v) >= YUAN_PER_YI) ? { divisor: YUAN_PER_YI, unit: 'yi' } : { divisor: YUAN_PER_WAN, unit: 'wan' };
  if (unit === 'usd') return { divisor: YUAN_PER_WAN, unit: 'wanUsd' };
  if (unit === 'percent') return { divisor: 0.01, unit: 'percent' };
  return { divisor: 1, unit };
}

/** A value drawn in the chart's unit (a float is fine for drawing; the figures written out come from the API). */
export function scaled(value: number, scale: ChartScale): number {
  if (scale.unit === 'percent') return Math.round(value * 10_000) / 100;
  return scale.divisor === 1 ? value : Math.round((value / scale.divisor) * 100) / 100;
}

/** Twelve distinct colours, readable on white (Ant Design's palette, one hue each). */
export const CHART_PALETTE = ['#1677ff', '#fa8c16', '#13a8a8', '#eb2f96', '#52c41a', '#722ed1', '#faad14', '#2f54eb', '#a0d911', '#f5222d', '#08979c', '#8c8c8c'] as const;

/**
 * The slices of a pie: the largest first, as many as there are colours; the tail folded into one "其他" slice (the
 * last colour), so no two slices share a colour. `other` is null when nothing was folded.
 */
export function pieSlices<T extends { value: number }>(rows: T[], colours = CHART_PALETTE.length): { shown: T[]; other: { value: number; rows: T[] } | null } {
  const sorted = [...rows].sort((a, b) => b.value - a.value);
  if (sorted.length <= colours) return { shown: sorted, other: null };
  const shown = sorted.slice(0, colours - 1);
  const tail = sorted.slice(colours - 1);
  return { shown, other: { value: tail.reduce((total, row) => total + row.value, 0), rows: tail } };
}
