import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZAuditPage } from '../../shared/audit.ts';
import { api } from '../api/client.ts';

export type TAuditPage = z.infer<typeof ZAuditPage>;
export type AuditFilters = { entity?: string; entityId?: string; page: number; pageSize: number };

export function useAuditList(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api.get<TAuditPage>('/audit', filters, signal),
    placeholderData: keepPreviousData,
  });
}
