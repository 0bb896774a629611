import type { ApiErrorBody } from '../../shared/errors.ts';
import type { TLocale } from '../../shared/common.ts';

/** Every failed API call throws this: the HTTP status and the error body the API sent (src/shared/errors.ts). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error.message.en);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body.error.code;
  }

  get field(): string | undefined {
    return this.body.error.field;
  }

  messageIn(locale: TLocale): string {
    return this.body.error.message[locale];
  }
}

/** What the app does when the session is gone (401) or the initial password must be changed first (403). */
export type AuthProblem = 'loggedOut' | 'mustChangePassword';
type AuthProblemHandler = (problem: AuthProblem, error: ApiError) => void;

let authProblemHandler: AuthProblemHandler | undefined;

/** The app shell registers one handler; the client itself knows nothing about routing. */
export function setAuthProblemHandler(handler: AuthProblemHandler | undefined): void {
  authProblemHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** False for calls where a 401 is an answer, not a lost session (the login itself, "who am I"). */
  reportAuthProblems?: boolean;
};

export function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return !!error && typeof error.code === 'string' && typeof error.message === 'object' && error.message !== null;
}

function fallbackBody(status: number): ApiErrorBody {
  const offline = status === 0;
  return {
    error: {
      code: offline ? 'network' : `http.${status}`,
      message: offline
        ? { 'zh-CN': '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server; check the network and try again' }
        : { 'zh-CN': `服务器返回错误（${status}），请稍后重试`, en: `The server answered with an error (${status}); please try again later` },
    },
  };
}

/** Calls the API with JSON in and out and the session cookie; throws ApiError on anything but 2xx. */
export async function apiRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const { query, body, signal, reportAuthProblems = true } = options;
  const isForm = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, query), {
      method,
      credentials: 'same-origin',
      // A FormData body sets its own multipart content type, boundary included.
      headers: { accept: 'application/json', ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, fallbackBody(0));
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (response.ok) return data as T;

  const error = new ApiError(response.status, isErrorBody(data) ? data : fallbackBody(response.status));
  if (reportAuthProblems && authProblemHandler) {
    if (response.status === 401) authProblemHandler('loggedOut', error);
    else if (response.status === 403 && error.code === 'auth.mustChangePassword') authProblemHandler('mustChangePassword', error);
  }
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string) => apiRequest<T>('DELETE', path),
  /** One file as multipart form data, under the field name the API reads ("file"). */
  upload: <T>(path: string, file: File, field = 'file') => {
    const form = new FormData();
    form.append(field, file, file.name);
    return apiRequest<T>('POST', path, { body: form });
  },
};

/** The address of a download (a file, an export) for a plain link: the browser sends the session cookie itself. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  return withQuery(`/api${path}`, query);
}
