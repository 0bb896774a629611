import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TNotification, TSetUnitWebhookRequest, TUnitWebhook } from '../../shared/notifications.ts';
import { api } from '../api/client.ts';

export const NOTIFICATIONS_QUERY_KEY = ['notifications'] as const;

/** The caller's deadline reminders (to their unit, and to them as responsible officer), newest first. */
export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_QUERY_KEY,
    queryFn: ({ signal }) => api.get<{ items: TNotification[]; unread: number }>('/notifications', { limit: 30 }, signal),
    // The daily job adds reminders; a page left open picks them up.
    refetchInterval: 5 * 60_000,
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`/notifications/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_QUERY_KEY }),
  });
}

/** Every unread reminder of the caller's, not only those the bell has loaded. */
export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_QUERY_KEY }),
  });
}

function webhookKey(unitId: number) {
  return ['units', 'webhook', unitId] as const;
}

/** A unit's group robot (企业微信 / 钉钉) that gets the daily digest of its deadlines. */
export function useUnitWebhook(unitId: number) {
  return useQuery({
    queryKey: webhookKey(unitId),
    queryFn: ({ signal }) => api.get<TUnitWebhook>(`/units/${unitId}/webhook`, undefined, signal),
  });
}

export function useSetUnitWebhook(unitId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TSetUnitWebhookRequest) => api.put<TUnitWebhook>(`/units/${unitId}/webhook`, body),
    onSuccess: (webhook) => queryClient.setQueryData(webhookKey(unitId), webhook),
  });
}
