import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TTripPlan, TTripPlanInput, TTripPlanList, TTripPlanStopInput } from '../../shared/trip-plans.ts';
import { api } from '../api/client.ts';

/** Planned outbound trips (外出招商计划, issue 14): the caller's units' upcoming plans; a new plan; a stop added. */
const plansKey = ['trip-plans', 'upcoming'] as const;

export function useUpcomingTripPlans(enabled = true) {
  return useQuery({ queryKey: plansKey, queryFn: async ({ signal }) => (await api.get<TTripPlanList>('/trip-plans', undefined, signal)).items, enabled });
}

export function useTripPlanActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: plansKey });
  const create = useMutation({ mutationFn: (input: TTripPlanInput) => api.post<TTripPlan>('/trip-plans', input), onSuccess: refresh });
  const addStop = useMutation({
    mutationFn: ({ planId, ...stop }: TTripPlanStopInput & { planId: number }) => api.post<TTripPlan>(`/trip-plans/${planId}/stops`, stop),
    onSuccess: refresh,
  });
  return { create, addStop };
}
