import { ZEnterpriseSearchQuery, ZEnterpriseSearchResult } from '../../shared/enterprises-search.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { searchEnterprises } from './enterprise-search.service.ts';

export async function enterpriseSearchRoutes(app: ZApp, { db, clock }: AppDeps) {
  app.get(
    '/enterprises/search',
    { schema: { tags: ['enterprises'], querystring: ZEnterpriseSearchQuery, response: { 200: ZEnterpriseSearchResult } } },
    async (request) => searchEnterprises(contextOf(request, db, clock), request.query),
  );
}
