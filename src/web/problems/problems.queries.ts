import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TProblem, TRaiseProblemRequest, ZProblemPage, ZUpdateProblemRequest } from '../../shared/problems.ts';
import { api } from '../api/client.ts';

export type TProblemPage = z.infer<typeof ZProblemPage>;
export type ProblemCategory = TProblem['category'];
export type ProblemListFilters = {
  projectId?: number;
  state?: TProblem['state'];
  level?: TProblem['level'];
  departmentId?: number;
  /** Open problems past their due date only (the cockpit's alert opens the list so). */
  overdue?: 'true';
  unitId?: number;
  page: number;
  pageSize: number;
};

export const PROBLEMS_QUERY_KEY = ['problems'] as const;

/** A problem changed: its lists, its own query and the project timelines that show it. */
async function refreshProblems(queryClient: QueryClient, problem?: TProblem) {
  if (problem) queryClient.setQueryData([...PROBLEMS_QUERY_KEY, 'one', problem.id], problem);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: [...PROBLEMS_QUERY_KEY, 'list'] }),
    queryClient.invalidateQueries({ queryKey: ['projects', 'timeline'] }),
  ]);
}

export function useProblemList(filters: ProblemListFilters) {
  return useQuery({
    queryKey: [...PROBLEMS_QUERY_KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<TProblemPage>('/problems', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProblem(id: number | undefined) {
  return useQuery({
    queryKey: [...PROBLEMS_QUERY_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<TProblem>(`/problems/${id}`, undefined, signal),
    enabled: id !== undefined,
  });
}

export function useRaiseProblem(projectId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TRaiseProblemRequest) => api.post<TProblem>(`/projects/${projectId}/problems`, body),
    onSuccess: (problem) => refreshProblems(queryClient, problem),
  });
}

export function useUpdateProblem(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZUpdateProblemRequest>) => api.patch<TProblem>(`/problems/${id}`, body),
    onSuccess: (problem) => refreshProblems(queryClient, problem),
  });
}

export function useAddProblemNote(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: 'instruction' | 'progress'; text: string }) => api.post<TProblem>(`/problems/${id}/notes`, body),
    onSuccess: (problem) => refreshProblems(queryClient, problem),
  });
}

export function useResolveProblem(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (resolution: string) => api.post<TProblem>(`/problems/${id}/resolve`, { resolution }),
    onSuccess: (problem) => refreshProblems(queryClient, problem),
  });
}
