import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TCreateEnterpriseRequest, TEnterprise, TUpdateEnterpriseRequest, ZEnterprisePage } from '../../shared/enterprises.ts';
import { api } from '../api/client.ts';

export type TEnterprisePage = z.infer<typeof ZEnterprisePage>;
export type EnterpriseListFilters = { q?: string; page: number; pageSize: number };

export const ENTERPRISES_QUERY_KEY = ['enterprises'] as const;

export function useEnterpriseList(filters: EnterpriseListFilters) {
  return useQuery({
    queryKey: [...ENTERPRISES_QUERY_KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<TEnterprisePage>('/enterprises', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useEnterprise(id: number | undefined) {
  return useQuery({
    queryKey: [...ENTERPRISES_QUERY_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<TEnterprise>(`/enterprises/${id}`, undefined, signal),
    enabled: id !== undefined && Number.isInteger(id),
  });
}

export function useSaveEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: TCreateEnterpriseRequest | TUpdateEnterpriseRequest }) =>
      id === undefined ? api.post<TEnterprise>('/enterprises', body) : api.patch<TEnterprise>(`/enterprises/${id}`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ENTERPRISES_QUERY_KEY });
      // Project lists show the investor's name.
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}
