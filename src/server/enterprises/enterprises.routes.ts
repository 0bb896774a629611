import { ZIdParams } from '../../shared/common.ts';
import {
  ZCreateEnterpriseRequest,
  ZEnterprise,
  ZEnterpriseListQuery,
  ZEnterprisePage,
  ZUpdateEnterpriseRequest,
} from '../../shared/enterprises.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { createEnterprise, getEnterprise, listEnterprises, updateEnterprise } from './enterprises.service.ts';
import { enterpriseLibraryRoutes } from './enterprise-library.routes.ts';
import { enterpriseMergeRoutes } from './enterprise-merge.routes.ts';

export async function enterprisesRoutes(app: ZApp, deps: AppDeps) {
  const { db, clock } = deps;
  const tags = ['enterprises'];
  app.get('/enterprises', { schema: { tags, querystring: ZEnterpriseListQuery, response: { 200: ZEnterprisePage } } }, async (request) =>
    listEnterprises(contextOf(request, db, clock), request.query),
  );

  app.get('/enterprises/:id', { schema: { tags, params: ZIdParams, response: { 200: ZEnterprise } } }, async (request) =>
    getEnterprise(contextOf(request, db, clock), request.params.id),
  );

  app.post('/enterprises', { schema: { tags, body: ZCreateEnterpriseRequest, response: { 200: ZEnterprise } } }, async (request) =>
    createEnterprise(contextOf(request, db, clock), request.body),
  );

  app.patch(
    '/enterprises/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateEnterpriseRequest, response: { 200: ZEnterprise } } },
    async (request) => updateEnterprise(contextOf(request, db, clock), request.params.id, request.body),
  );

  await enterpriseLibraryRoutes(app, deps);
  await enterpriseMergeRoutes(app, deps);
}
