import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDuplicateClaim,
  TDuplicateClaimPage,
  TMergeClaimRequest,
  TNotDuplicateRequest,
  TProjectDuplicateReview,
  TSplitCreditRequest,
  TUndoProjectMergeRequest,
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
  | { kind: 'splitCredit'; id: number; body: TSplitCreditRequest }
  | { kind: 'merge'; id: number; body: TMergeClaimRequest }
  /** `id`: the merge's own id (claim.merge.id). */
  | { kind: 'undoMerge'; id: number; body: TUndoProjectMergeRequest };

const DECISION_PATHS: Record<DuplicateDecision['kind'], (id: number) => string> = {
  notDuplicate: (id) => `/duplicate-claims/${id}/not-duplicate`,
  splitCredit: (id) => `/duplicate-claims/${id}/split-credit`,
  merge: (id) => `/duplicate-claims/${id}/merge`,
  undoMerge: (id) => `/project-merges/${id}/undo`,
};

export function useDecideDuplicate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: DuplicateDecision) => api.post<TDuplicateClaim>(DECISION_PATHS[decision.kind](decision.id), decision.body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: DUPLICATES_QUERY_KEY });
      // A credit split changes the kept project's 首报单位, a merge moves records: figures change with both.
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
