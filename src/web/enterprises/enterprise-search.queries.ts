import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TEnterpriseSearchQuery, TEnterpriseSearchResult } from '../../shared/enterprises-search.ts';
import { api, type QueryValue } from '../api/client.ts';
import { ENTERPRISES_QUERY_KEY } from './enterprises.queries.ts';

/** GET /api/enterprises/search: any piece of a name, pinyin or initials, a credit-code prefix; ranked and highlighted. */
export type EnterpriseSearchParams = { [K in keyof TEnterpriseSearchQuery]?: QueryValue };

export function useEnterpriseSearch(query: EnterpriseSearchParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...ENTERPRISES_QUERY_KEY, 'search', query],
    queryFn: ({ signal }) => api.get<TEnterpriseSearchResult>('/enterprises/search', query, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled: options.enabled ?? true,
  });
}
