import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TCreateUserRequest, TUpdateUserRequest, TUser, ZUserPage } from '../../shared/users.ts';
import { api } from '../api/client.ts';

export type TUserPage = z.infer<typeof ZUserPage>;
export type UserListFilters = { q?: string; unitId?: number; page: number; pageSize: number };

export const USERS_QUERY_KEY = ['users'] as const;

export function useUserList(filters: UserListFilters) {
  return useQuery({
    queryKey: [...USERS_QUERY_KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<TUserPage>('/users', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateUserRequest) => api.post<TUser>('/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TUpdateUserRequest }) => api.patch<TUser>(`/users/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_QUERY_KEY }),
  });
}
