import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDuplicateClaim,
  TDuplicateClaimPage,
  TNotDuplicateRequest,
  TProjectDuplicateReview,
  TSplitCreditRequest,
} from '../../shared/duplicate-claims.ts';
import { api } from '../api/client.ts';

export const DUPLICATES_QUERY_KEY = ['duplicate-claims'] as const;
export type DuplicateQueueStatus = 'open' | 'resolved';

/** The bureau's 甄别 queue: open pairs highest score first, or decided ones newest first. */
export function useDuplicateClaims(status: DuplicateQueueStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...DUPLICATES_QUERY_KEY, status, page, pageSize],
    queryFn: ({ signal }) => api.get<TDuplicateClaimPage>('/duplicate-claims', { status, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export type DuplicateDecision =
  | { kind: 'notDuplicate'; id: number; body: TNotDuplicateRequest }
  | { kind: 'splitCredit'; id: number; body: TSplitCreditRequest };

export function useDecideDuplicate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: DuplicateDecision) =>
      decision.kind === 'notDuplicate'
        ? api.post<TDuplicateClaim>(`/duplicate-claims/${decision.id}/not-duplicate`, decision.body)
        : api.post<TDuplicateClaim>(`/duplicate-claims/${decision.id}/split-credit`, decision.body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: DUPLICATES_QUERY_KEY });
      // A credit split changes the kept project's 首报单位, and with it figures.
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}

/** A unit's view of its own project: under review, or by whom it was resolved. */
export function useProjectDuplicateReview(projectId: number) {
  return useQuery({
    queryKey: [...DUPLICATES_QUERY_KEY, 'project', projectId],
    queryFn: ({ signal }) => api.get<TProjectDuplicateReview>(`/projects/${projectId}/duplicate-review`, undefined, signal),
  });
}
