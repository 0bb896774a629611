import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { resolveSession, type AuthSettings, type SessionUser } from '../auth/auth.service.ts';

export const SESSION_COOKIE = 'zs_session';

/** How a route is guarded: by default a logged-in user whose password needs no change. */
export type RouteAuth = 'public' | 'session' | 'passwordChangeAllowed';

declare module 'fastify' {
  interface FastifyRequest {
    caller: SessionUser | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

export type AuthHookOptions = { db: Db; settings: AuthSettings; clock: () => Date };

export function authenticateHook({ db, settings, clock }: AuthHookOptions) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.caller = null;
    request.sessionToken = null;
    // The matched route, not the raw URL: "/%61pi/…" reaches the same routes as "/api/…".
    if (!(request.routeOptions.url ?? request.url).startsWith('/api/')) return;
    const auth = request.routeOptions.config?.auth ?? 'session';
    if (auth === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('auth.required');
    const caller = await resolveSession(db, token, clock(), settings);
    if (caller.mustChangePassword && auth !== 'passwordChangeAllowed') throw new AppError('auth.mustChangePassword');
    request.caller = caller;
    request.sessionToken = token;
  };
}

/** The service context of a request that passed authentication. */
export function contextOf(request: FastifyRequest, db: Db, clock: () => Date): ServiceContext {
  if (!request.caller) throw new AppError('auth.required');
  return { db, caller: request.caller, requestId: String(request.id), now: clock() };
}
