import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TRemindDeadlineRequest, TRemindDeadlineResponse, ZBoardPage, ZSupervisionPage } from '../../shared/deadlines.ts';
import { NOTIFICATIONS_QUERY_KEY } from '../reminders/notifications.queries.ts';
import { api } from '../api/client.ts';

export type TSupervisionPage = z.infer<typeof ZSupervisionPage>;
export type TBoardPage = z.infer<typeof ZBoardPage>;
export type SupervisionStatus = 'dueSoon' | 'overdue';
export type SupervisionFilters = { q?: string; unitId?: number; status?: SupervisionStatus; groupBy?: 'unit'; page: number; pageSize: number };

export const SUPERVISION_QUERY_KEY = ['supervision'] as const;

/** 督办: projects whose next deadline is due soon or overdue, most overdue first. */
export function useSupervisionList(filters: SupervisionFilters) {
  return useQuery({
    queryKey: [...SUPERVISION_QUERY_KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<TSupervisionPage>('/supervision', filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** 挂图作战: every signed project's milestones against its deadlines. */
export function useSupervisionBoard(filters: Omit<SupervisionFilters, 'status' | 'groupBy'>) {
  return useQuery({
    queryKey: [...SUPERVISION_QUERY_KEY, 'board', filters],
    queryFn: ({ signal }) => api.get<TBoardPage>('/supervision/board', filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** 催办: one deadline's reminder now (once a deadline a day); the list shows it sent, the bell shows it. */
export function useRemindDeadline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TRemindDeadlineRequest) => api.post<TRemindDeadlineResponse>('/supervision/reminders', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...SUPERVISION_QUERY_KEY, 'list'] });
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_QUERY_KEY });
    },
  });
}
