import { ZIdParams } from '../../shared/common.ts';
import { ZCountOnceList, ZCountOnceRecord, ZCountOnceRequest } from '../../shared/count-once.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { listCountOnce, recordCountOnce } from './count-once.service.ts';

/** Count once (三明, issue 17): the actions on a project that add no new project. */
export async function countOnceRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['projects'];
  app.get('/projects/:id/count-once', { schema: { tags, params: ZIdParams, response: { 200: ZCountOnceList } } }, async (request) =>
    listCountOnce(contextOf(request, db, clock), request.params.id),
  );
  app.post('/projects/:id/count-once', { schema: { tags, params: ZIdParams, body: ZCountOnceRequest, response: { 200: ZCountOnceRecord } } }, async (request) =>
    recordCountOnce(contextOf(request, db, clock), request.params.id, request.body),
  );
}
