import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireUnitInScope } from '../units/units.service.ts';
import { aggregateMetrics, metricRecordRows, type MetricGrouping, type MetricScope } from '../projects/metrics.queries.ts';
import { DEFAULT_SCOPE_RULES, METRICS, type MetricDefinition, type Period } from '../../domain/metrics.ts';
import { percentText } from '../../domain/rates.ts';
import type { TMetricValues } from '../../shared/metrics.ts';

/**
 * The catalogue's metrics over a period and a unit subtree, computed from the records in the caller's scope —
 * never typed in. Every area that shows a number (cockpit, targets, bulletin, assessment) asks here.
 */
export async function metricScope(ctx: ServiceContext, unitId: number | undefined, period: Period): Promise<MetricScope & { unitName: string; unitKind: string }> {
  if (period.to < period.from) throw new AppError('validation.invalid', { field: 'to', params: { detail: '早于开始日期' } });
  const unit = await requireUnitInScope(ctx, unitId ?? ctx.caller.unitId, 'unitId');
  return { period, rules: DEFAULT_SCOPE_RULES, unit: { id: unit.id, path: unit.path }, unitName: unit.name, unitKind: unit.kind };
}

export function metricsByKeys(keys: string | undefined, field = 'keys'): MetricDefinition[] {
  if (!keys) return METRICS;
  const wanted = [...new Set(keys.split(',').map((k) => k.trim()))];
  const unknown = wanted.filter((key) => !METRICS.some((m) => m.key === key));
  if (unknown.length > 0) throw new AppError('validation.invalid', { field, params: { detail: unknown.join(',') } });
  return METRICS.filter((m) => wanted.includes(m.key));
}

/** The metrics' values over the whole scope, in the order given. */
export async function metricTotals(ctx: ServiceContext, metrics: MetricDefinition[], scope: MetricScope): Promise<(number | null)[]> {
  const grouped = await aggregateMetrics(ctx, metrics.map((m) => m.spec), scope, 'none');
  return grouped.get('') ?? metrics.map((m) => (m.unit === 'percent' ? null : 0));
}

/** The metrics' values per group (child unit, industry division, province, stage or month). */
export async function metricGroups(ctx: ServiceContext, metrics: MetricDefinition[], scope: MetricScope, grouping: MetricGrouping) {
  return aggregateMetrics(ctx, metrics.map((m) => m.spec), scope, grouping);
}

export async function metricRecords(ctx: ServiceContext, metric: MetricDefinition, scope: MetricScope, group: { grouping: MetricGrouping; keys: string[] } | null) {
  return metricRecordRows(ctx, metric.spec, scope, group);
}

export function metricText(metric: MetricDefinition, value: number | null): string {
  if (value === null) return '—';
  if (metric.unit !== 'percent') return String(value);
  // A rate's value is the fraction; its text is the percentage with two decimals, as the bulletins print it.
  return percentText(Math.round(value * 1_000_000), 1_000_000) ?? '—';
}

export async function metricValues(ctx: ServiceContext, query: { from: string; to: string; unitId?: number; keys?: string }): Promise<TMetricValues> {
  const wanted = metricsByKeys(query.keys);
  const scope = await metricScope(ctx, query.unitId, { from: query.from, to: query.to });
  const values = await metricTotals(ctx, wanted, scope);
  return {
    from: query.from,
    to: query.to,
    unitId: scope.unit.id,
    items: wanted.map((m, i) => ({ key: m.key, unit: m.unit, name: m.name, definition: m.definition, value: values[i] ?? 0, text: metricText(m, values[i]!) })),
  };
}
