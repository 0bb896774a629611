import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TAddLinkRequest,
  TChain,
  TChainLink,
  TCreateChainRequest,
  TUpdateChainRequest,
  TUpdateLinkRequest,
} from '../../shared/chains.ts';
import type { z } from 'zod';
import type { ZChainTemplateList } from '../../shared/chains.ts';
import { api } from '../api/client.ts';

/** The bureau's chain editor (issue 14): a chain with its whole link tree, retired links included, and its changes. */
export function useChain(chainId: number | null) {
  return useQuery({
    queryKey: ['chains', chainId, 'detail'],
    queryFn: ({ signal }) => api.get<TChain>(`/chains/${chainId}`, undefined, signal),
    enabled: chainId !== null,
  });
}

export function useChainTemplates(enabled: boolean) {
  return useQuery({
    queryKey: ['chain-templates'],
    queryFn: async ({ signal }) => (await api.get<z.infer<typeof ZChainTemplateList>>('/chain-templates', undefined, signal)).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Every change refreshes all that shows chains: the list, the map, the drawer, the editor. */
function useChainsChange<TInput, TOutput>(mutationFn: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['chains'] }) });
}

export function useCreateChain() {
  return useChainsChange((body: TCreateChainRequest) => api.post<TChain>('/chains', body));
}

export function useUpdateChain(chainId: number) {
  return useChainsChange((body: TUpdateChainRequest) => api.patch<TChain>(`/chains/${chainId}`, body));
}

export function useAddLink(chainId: number) {
  return useChainsChange((body: TAddLinkRequest) => api.post<TChainLink>(`/chains/${chainId}/links`, body));
}

export function useUpdateLink(chainId: number) {
  return useChainsChange(({ linkId, body }: { linkId: number; body: TUpdateLinkRequest }) => api.patch<TChainLink>(`/chains/${chainId}/links/${linkId}`, body));
}

/**
 * Puts a link before or after its neighbour: the siblings are given positions 0, 1, 2… in their new order, only
 * those whose position changes being written (one PATCH each, the existing route).
 */
export function useReorderLinks(chainId: number) {
  return useChainsChange(async (order: TChainLink[]) => {
    for (const [position, link] of order.entries()) {
      if (link.position !== position) await api.patch<TChainLink>(`/chains/${chainId}/links/${link.id}`, { position });
    }
  });
}
