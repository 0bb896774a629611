import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import { EVIDENCE_MAX_BYTES } from '../domain/evidence-files.ts';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../shared/errors.ts';
import type { AppDeps, ZApp } from './deps.ts';
import { handleError } from './http/error-handler.ts';
import { guardedValidatorCompiler } from './http/input-guard.ts';
import { authenticateHook } from './http/request-context.ts';
import { csrfHook } from './http/csrf.ts';
import { CONTENT_SECURITY_POLICY } from './http/security-headers.ts';
import { AppError } from './errors.ts';
import { healthRoutes } from './health/health.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { unitsRoutes } from './units/units.routes.ts';
import { usersRoutes } from './users/users.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { regionsRoutes } from './regions/regions.routes.ts';
import { enterprisesRoutes } from './enterprises/enterprises.routes.ts';
import { enterpriseSearchRoutes } from './enterprises/enterprise-search.routes.ts';
import { enterpriseListsRoutes } from './enterprises/enterprise-lists.routes.ts';
import { projectsRoutes } from './projects/projects.routes.ts';
import { projectStagesRoutes } from './projects/stages.routes.ts';
import { fundsRoutes } from './projects/funds.routes.ts';
import { filesRoutes } from './projects/files.routes.ts';
import { supervisionRoutes } from './projects/supervision.routes.ts';
import { deadlinesRoutes } from './deadlines/deadlines.routes.ts';
import { industriesRoutes } from './industries/industries.routes.ts';
import { localIndustriesRoutes } from './local-industries/local-industries.routes.ts';
import { remindersRoutes } from './reminders/reminders.routes.ts';
import { problemsRoutes } from './problems/problems.routes.ts';
import { departmentsRoutes } from './departments/departments.routes.ts';
import { timelineRoutes } from './timeline/timeline.routes.ts';
import { savedFiltersRoutes } from './projects/saved-filters.routes.ts';
import { importsRoutes } from './imports/imports.routes.ts';
import { metricsRoutes } from './metrics/metrics.routes.ts';
import { targetsRoutes } from './targets/targets.routes.ts';
import { bulletinRoutes } from './bulletin/bulletin.routes.ts';
import { cockpitRoutes } from './cockpit/cockpit.routes.ts';
import { heatmapRoutes } from './heatmap/heatmap.routes.ts';
import { closesRoutes } from './closes/closes.routes.ts';
import { assessmentsRoutes } from './assessments/assessments.routes.ts';
import { leadsRoutes } from './leads/leads.routes.ts';
import { activitiesRoutes } from './activities/activities.routes.ts';
import { chainsRoutes } from './chains/chains.routes.ts';
import { chainCandidatesRoutes } from './chains/chain-candidates.routes.ts';
import { tripPlansRoutes } from './activities/trip-plans.routes.ts';
import { duplicateClaimsRoutes } from './duplicates/duplicate-claims.routes.ts';
import { verificationRoutes } from './verification/verification.routes.ts';
import { countOnceRoutes } from './projects/count-once.routes.ts';

export const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

export type BuildAppOptions = AppDeps & {
  logger?: FastifyServerOptions['logger'];
  webDist?: string | null;
  /** The reverse proxies whose X-Forwarded-For names the client (ZHAOSHANG_TRUST_PROXY), for the login throttle. */
  trustProxy?: string;
};

export async function buildApp(options: BuildAppOptions): Promise<ZApp> {
  const { logger = false, webDist = WEB_DIST, trustProxy, ...deps } = options;
  const app = Fastify({ logger, genReqId: () => randomUUID(), bodyLimit: 1024 * 1024, ...(trustProxy ? { trustProxy } : {}) }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(guardedValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await app.register(cookie);
  // Security headers (README › Security): the CSP the web app passes, no framing, no sniffing, same-origin referrers.
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
  // Per client address, on the routes that say so (login, password change); the failed-login throttle is separate.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError('auth.throttled', { params: { seconds: String(Math.ceil(context.ttl / 1000)) } }),
  });
  // Only JSON bodies (and multipart on the upload routes): a text/plain body is not read as one.
  app.removeContentTypeParser('text/plain');
  // One file per request; a byte over the limit marks it too large rather than reading on.
  await app.register(multipart, { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'zhaoshang API', description: '招商引资平台 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zs_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.decorateRequest('caller', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', csrfHook({ allowedOrigins: deps.allowedOrigins }));
  app.addHook('onRequest', authenticateHook({ db: deps.db, settings: deps.auth, clock: deps.clock }));
  app.addHook('onSend', async (request, reply) => {
    // The id every audit row of this request carries, so a user's report can be traced to the trail.
    reply.header('x-request-id', String(request.id));
    // API answers carry people's and units' records: never kept by a browser or a proxy.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(
    async (api: ZApp) => {
      for (const routes of [healthRoutes, authRoutes, unitsRoutes, usersRoutes, auditRoutes, regionsRoutes, industriesRoutes, localIndustriesRoutes, enterpriseSearchRoutes, enterprisesRoutes, enterpriseListsRoutes, projectsRoutes, projectStagesRoutes, fundsRoutes, filesRoutes, supervisionRoutes, deadlinesRoutes, remindersRoutes, departmentsRoutes, problemsRoutes, timelineRoutes, savedFiltersRoutes, importsRoutes, metricsRoutes, targetsRoutes, bulletinRoutes, cockpitRoutes, heatmapRoutes, closesRoutes, assessmentsRoutes, leadsRoutes, activitiesRoutes, chainsRoutes, chainCandidatesRoutes, tripPlansRoutes, duplicateClaimsRoutes, verificationRoutes, countOnceRoutes]) {
        await routes(api, deps);
      }
      api.get('/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );

  if (webDist && existsSync(webDist)) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz beside each file (vite.config.ts); a browser that accepts them gets them.
      preCompressed: true,
      // Hashed assets never change under their name: cached for a year. The shell is checked on every load, so an
      // upgrade is seen at once.
      cacheControl: false,
      setHeaders: (response, path) => {
        response.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing file (an old asset after an upgrade) is a 404, not the app shell served as JavaScript.
    const looksLikeFile = /\.[a-z0-9]+$/i.test(request.url.split('?')[0]!);
    if (request.url.startsWith('/api/') || looksLikeFile || !webDist || !existsSync(webDist) || request.method !== 'GET') {
      return reply.status(404).send(errorBody('notFound', { params: { entity: request.url.split('?')[0]! } }));
    }
    // The web app routes on the client: every other GET gets its shell.
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}
