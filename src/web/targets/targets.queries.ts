import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TChainTargetList, TSetChainTargetsRequest, TSetTargetsRequest, ZTargetList, ZTargetProgressList } from '../../shared/targets.ts';
import { api, apiRequest, apiUrl } from '../api/client.ts';
import { COCKPIT_QUERY_KEY } from '../cockpit/cockpit.queries.ts';

export type TTargetList = z.infer<typeof ZTargetList>;
export type TTargetProgressList = z.infer<typeof ZTargetProgressList>;

const TARGETS_QUERY_KEY = ['targets'] as const;

/** The year's targets of every unit the caller sees. */
export function useTargets(year: number) {
  return useQuery({
    queryKey: [...TARGETS_QUERY_KEY, year],
    queryFn: ({ signal }) => api.get<TTargetList>('/targets', { year }, signal),
  });
}

/** A unit's targets against what its records add up to, from 1 January to today. */
export function useTargetProgress(year: number, unitId: number | undefined) {
  return useQuery({
    queryKey: [...TARGETS_QUERY_KEY, 'progress', year, unitId],
    queryFn: ({ signal }) => api.get<TTargetProgressList>('/targets/progress', { year, unitId }, signal),
    enabled: unitId !== undefined,
  });
}

/** The chain rows of the year's grid (issue 14): each chain's targets with its figures over the caller's subtree. */
export function useChainTargets(year: number) {
  return useQuery({
    queryKey: [...TARGETS_QUERY_KEY, 'chains', year],
    queryFn: ({ signal }) => api.get<TChainTargetList>('/targets/chains', { year }, signal),
  });
}

/** The bureau sets or clears the changed chain cells of the grid, in one request. */
export function useSetChainTargets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TSetChainTargetsRequest) => api.put<TChainTargetList>('/targets/chains', body),
    onSuccess: (list) => queryClient.setQueryData([...TARGETS_QUERY_KEY, 'chains', list.year], list),
  });
}

/** After targets change, the grid shows the new list and every completion figure is asked for again. */
function useTargetsChanged() {
  const queryClient = useQueryClient();
  return (list: TTargetList) => {
    queryClient.setQueryData([...TARGETS_QUERY_KEY, list.year], list);
    void queryClient.invalidateQueries({ queryKey: [...TARGETS_QUERY_KEY, 'progress'] });
    // An imported file may carry the chains' sheet (产业链目标) too.
    void queryClient.invalidateQueries({ queryKey: [...TARGETS_QUERY_KEY, 'chains'] });
    void queryClient.invalidateQueries({ queryKey: COCKPIT_QUERY_KEY });
    void queryClient.invalidateQueries({ queryKey: ['bulletin'] });
  };
}

/** The bureau sets or clears the changed cells of the grid, in one request. */
export function useSetTargets() {
  const changed = useTargetsChanged();
  return useMutation({
    mutationFn: (body: TSetTargetsRequest) => api.put<TTargetList>('/targets', body),
    onSuccess: changed,
  });
}

/** The bureau uploads the year's grid as a spreadsheet (as exported, with its changes). */
export function useImportTargets() {
  const changed = useTargetsChanged();
  return useMutation({
    mutationFn: ({ year, file }: { year: number; file: File }) => {
      const form = new FormData();
      // The year first: the server reads the fields that come before the file.
      form.append('year', String(year));
      form.append('file', file, file.name);
      return apiRequest<TTargetList>('POST', '/targets/import', { body: form });
    },
    onSuccess: changed,
  });
}

export function targetsExportUrl(year: number): string {
  return apiUrl('/targets/export', { year });
}
