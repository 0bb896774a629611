import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TMetricValues, TScopeRules, TScopeRulesState } from '../../shared/metrics.ts';
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

const SCOPE_RULES_QUERY_KEY = ['metrics', 'rules'] as const;

/** 计入口径: what the figures count (sources and industries left out, thresholds), as the bureau has set it. */
export function useScopeRules() {
  return useQuery({
    queryKey: SCOPE_RULES_QUERY_KEY,
    queryFn: ({ signal }) => api.get<TScopeRulesState>('/metrics/rules', undefined, signal),
  });
}

/** The bureau sets the counting rules: every figure (cockpit, bulletin, targets' progress, scores) follows. */
export function useSaveScopeRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: TScopeRules) => api.put<TScopeRulesState>('/metrics/rules', rules),
    onSuccess: async (state) => {
      queryClient.setQueryData(SCOPE_RULES_QUERY_KEY, state);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'metrics' || query.queryKey[1] !== 'rules' });
    },
  });
}
