import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { closedThrough, type ClosedThrough } from '../../domain/month-close.ts';
import type { TMonthClose } from '../../shared/closes.ts';
import { api } from '../api/client.ts';

export const CLOSES_QUERY_KEY = ['closes'] as const;

/** The months the bureau has closed, latest first, and through which month each year is closed. */
export function useCloses() {
  return useQuery({
    queryKey: CLOSES_QUERY_KEY,
    queryFn: async ({ signal }) => {
      const { items } = await api.get<{ items: TMonthClose[] }>('/closes', undefined, signal);
      return { items, through: closedThrough(items) as ClosedThrough };
    },
    staleTime: 60_000,
  });
}

/** The bureau closes an ended month: its bulletin is read from the figures kept now, and later changes are corrections. */
export function useCloseMonth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (month: { year: number; month: number }) => api.post<TMonthClose>('/closes', month),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: CLOSES_QUERY_KEY }), queryClient.invalidateQueries({ queryKey: ['bulletin'] })]);
    },
  });
}
