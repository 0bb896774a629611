import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAdjustment, TAdjustmentInput, TScheme, TSchemeInput, TScores } from '../../shared/assessments.ts';
import { api } from '../api/client.ts';
import { scoresQuery, type AssessmentPeriod } from './assessment-period.ts';

export const ASSESSMENTS_QUERY_KEY = ['assessments'] as const;

/** The schemes the caller sees: their unit's and, for a county, those of the units above it that score it. */
export function useSchemes() {
  return useQuery({
    queryKey: [...ASSESSMENTS_QUERY_KEY, 'schemes'],
    queryFn: async ({ signal }) => (await api.get<{ items: TScheme[] }>('/assessments', undefined, signal)).items,
  });
}

/** A scheme's ranking over a month or a quarter (a county gets its own row only). */
export function useScores(schemeId: number | undefined, period: AssessmentPeriod) {
  const query = scoresQuery(period);
  return useQuery({
    queryKey: [...ASSESSMENTS_QUERY_KEY, 'scores', schemeId, query],
    queryFn: ({ signal }) => api.get<TScores>(`/assessments/${schemeId}/scores`, query, signal),
    enabled: schemeId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** The bureau creates (no id) or replaces a scheme; every ranking is asked for again. */
export function useSaveScheme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: TSchemeInput }) =>
      id === undefined ? api.post<TScheme>('/assessments', body) : api.put<TScheme>(`/assessments/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ASSESSMENTS_QUERY_KEY }),
  });
}

/** The bureau records a deduction or bonus by hand for a scored unit. */
export function useAddAdjustment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ schemeId, body }: { schemeId: number; body: TAdjustmentInput }) => api.post<{ ok: true }>(`/assessments/${schemeId}/adjustments`, body),
    // The ranking and the list of adjustments both change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ASSESSMENTS_QUERY_KEY }),
  });
}

/** A scheme's hand adjustments of a year (a county: its own units'), withdrawn ones included and marked. */
export function useAdjustments(schemeId: number | undefined, year: number) {
  return useQuery({
    queryKey: [...ASSESSMENTS_QUERY_KEY, 'adjustments', schemeId, year],
    queryFn: async ({ signal }) => (await api.get<{ items: TAdjustment[] }>(`/assessments/${schemeId}/adjustments`, { year }, signal)).items,
    enabled: schemeId !== undefined,
  });
}

/** The bureau withdraws a mistaken adjustment with a reason; the ranking is asked for again. */
export function useWithdrawAdjustment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ schemeId, id, reason }: { schemeId: number; id: number; reason: string }) =>
      api.post<{ ok: true }>(`/assessments/${schemeId}/adjustments/${id}/withdraw`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ASSESSMENTS_QUERY_KEY }),
  });
}
