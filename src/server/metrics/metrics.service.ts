import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireUnitInScope } from '../units/units.service.ts';
import { projectFacts } from '../projects/facts.service.ts';
import { DEFAULT_SCOPE_RULES, METRICS } from '../../domain/metrics.ts';
import type { TMetricValues } from '../../shared/metrics.ts';

/**
 * The catalogue's metrics over a period and a unit subtree, computed from the records in the caller's scope —
 * never typed in. The scope rules are the defaults until the bureau's configuration arrives (issue 5).
 */
export async function metricValues(ctx: ServiceContext, query: { from: string; to: string; unitId?: number; keys?: string }): Promise<TMetricValues> {
  if (query.to < query.from) throw new AppError('validation.invalid', { field: 'to', params: { detail: '早于开始日期' } });
  const unit = query.unitId ? await requireUnitInScope(ctx, query.unitId, 'unitId') : null;
  const wanted = query.keys ? new Set(query.keys.split(',').map((k) => k.trim())) : null;
  const unknown = wanted ? [...wanted].filter((key) => !METRICS.some((m) => m.key === key)) : [];
  if (unknown.length > 0) throw new AppError('validation.invalid', { field: 'keys', params: { detail: unknown.join(',') } });
  const facts = await projectFacts(ctx, unit?.path ?? null);
  const input = { ...facts, period: { from: query.from, to: query.to }, rules: DEFAULT_SCOPE_RULES };
  return {
    from: query.from,
    to: query.to,
    unitId: unit?.id ?? null,
    items: METRICS.filter((m) => !wanted || wanted.has(m.key)).map((m) => ({ key: m.key, unit: m.unit, name: m.name, definition: m.definition, ...m.compute(input) })),
  };
}
