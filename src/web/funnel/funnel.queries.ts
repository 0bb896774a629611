import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TCreateLeadRequest, TDuplicate, TLead, ZLeadPage, ZUpdateLeadRequest } from '../../shared/leads.ts';
import type { TLeaderLevel, TTeam, TTrip, TTripInput, TVisit, TVisitInput, ZTeamInput, ZTripPage } from '../../shared/activities.ts';
import type { TEvent, ZEventInput, ZEventPage } from '../../shared/events.ts';
import { api } from '../api/client.ts';
import { formatDate } from '../i18n/format.ts';

/** The front of the funnel (线索, 外出招商, 拜访, 招商活动, 驻点小分队): what the pages read and write. */
export type TLeadPage = z.infer<typeof ZLeadPage>;
export type TTripPage = z.infer<typeof ZTripPage>;
export type TEventPage = z.infer<typeof ZEventPage>;

const LEADS = ['leads'] as const;
const TRIPS = ['trips'] as const;
const EVENTS = ['events'] as const;
const TEAMS = ['teams'] as const;

export type LeadFilters = { q?: string; state?: string; source?: string; tripId?: number; teamId?: number; page: number; pageSize: number };

export function useLeadList(filters: LeadFilters) {
  return useQuery({
    queryKey: [...LEADS, 'list', filters],
    queryFn: ({ signal }) => api.get<TLeadPage>('/leads', filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** Likely duplicates anywhere in the city, for a name as typed (at least two characters). */
export function useDuplicates(name: string) {
  return useQuery({
    queryKey: ['duplicates', name],
    queryFn: async ({ signal }) => (await api.get<{ items: TDuplicate[] }>('/duplicates', { name }, signal)).items,
    enabled: name.length >= 2,
    staleTime: 30_000,
  });
}

export function useLeadActions() {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: LEADS });
    await queryClient.invalidateQueries({ queryKey: ['duplicates'] });
    // A trip's and a team's outcomes count their leads.
    await queryClient.invalidateQueries({ queryKey: TRIPS });
    await queryClient.invalidateQueries({ queryKey: TEAMS });
  };
  return {
    create: useMutation({ mutationFn: (body: TCreateLeadRequest) => api.post<TLead>('/leads', body), onSuccess: refresh }),
    update: useMutation({ mutationFn: ({ id, ...body }: { id: number } & z.input<typeof ZUpdateLeadRequest>) => api.patch<TLead>(`/leads/${id}`, body), onSuccess: refresh }),
    move: useMutation({
      mutationFn: ({ id, to, reason }: { id: number; to: 'following' | 'dropped'; reason?: string }) => api.post<TLead>(`/leads/${id}/state`, { to, reason }),
      onSuccess: refresh,
    }),
    convert: useMutation({
      mutationFn: ({ id, name, totalInvestmentYuan }: { id: number; name: string; totalInvestmentYuan?: number }) =>
        api.post<TLead>(`/leads/${id}/convert`, { name, totalInvestmentYuan }),
      onSuccess: async () => {
        await refresh();
        await queryClient.invalidateQueries({ queryKey: ['projects'] });
      },
    }),
  };
}

export function useTripList(filters: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...TRIPS, 'list', filters],
    queryFn: ({ signal }) => api.get<TTripPage>('/trips', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTrip(id: number | undefined) {
  return useQuery({
    queryKey: [...TRIPS, 'one', id],
    queryFn: ({ signal }) => api.get<TTrip>(`/trips/${id}`, undefined, signal),
    enabled: id !== undefined && Number.isInteger(id),
  });
}

export function useCreateTrip() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TTripInput) => api.post<TTrip>('/trips', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TRIPS }),
  });
}

export function useCreateVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TVisitInput) => api.post<TVisit>('/visits', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: TRIPS });
      await queryClient.invalidateQueries({ queryKey: TEAMS });
    },
  });
}

export function useTeams() {
  return useQuery({ queryKey: TEAMS, queryFn: async ({ signal }) => (await api.get<{ items: TTeam[] }>('/teams', undefined, signal)).items });
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZTeamInput>) => api.post<TTeam>('/teams', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEAMS }),
  });
}

export function useEventList(filters: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...EVENTS, 'list', filters],
    queryFn: ({ signal }) => api.get<TEventPage>('/events', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useEvent(id: number, asOf: string | undefined) {
  return useQuery({
    queryKey: [...EVENTS, 'one', id, asOf],
    queryFn: ({ signal }) => api.get<TEvent>(`/events/${id}`, { asOf }, signal),
    enabled: Number.isInteger(id),
    placeholderData: keepPreviousData,
  });
}

export function useEventActions() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: EVENTS });
  return {
    create: useMutation({ mutationFn: (body: z.input<typeof ZEventInput>) => api.post<TEvent>('/events', body), onSuccess: refresh }),
    link: useMutation({ mutationFn: ({ id, projectId }: { id: number; projectId: number }) => api.post(`/events/${id}/projects`, { projectId }), onSuccess: refresh }),
    unlink: useMutation({ mutationFn: ({ id, projectId }: { id: number; projectId: number }) => api.delete(`/events/${id}/projects/${projectId}`), onSuccess: refresh }),
  };
}

/** The bureau's list of leader levels (带队级别), active and inactive. */
export function useLeaderLevels() {
  return useQuery({
    queryKey: ['leader-levels'],
    queryFn: async ({ signal }) => (await api.get<{ items: TLeaderLevel[] }>('/leader-levels', undefined, signal)).items,
    staleTime: 60_000,
  });
}

/** The bureau saves the whole list; a level left out is deactivated. */
export function useSaveLeaderLevels() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: TLeaderLevel[]) => api.put<{ items: TLeaderLevel[] }>('/leader-levels', { items }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['leader-levels'] }),
  });
}

/** A level's name in the user's language. */
export function levelName(level: Pick<TLeaderLevel, 'nameZh' | 'nameEn'>, locale: string): string {
  return locale === 'en' ? level.nameEn : level.nameZh;
}

/** A trip as one line, for a select or a heading: who led it, from which day, and where to. */
export function tripLabel(trip: Pick<TTrip, 'leaderName' | 'fromOn' | 'cities'>): string {
  return [trip.leaderName, formatDate(trip.fromOn), trip.cities.map((city) => city.name).join(' → ')].filter(Boolean).join(' · ');
}
