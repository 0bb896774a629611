import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { TChangePasswordRequest, TLoginRequest, TMe } from '../../shared/auth.ts';
import type { TLocale } from '../../shared/common.ts';
import { ApiError, apiRequest } from '../api/client.ts';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/** Who is logged in, or null when nobody is (401). */
export async function fetchMe(signal?: AbortSignal): Promise<TMe | null> {
  try {
    return await apiRequest<TMe>('GET', '/auth/me', { signal, reportAuthProblems: false });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: ({ signal }) => fetchMe(signal), staleTime: Infinity, retry: 1 });
}

/** The logged-in user; only for components rendered under the session guard. */
export function useCurrentUser(): TMe {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser needs a logged-in user (render it under RequireSession)');
  return data;
}

export function setMe(queryClient: QueryClient, me: TMe | null): void {
  queryClient.setQueryData(ME_QUERY_KEY, me);
}

/** Why the last session ended by itself (idle timeout, account disabled), for the login page to say. */
let sessionEnd: ApiError | null = null;

export function rememberSessionEnd(error: ApiError): void {
  sessionEnd = error;
}

export function takeSessionEnd(): ApiError | null {
  const error = sessionEnd;
  sessionEnd = null;
  return error;
}

export function logIn(body: TLoginRequest): Promise<TMe> {
  return apiRequest<TMe>('POST', '/auth/login', { body, reportAuthProblems: false });
}

export function logOut(): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('POST', '/auth/logout', { body: {}, reportAuthProblems: false });
}

export function changePassword(body: TChangePasswordRequest): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('POST', '/auth/password', { body });
}

export function saveLocale(locale: TLocale): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('PUT', '/auth/locale', { body: { locale } });
}
