import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { THeatmap, THeatmapLevel, THeatmapMeasure, THeatmapRecords, TPriorityRegions, TPriorityRegionsState } from '../../shared/heatmap.ts';
import { api } from '../api/client.ts';
import type { HeatmapFilterValues } from './HeatmapFilters.tsx';

/** A view of the map: measure, year, level, the division drilled into, the unit, and the filters (chain, tier, stage…). */
export type HeatmapView = { measure: THeatmapMeasure; year: number; level: THeatmapLevel; parent?: string; unitId?: number } & HeatmapFilterValues;

/** A measure by source region in one view (the world, China, a division's cities or counties). */
export function useHeatmap(view: HeatmapView) {
  return useQuery({
    queryKey: ['heatmap', view],
    queryFn: ({ signal }) => api.get<THeatmap>('/heatmap', view, signal),
    placeholderData: keepPreviousData,
  });
}

/** The records behind one cell (or `preset:<key>`); they add up to the cell's number. */
export function useHeatmapRecords(request: (HeatmapView & { cell: string }) | null) {
  return useQuery({
    queryKey: ['heatmap', 'records', request],
    queryFn: ({ signal }) => api.get<THeatmapRecords>('/heatmap/records', request!, signal),
    enabled: !!request,
  });
}

/** The city's priority regions (the plan's list, kept by the bureau). */
export function usePriorityRegions() {
  return useQuery({ queryKey: ['heatmap', 'priority-regions'], queryFn: ({ signal }) => api.get<TPriorityRegionsState>('/heatmap/priority-regions', undefined, signal) });
}

/** The bureau replaces the list; every map shows it from the next request. */
export function useSetPriorityRegions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TPriorityRegions) => api.put<TPriorityRegionsState>('/heatmap/priority-regions', body),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['heatmap'] }),
  });
}
