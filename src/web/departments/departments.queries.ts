import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TDepartment } from '../../shared/problems.ts';
import { api } from '../api/client.ts';

export const DEPARTMENTS_QUERY_KEY = ['departments'] as const;

/** 职能部门 (发改委, 自然资源和规划局…) that problems are routed to. */
export function useDepartments() {
  return useQuery({
    queryKey: DEPARTMENTS_QUERY_KEY,
    queryFn: async ({ signal }) => (await api.get<{ items: TDepartment[] }>('/departments', undefined, signal)).items,
    staleTime: 60_000,
  });
}

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { unitId: number; name: string }) => api.post<TDepartment>('/departments', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DEPARTMENTS_QUERY_KEY }),
  });
}
