import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ProjectState } from '../../domain/stages.ts';
import type { TEvidenceFile } from '../../shared/files.ts';
import type { TProjectFunds, TRecordFundsRequest } from '../../shared/funds.ts';
import type { TCreateProjectRequest, TProject, TUpdateProjectRequest, ZFundSource, ZProjectPage, ZProjectType } from '../../shared/projects.ts';
import type { TCorrectStageRequest, TMoveStageRequest, TProjectLifecycle } from '../../shared/project-stages.ts';
import type { TSavedFilter, TTimelineItem } from '../../shared/timeline.ts';
import { api } from '../api/client.ts';

export type TProjectPage = z.infer<typeof ZProjectPage>;
export type DeadlineStatus = NonNullable<TProject['deadlineStatus']>;
export type FundSource = z.infer<typeof ZFundSource>;
export type ProjectType = z.infer<typeof ZProjectType>;
export type ProjectSort = 'newest' | 'nextDue' | 'totalDesc' | 'name';
export type Flag = 'true' | 'false';

/** The list's query as the API takes it (GET /api/projects); the page keeps the same names in its address. */
export type ProjectListFilters = {
  q?: string;
  unitId?: number;
  stage?: ProjectState;
  deadlineStatus?: DeadlineStatus;
  industry?: string;
  minTotalYuan?: number;
  maxTotalYuan?: number;
  sourceRegion?: string;
  projectType?: ProjectType;
  fundSource?: FundSource;
  isMajor?: Flag;
  inThreeBatch?: Flag;
  sort?: ProjectSort;
  page: number;
  pageSize: number;
};

export const PROJECTS_QUERY_KEY = ['projects'] as const;
/** Lists computed from projects' stages and deadlines elsewhere (督办, reminders) refresh with them. */
const DERIVED_KEYS = [['supervision'], ['notifications'], ['problems']] as const;

async function refreshProjects(queryClient: QueryClient) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: PROJECTS_QUERY_KEY }),
    ...DERIVED_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  ]);
}

export function useProjectList(filters: ProjectListFilters) {
  return useQuery({
    queryKey: [...PROJECTS_QUERY_KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<TProjectPage>('/projects', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: number | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_QUERY_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<TProject>(`/projects/${id}`, undefined, signal),
    enabled: id !== undefined && Number.isInteger(id),
  });
}

export function useSaveProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: TCreateProjectRequest | TUpdateProjectRequest }) =>
      id === undefined ? api.post<TProject>('/projects', body as TCreateProjectRequest) : api.patch<TProject>(`/projects/${id}`, body),
    onSuccess: () => refreshProjects(queryClient),
  });
}

function lifecycleKey(id: number | undefined) {
  return [...PROJECTS_QUERY_KEY, 'lifecycle', id] as const;
}

export function useProjectLifecycle(id: number | undefined) {
  return useQuery({
    queryKey: lifecycleKey(id),
    queryFn: ({ signal }) => api.get<TProjectLifecycle>(`/projects/${id}/lifecycle`, undefined, signal),
    enabled: id !== undefined && Number.isInteger(id),
  });
}

/** For a page that needs a project's lifecycle on demand (a card dropped on the board). */
export function fetchProjectLifecycle(queryClient: QueryClient, id: number): Promise<TProjectLifecycle> {
  return queryClient.fetchQuery({
    queryKey: lifecycleKey(id),
    queryFn: ({ signal }) => api.get<TProjectLifecycle>(`/projects/${id}/lifecycle`, undefined, signal),
    staleTime: 0,
  });
}

/** Records a stage change (with its date, evidence and files); the answer is the project's new lifecycle. */
export function useMoveProjectStage(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TMoveStageRequest) => api.post<TProjectLifecycle>(`/projects/${id}/stage`, body),
    onSuccess: async (lifecycle) => {
      queryClient.setQueryData(lifecycleKey(id), lifecycle);
      await refreshProjects(queryClient);
    },
  });
}

/** Corrects (date, evidence) or revokes a recorded stage change, with a reason; the history keeps both. */
export function useCorrectProjectStage(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCorrectStageRequest) => api.post<TProjectLifecycle>(`/projects/${id}/stage-corrections`, body),
    onSuccess: async (lifecycle) => {
      queryClient.setQueryData(lifecycleKey(id), lifecycle);
      await refreshProjects(queryClient);
    },
  });
}

export function useProjectFiles(id: number) {
  return useQuery({
    queryKey: [...PROJECTS_QUERY_KEY, 'files', id],
    queryFn: async ({ signal }) => (await api.get<{ items: TEvidenceFile[] }>(`/projects/${id}/files`, undefined, signal)).items,
  });
}

/** Uploads one evidence file (photo or scan); it is attached to a stage change by its id afterwards. */
export function useUploadProjectFile(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload<TEvidenceFile>(`/projects/${id}/files`, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...PROJECTS_QUERY_KEY, 'files', id] }),
  });
}

function fundsKey(id: number) {
  return [...PROJECTS_QUERY_KEY, 'funds', id] as const;
}

export function useProjectFunds(id: number) {
  return useQuery({
    queryKey: fundsKey(id),
    queryFn: ({ signal }) => api.get<TProjectFunds>(`/projects/${id}/funds`, undefined, signal),
  });
}

export function useRecordFunds(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TRecordFundsRequest) => api.post<TProjectFunds>(`/projects/${id}/funds`, body),
    onSuccess: async (funds) => {
      queryClient.setQueryData(fundsKey(id), funds);
      await queryClient.invalidateQueries({ queryKey: [...PROJECTS_QUERY_KEY, 'timeline', id] });
    },
  });
}

export function useVoidFunds(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, reason }: { entryId: number; reason: string }) => api.post<TProjectFunds>(`/projects/${id}/funds/${entryId}/void`, { reason }),
    onSuccess: async (funds) => {
      queryClient.setQueryData(fundsKey(id), funds);
      await queryClient.invalidateQueries({ queryKey: [...PROJECTS_QUERY_KEY, 'timeline', id] });
    },
  });
}

export function useProjectTimeline(id: number) {
  return useQuery({
    queryKey: [...PROJECTS_QUERY_KEY, 'timeline', id],
    queryFn: async ({ signal }) => (await api.get<{ items: TTimelineItem[] }>(`/projects/${id}/timeline`, undefined, signal)).items,
  });
}

export function useAddComment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api.post<{ id: number }>(`/projects/${id}/comments`, { text }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...PROJECTS_QUERY_KEY, 'timeline', id] }),
  });
}

const SAVED_FILTERS_KEY = ['savedFilters'] as const;

/** The caller's own named filters of the project list. */
export function useSavedFilters() {
  return useQuery({
    queryKey: SAVED_FILTERS_KEY,
    queryFn: async ({ signal }) => (await api.get<{ items: TSavedFilter[] }>('/saved-filters', undefined, signal)).items,
  });
}

export function useSaveFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: Record<string, string> }) => api.post<TSavedFilter>('/saved-filters', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SAVED_FILTERS_KEY }),
  });
}

export function useDeleteSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/saved-filters/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SAVED_FILTERS_KEY }),
  });
}
