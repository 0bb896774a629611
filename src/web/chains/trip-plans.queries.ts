import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TTripPlan, TTripPlanInput, TTripPlanList, TTripPlansQuery, TTripPlanStopInput, TTripPlanUpdate } from '../../shared/trip-plans.ts';
import { api } from '../api/client.ts';

/** Planned outbound trips (外出招商计划, issue 14): the caller's units' plans; a new plan; a stop added or taken off; edits. */
const PLANS_KEY = ['trip-plans'] as const;

export function useUpcomingTripPlans(enabled = true) {
  return useQuery({ queryKey: [...PLANS_KEY, 'upcoming'], queryFn: async ({ signal }) => (await api.get<TTripPlanList>('/trip-plans', undefined, signal)).items, enabled });
}

/** The plans of the page: upcoming, past or all, of the caller's units or of one of them. */
export function useTripPlans(query: { when: TTripPlansQuery['when']; unitId?: number }) {
  return useQuery({
    queryKey: [...PLANS_KEY, 'list', query.when, query.unitId ?? null],
    queryFn: async ({ signal }) => (await api.get<TTripPlanList>('/trip-plans', { when: query.when, unitId: query.unitId }, signal)).items,
  });
}

export function useTripPlanActions() {
  const queryClient = useQueryClient();
  // Every list of plans (the dialog's and the page's) is asked for again after any change.
  // Not awaited: the caller says what was done at once, while the lists are read again.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: PLANS_KEY });
  const create = useMutation({ mutationFn: (input: TTripPlanInput) => api.post<TTripPlan>('/trip-plans', input), onSuccess: refresh });
  const addStop = useMutation({
    mutationFn: ({ planId, ...stop }: TTripPlanStopInput & { planId: number }) => api.post<TTripPlan>(`/trip-plans/${planId}/stops`, stop),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ planId, ...change }: TTripPlanUpdate & { planId: number }) => api.patch<TTripPlan>(`/trip-plans/${planId}`, change),
    onSuccess: refresh,
  });
  const removeStop = useMutation({
    mutationFn: ({ planId, stopId }: { planId: number; stopId: number }) => api.delete<TTripPlan>(`/trip-plans/${planId}/stops/${stopId}`),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (planId: number) => api.delete<{ ok: true }>(`/trip-plans/${planId}`), onSuccess: refresh });
  return { create, addStop, update, removeStop, remove };
}
