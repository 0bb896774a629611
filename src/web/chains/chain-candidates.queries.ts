import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCandidateList } from '../../shared/chain-candidates.ts';
import type { TCandidateRejection, TChainGaps } from '../../shared/chains.ts';
import { api } from '../api/client.ts';

/** Whom to attract (招谁, issue 14): a link's candidates, its "not a fit" marks, the gap list with candidates. */
const linkKey = (chainId: number, linkId: number) => ['chains', chainId, 'links', linkId] as const;

export function useLinkCandidates(chainId: number, linkId: number, limit = 20) {
  return useQuery({
    queryKey: [...linkKey(chainId, linkId), 'candidates', limit],
    queryFn: ({ signal }) => api.get<TCandidateList>(`/chains/${chainId}/links/${linkId}/candidates`, { limit }, signal),
  });
}

export function useLinkRejections(chainId: number, linkId: number) {
  return useQuery({
    queryKey: [...linkKey(chainId, linkId), 'rejections'],
    queryFn: async ({ signal }) => (await api.get<{ items: TCandidateRejection[] }>(`/chains/${chainId}/links/${linkId}/rejections`, undefined, signal)).items,
  });
}

/** The gap list (缺 and 弱 links), each with its best `perGap` candidates. */
export function useChainGaps(chainId: number | null, perGap = 3, enabled = true) {
  return useQuery({
    queryKey: ['chains', chainId, 'gaps', perGap],
    queryFn: ({ signal }) => api.get<TChainGaps>(`/chains/${chainId}/gaps`, { candidates: perGap }, signal),
    enabled: chainId !== null && enabled,
  });
}

/** Marking "not a fit" and taking it back; both refresh the link's candidates, its marks and the gap list. */
export function useRejectionActions(chainId: number, linkId: number) {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: linkKey(chainId, linkId) });
    await queryClient.invalidateQueries({ queryKey: ['chains', chainId, 'gaps'] });
    await queryClient.invalidateQueries({ queryKey: ['chains', chainId, 'map'] });
  };
  const reject = useMutation({
    mutationFn: (input: { enterpriseId: number; reason: string }) => api.post<{ items: TCandidateRejection[] }>(`/chains/${chainId}/links/${linkId}/rejections`, input),
    onSuccess: refresh,
  });
  const withdraw = useMutation({
    mutationFn: (enterpriseId: number) => api.delete<{ items: TCandidateRejection[] }>(`/chains/${chainId}/links/${linkId}/rejections/${enterpriseId}`),
    onSuccess: refresh,
  });
  /** A lead started from a candidate sits on the link it was proposed for (its unit may move it later). */
  const placeLead = (leadId: number) => api.put(`/leads/${leadId}/chain-placement`, { linkId });
  return { reject, withdraw, refresh, placeLead };
}
