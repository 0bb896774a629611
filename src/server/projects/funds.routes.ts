import { ZIdParams } from '../../shared/common.ts';
import { ZFundEntryParams, ZProjectFunds, ZRecordFundsRequest, ZVoidFundsRequest } from '../../shared/funds.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { getProjectFunds, recordFundsArrived, voidFundsEntry } from './funds.service.ts';

export async function fundsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['projects'];
  app.get('/projects/:id/funds', { schema: { tags, params: ZIdParams, response: { 200: ZProjectFunds } } }, async (request) =>
    getProjectFunds(contextOf(request, db, clock), request.params.id),
  );

  app.post(
    '/projects/:id/funds',
    { schema: { tags, params: ZIdParams, body: ZRecordFundsRequest, response: { 200: ZProjectFunds } } },
    async (request) => recordFundsArrived(contextOf(request, db, clock), request.params.id, request.body),
  );

  app.post(
    '/projects/:id/funds/:entryId/void',
    { schema: { tags, params: ZFundEntryParams, body: ZVoidFundsRequest, response: { 200: ZProjectFunds } } },
    async (request) => voidFundsEntry(contextOf(request, db, clock), request.params.id, request.params.entryId, request.body.reason),
  );
}
