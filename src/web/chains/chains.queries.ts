import { useQuery } from '@tanstack/react-query';
import type { TChainMap, TChainSummary, TLinkRecords } from '../../shared/chains.ts';
import { api } from '../api/client.ts';

/** The city's industrial chains (issue 14). */
export function useChains() {
  return useQuery({
    queryKey: ['chains'],
    queryFn: async ({ signal }) => (await api.get<{ items: TChainSummary[] }>('/chains', undefined, signal)).items,
  });
}

/** A chain's map: every active link with its numbers and status 强/弱/缺. */
export function useChainMap(chainId: number | null) {
  return useQuery({
    queryKey: ['chains', chainId, 'map'],
    queryFn: ({ signal }) => api.get<TChainMap>(`/chains/${chainId}/map`, undefined, signal),
    enabled: chainId !== null,
  });
}

/** The records behind one node of the map, adding up to its numbers. */
export function useLinkRecords(chainId: number, linkId: number | null) {
  return useQuery({
    queryKey: ['chains', chainId, 'links', linkId, 'records'],
    queryFn: ({ signal }) => api.get<TLinkRecords>(`/chains/${chainId}/links/${linkId}/records`, undefined, signal),
    enabled: linkId !== null,
  });
}
