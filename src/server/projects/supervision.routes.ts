import { ZSupervisionPage, ZSupervisionQuery } from '../../shared/deadlines.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { listSupervision } from './supervision.service.ts';

export async function supervisionRoutes(app: ZApp, { db, clock }: AppDeps) {
  app.get(
    '/supervision',
    { schema: { tags: ['projects'], querystring: ZSupervisionQuery, response: { 200: ZSupervisionPage } } },
    async (request) => listSupervision(contextOf(request, db, clock), request.query),
  );
}
