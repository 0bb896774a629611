import { useQuery } from '@tanstack/react-query';
import type { TMetricValues } from '../../shared/metrics.ts';
import { api } from '../api/client.ts';
import type { MetricUnit } from './metric-format.ts';

export type MetricInfo = { key: string; unit: MetricUnit; name: { zh: string; en: string }; definition: { zh: string; en: string } };

/**
 * The metric catalogue: every metric's key, measure, name and definition, in catalogue order. GET /api/metrics
 * always answers with values too; one day is asked for, the cheapest question whose answer lists them all.
 */
export function useMetricCatalogue() {
  return useQuery({
    queryKey: ['metrics', 'catalogue'],
    queryFn: async ({ signal }) => {
      const today = new Date().toISOString().slice(0, 10);
      const answer = await api.get<TMetricValues>('/metrics', { from: today, to: today }, signal);
      return answer.items.map(({ key, unit, name, definition }): MetricInfo => ({ key, unit, name, definition }));
    },
    staleTime: Infinity,
  });
}

/** The metrics a target can be set for: amounts and counts (a rate's target would not be a total). */
export function targetable(metrics: readonly MetricInfo[]): MetricInfo[] {
  return metrics.filter((metric) => metric.unit !== 'percent');
}
