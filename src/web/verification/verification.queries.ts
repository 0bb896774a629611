import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDecideVerificationRequest,
  TResubmitVerificationRequest,
  TStageVerification,
  TStageVerificationDetail,
  TVerificationPage,
  TVerificationStatus,
} from '../../shared/stage-verifications.ts';
import { api } from '../api/client.ts';

export const VERIFICATION_QUERY_KEY = ['stage-verifications'] as const;

/** Reported stage changes (核实, issue 17): what waits, longest first; or those confirmed, sent back, withdrawn. */
export function useStageVerifications(status: TVerificationStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...VERIFICATION_QUERY_KEY, status, page, pageSize],
    queryFn: ({ signal }) => api.get<TVerificationPage>('/stage-verifications', { status, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

/** One change with the evidence checks its reviewer reads. */
export function useStageVerification(id: number | null) {
  return useQuery({
    queryKey: [...VERIFICATION_QUERY_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<TStageVerificationDetail>(`/stage-verifications/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export type VerificationAct = { kind: 'decide'; id: number; body: TDecideVerificationRequest } | { kind: 'resubmit'; id: number; body: TResubmitVerificationRequest };

export function useActOnVerification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (act: VerificationAct) =>
      act.kind === 'decide'
        ? api.post<TStageVerification>(`/stage-verifications/${act.id}/decision`, act.body)
        : api.post<TStageVerification>(`/stage-verifications/${act.id}/resubmit`, act.body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: VERIFICATION_QUERY_KEY });
      // A decision changes what figures count and the stage history's tags.
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}
