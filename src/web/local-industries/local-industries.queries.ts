import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TLocalIndustry, TSaveLocalIndustryRequest } from '../../shared/local-industries.ts';
import { api } from '../api/client.ts';

export const LOCAL_INDUSTRIES_QUERY_KEY = ['local-industries'] as const;

/** The city's own industry words (本市产业), kept by the bureau. */
export function useLocalIndustries() {
  return useQuery({
    queryKey: LOCAL_INDUSTRIES_QUERY_KEY,
    queryFn: async ({ signal }) => (await api.get<{ items: TLocalIndustry[] }>('/local-industries', undefined, signal)).items,
    staleTime: 60_000,
  });
}

export function useSaveLocalIndustry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: TSaveLocalIndustryRequest }) =>
      id === null ? api.post<TLocalIndustry>('/local-industries', body) : api.put<TLocalIndustry>(`/local-industries/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: LOCAL_INDUSTRIES_QUERY_KEY }),
  });
}
