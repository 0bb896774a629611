import { ZChangePasswordRequest, ZLoginRequest, ZMe, ZSetLocaleRequest } from '../../shared/auth.ts';
import { ZOk } from '../../shared/common.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { SESSION_COOKIE, contextOf } from '../http/request-context.ts';
import { changeOwnPassword, getMe, logIn, logOut, resolveSession, setOwnLocale } from './auth.service.ts';

export async function authRoutes(app: ZApp, deps: AppDeps) {
  const { db, clock } = deps;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };
  // Requests per client address and minute, whatever their outcome: argon2 is not run for a flood.
  const rateLimit = { max: deps.auth.loginsPerMinute ?? 60, timeWindow: 60_000 };

  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], body: ZLoginRequest, response: { 200: ZMe } }, config: { auth: 'public', rateLimit } },
    async (request, reply) => {
      const { token } = await logIn({ db, ...request.body, now: clock(), requestId: String(request.id), address: request.ip });
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      const caller = await resolveSession(db, token, clock(), deps.auth);
      return getMe(db, caller, deps.auth);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], response: { 200: ZOk } }, config: { auth: 'passwordChangeAllowed' } },
    async (request, reply) => {
      const ctx = contextOf(request, db, clock);
      await logOut(db, request.sessionToken!, ctx.caller, ctx.requestId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], response: { 200: ZMe } }, config: { auth: 'passwordChangeAllowed' } },
    async (request) => getMe(db, contextOf(request, db, clock).caller, deps.auth),
  );

  app.post(
    '/auth/password',
    { schema: { tags: ['auth'], body: ZChangePasswordRequest, response: { 200: ZOk } }, config: { auth: 'passwordChangeAllowed', rateLimit } },
    async (request) => {
      const ctx = contextOf(request, db, clock);
      await changeOwnPassword({ db, caller: ctx.caller, ...request.body, keepToken: request.sessionToken!, requestId: ctx.requestId, now: ctx.now, address: request.ip });
      return { ok: true as const };
    },
  );

  app.put(
    '/auth/locale',
    { schema: { tags: ['auth'], body: ZSetLocaleRequest, response: { 200: ZOk } }, config: { auth: 'passwordChangeAllowed' } },
    async (request) => {
      const ctx = contextOf(request, db, clock);
      await setOwnLocale(db, ctx.caller, request.body.locale, ctx.requestId);
      return { ok: true as const };
    },
  );
}
