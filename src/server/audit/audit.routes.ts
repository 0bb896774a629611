import { ZAuditListQuery, ZAuditPage } from '../../shared/audit.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { listAudit } from './audit.service.ts';

export async function auditRoutes(app: ZApp, { db, clock }: AppDeps) {
  app.get(
    '/audit',
    { schema: { tags: ['audit'], querystring: ZAuditListQuery, response: { 200: ZAuditPage } } },
    async (request) => listAudit(contextOf(request, db, clock), request.query),
  );
}
