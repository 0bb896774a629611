import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ProjectState } from '../../domain/stages.ts';
import type { TCreateProjectRequest, TProject, TUpdateProjectRequest, ZProjectPage } from '../../shared/projects.ts';
import type { TMoveStageRequest, TProjectLifecycle } from '../../shared/project-stages.ts';
import { api } from '../api/client.ts';

export type TProjectPage = z.infer<typeof ZProjectPage>;
export type DeadlineStatus = NonNullable<TProject['deadlineStatus']>;
export type ProjectListFilters = {
  q?: string;
  unitId?: number;
  stage?: ProjectState;
  deadlineStatus?: DeadlineStatus;
  page: number;
  pageSize: number;
};

export const PROJECTS_QUERY_KEY = ['projects'] as const;

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
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROJECTS_QUERY_KEY }),
  });
}

export function useProjectLifecycle(id: number | undefined) {
  return useQuery({
    queryKey: [...PROJECTS_QUERY_KEY, 'lifecycle', id],
    queryFn: ({ signal }) => api.get<TProjectLifecycle>(`/projects/${id}/lifecycle`, undefined, signal),
    enabled: id !== undefined && Number.isInteger(id),
  });
}

/** Records a stage change (with its date and evidence); the answer is the project's new lifecycle. */
export function useMoveProjectStage(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TMoveStageRequest) => api.post<TProjectLifecycle>(`/projects/${id}/stage`, body),
    onSuccess: async (lifecycle) => {
      queryClient.setQueryData([...PROJECTS_QUERY_KEY, 'lifecycle', id], lifecycle);
      await queryClient.invalidateQueries({ queryKey: PROJECTS_QUERY_KEY });
    },
  });
}
