import { useQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreateUnitRequest, TUnit, TUpdateUnitRequest } from '../../shared/units.ts';
import { api } from '../api/client.ts';

export const UNITS_QUERY_KEY = ['units'] as const;

/** The units the caller sees (their own and below; all for the bureau), in tree order. */
export function useUnits() {
  return useQuery({
    queryKey: UNITS_QUERY_KEY,
    queryFn: async ({ signal }) => (await api.get<{ items: TUnit[] }>('/units', undefined, signal)).items,
    staleTime: 60_000,
  });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateUnitRequest) => api.post<TUnit>('/units', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: UNITS_QUERY_KEY }),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TUpdateUnitRequest }) => api.patch<TUnit>(`/units/${id}`, body),
    // Names show in every list of records, so those refresh too.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useDeleteUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/units/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: UNITS_QUERY_KEY }),
  });
}
