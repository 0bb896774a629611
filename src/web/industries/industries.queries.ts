import { useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import type { TIndustry } from '../../shared/industries.ts';
import { api } from '../api/client.ts';

export const INDUSTRIES_QUERY_KEY = ['industries'] as const;

async function fetchIndustries(query: { parentCode?: string; q?: string }, signal?: AbortSignal): Promise<TIndustry[]> {
  return (await api.get<{ items: TIndustry[] }>('/industries', query, signal)).items;
}

/** GB/T 4754 is reference data: fetched once per session and kept. */
export function childIndustriesQuery(parentCode: string | undefined) {
  return {
    queryKey: [...INDUSTRIES_QUERY_KEY, 'children', parentCode ?? ''],
    queryFn: ({ signal }: { signal?: AbortSignal }) => fetchIndustries({ parentCode }, signal),
    staleTime: Infinity,
  };
}

/** The sections (门类 A–T), the top of the tree. */
export function useIndustrySections() {
  return useQuery(childIndustriesQuery(undefined));
}

export function loadChildIndustries(client: QueryClient, parentCode: string): Promise<TIndustry[]> {
  return client.fetchQuery(childIndustriesQuery(parentCode));
}

/** Industries whose name contains the text or whose code starts with it (at most 50). */
export function useIndustrySearch(q: string) {
  return useQuery({
    queryKey: [...INDUSTRIES_QUERY_KEY, 'search', q],
    queryFn: ({ signal }) => fetchIndustries({ q }, signal),
    enabled: q !== '',
    staleTime: Infinity,
  });
}

function industryQuery(code: string | null | undefined) {
  return {
    queryKey: [...INDUSTRIES_QUERY_KEY, 'one', code],
    queryFn: async ({ signal }: { signal?: AbortSignal }) => (await fetchIndustries({ q: code! }, signal)).find((industry) => industry.code === code) ?? null,
    enabled: !!code,
    staleTime: Infinity,
  };
}

/** One industry by its code, for a value that arrives without its name (a list filter from the address). */
export function useIndustry(code: string | null | undefined) {
  return useQuery(industryQuery(code));
}

/** Several industries by their codes (a list of them kept as codes): code → name, for those found. */
export function useIndustryNames(codes: readonly string[]): ReadonlyMap<string, string> {
  return useQueries({
    queries: codes.map((code) => industryQuery(code)),
    combine: (results) => new Map(results.flatMap((result) => (result.data ? [[result.data.code, result.data.name] as const] : []))),
  });
}
