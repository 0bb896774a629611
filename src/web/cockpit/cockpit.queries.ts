import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TBreakdown, TBreakdownDimension, TCockpit, TIndustryLevel, TCockpitOverview, TMetricRecords, TTrend } from '../../shared/cockpit.ts';
import { api } from '../api/client.ts';

export const COCKPIT_QUERY_KEY = ['cockpit'] as const;

/** `counting` (issue 17): count stage changes as reported or as confirmed; absent, as the bureau's settings say. */
export type CockpitScope = { from: string; to: string; unitId?: number; counting?: Counting };
export type Counting = 'reported' | 'confirmed';

/** The KPI cards of a period and unit subtree (the caller's whole scope without a unit). */
export function useCockpit(scope: CockpitScope, enabled = true) {
  return useQuery({
    queryKey: [...COCKPIT_QUERY_KEY, 'kpis', scope],
    queryFn: ({ signal }) => api.get<TCockpit>('/cockpit', scope, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The first screen's hero keys, unit ranking and alerts (issue 16). */
export function useCockpitOverview(scope: CockpitScope) {
  return useQuery({
    queryKey: [...COCKPIT_QUERY_KEY, 'overview', scope],
    queryFn: ({ signal }) => api.get<TCockpitOverview>('/cockpit/overview', scope, signal),
    placeholderData: keepPreviousData,
  });
}

/** Twelve months of one metric, this year and last. */
export function useTrend(params: { key: string | undefined; year: number; unitId?: number; counting?: 'reported' | 'confirmed' }) {
  return useQuery({
    queryKey: [...COCKPIT_QUERY_KEY, 'trend', params],
    queryFn: ({ signal }) => api.get<TTrend>('/cockpit/trend', params, signal),
    enabled: !!params.key,
    placeholderData: keepPreviousData,
  });
}

/** One metric over the period, split by unit, industry, investor origin or stage. */
export function useBreakdown(params: CockpitScope & { key: string | undefined; by: TBreakdownDimension; industryLevel?: TIndustryLevel }) {
  return useQuery({
    queryKey: [...COCKPIT_QUERY_KEY, 'breakdown', params],
    queryFn: ({ signal }) => api.get<TBreakdown>('/cockpit/breakdown', params, signal),
    enabled: !!params.key,
    placeholderData: keepPreviousData,
  });
}

/** What a number opens onto: the metric, its period and unit, and optionally one group of a breakdown. */
export type RecordsRequest = CockpitScope & {
  key: string;
  by?: TBreakdownDimension;
  group?: string;
  /** The number that was clicked, to check the records against. */
  clicked: number;
  /** What the drawer says the records are of ("樊城区", "6月"), besides the metric and period. */
  label?: string;
};

export function useMetricRecords(request: RecordsRequest | null) {
  const params = request
    ? { key: request.key, from: request.from, to: request.to, unitId: request.unitId, counting: request.counting, by: request.by, group: request.group }
    : null;
  return useQuery({
    queryKey: [...COCKPIT_QUERY_KEY, 'records', params],
    queryFn: ({ signal }) => api.get<TMetricRecords>('/cockpit/records', params!, signal),
    enabled: !!params,
  });
}
