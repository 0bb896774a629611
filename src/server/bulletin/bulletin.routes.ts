import { ZBulletin, ZBulletinQuery } from '../../shared/bulletin.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { monthlyBulletin } from './bulletin.service.ts';

export async function bulletinRoutes(app: ZApp, { db, clock }: AppDeps) {
  app.get('/bulletin', { schema: { tags: ['bulletin'], querystring: ZBulletinQuery, response: { 200: ZBulletin } } }, async (request) =>
    monthlyBulletin(contextOf(request, db, clock), request.query),
  );
}
