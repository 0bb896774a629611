import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { THeatmap, THeatmapLevel, THeatmapMeasure, THeatmapRecords } from '../../shared/heatmap.ts';
import { api } from '../api/client.ts';

export type HeatmapView = { measure: THeatmapMeasure; year: number; level: THeatmapLevel; parent?: string; unitId?: number };

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
