import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCreateDeadlineRuleRequest, TDeadlineRule, TUpdateDeadlineRuleRequest } from '../../shared/deadlines.ts';
import { api } from '../api/client.ts';

export const DEADLINE_RULES_QUERY_KEY = ['deadlineRules'] as const;

/** The deadline rules (26211 and the bureau's own), active or not. */
export function useDeadlineRules() {
  return useQuery({
    queryKey: DEADLINE_RULES_QUERY_KEY,
    queryFn: async ({ signal }) => (await api.get<{ items: TDeadlineRule[] }>('/deadline-rules', undefined, signal)).items,
    staleTime: 60_000,
  });
}

/** A rule changed: every project's deadlines were recomputed, so every list that shows them refreshes. */
export function useSaveDeadlineRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: TCreateDeadlineRuleRequest | TUpdateDeadlineRuleRequest }) =>
      id === undefined ? api.post<TDeadlineRule>('/deadline-rules', body) : api.patch<TDeadlineRule>(`/deadline-rules/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
