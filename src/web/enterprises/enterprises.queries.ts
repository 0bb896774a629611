import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TCreateEnterpriseRequest,
  TEnterprise,
  TEnterpriseContact,
  TEnterpriseContactRequest,
  TEnterpriseDetail,
  TEnterpriseOtherNameRequest,
  TEnterpriseTier,
  TEnterpriseTierRequest,
  TUpdateEnterpriseRequest,
  ZEnterprisePage,
} from '../../shared/enterprises.ts';
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

// ——— The library's page (issue 13): detail, tier entries, other names, contacts ———

export function useEnterpriseDetail(id: number | undefined) {
  return useQuery({
    queryKey: [...ENTERPRISES_QUERY_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<TEnterpriseDetail>(`/enterprises/${id}/detail`, undefined, signal),
    enabled: id !== undefined,
  });
}

/** A change on the enterprise page (a tier entry, a name, a contact): the page and the lists are read again. */
export function useEnterpriseChange<TInput>(request: (input: TInput) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ENTERPRISES_QUERY_KEY });
    },
  });
}

export const enterpriseRequests = {
  addTier: (id: number, body: TEnterpriseTierRequest) => api.post<TEnterpriseTier>(`/enterprises/${id}/tiers`, body),
  deleteTier: (id: number, tierId: number) => api.delete(`/enterprises/${id}/tiers/${tierId}`),
  addName: (id: number, body: TEnterpriseOtherNameRequest) => api.post(`/enterprises/${id}/names`, body),
  deleteName: (id: number, nameId: number) => api.delete(`/enterprises/${id}/names/${nameId}`),
  addContact: (id: number, body: TEnterpriseContactRequest) => api.post<TEnterpriseContact>(`/enterprises/${id}/contacts`, body),
  deleteContact: (id: number, contactId: number) => api.delete(`/enterprises/${id}/contacts/${contactId}`),
  /** "显示电话": the whole number; the server writes the read to the audit trail. */
  readPhone: (id: number, contactId: number) => api.post<{ phone: string | null }>(`/enterprises/${id}/contacts/${contactId}/phone`),
};
