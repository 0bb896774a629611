import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF rule (README › Security), before authentication, for every state-changing request under /api:
 * 1. where the browser names the page's origin (Origin), it must be this app's own host, or one of
 *    `allowedOrigins` (ZHAOSHANG_ALLOWED_ORIGINS, for a reverse proxy on another host name); `Origin: null` is refused;
 * 2. without Origin, a browser's Sec-Fetch-Site must say same-origin (or none: typed by the user);
 * 3. a request with neither header is not a browser's (curl, the CLI, scripts) and passes: such a client does not
 *    hold a user's cookie unless it was given one;
 * 4. a body is JSON, or multipart on the upload routes only (their schema `consumes` multipart/form-data):
 *    text/plain and form posts, which a cross-site page can
 *    send without asking, are refused.
 */
export function csrfHook(options: { allowedOrigins?: readonly string[] } = {}) {
  const allowed = new Set((options.allowedOrigins ?? []).map((origin) => origin.trim().replace(/\/+$/, '').toLowerCase()).filter(Boolean));
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!(request.routeOptions.url ?? request.url).startsWith('/api/')) return;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (!isAllowedOrigin(origin, request.headers.host, allowed)) throw new AppError('request.crossSite');
    } else {
      const site = request.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new AppError('request.crossSite');
    }
    if (!hasBody(request)) return;
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json') return;
    // The upload routes say so in their schema (consumes: multipart/form-data), which the OpenAPI document shows.
    const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
    if (type === 'multipart/form-data' && consumes.includes('multipart/form-data')) return;
    throw new AppError('request.unsupportedType');
  };
}

function isAllowedOrigin(origin: string, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  const normalised = origin.trim().toLowerCase();
  if (allowed.has(normalised)) return true;
  let url: URL;
  try {
    url = new URL(normalised);
  } catch {
    return false; // "null" (a sandboxed frame, a redirect across sites) and anything else unreadable
  }
  // The default: the host the request was sent to (scheme aside: a TLS proxy in front speaks http to us).
  if (host === undefined) return false;
  try {
    return url.host === new URL(`${url.protocol}//${host}`).host; // the default port written or not
  } catch {
    return false;
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}
