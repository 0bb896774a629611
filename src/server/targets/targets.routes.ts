import { ZSetTargetsRequest, ZTargetList, ZTargetProgressList, ZTargetProgressQuery, ZTargetsQuery } from '../../shared/targets.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { listTargets, setTargets, targetProgress } from './targets.service.ts';

export async function targetsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['targets'];
  app.get('/targets', { schema: { tags, querystring: ZTargetsQuery, response: { 200: ZTargetList } } }, async (request) =>
    listTargets(contextOf(request, db, clock), request.query.year),
  );
  app.put('/targets', { schema: { tags, body: ZSetTargetsRequest, response: { 200: ZTargetList } } }, async (request) =>
    setTargets(contextOf(request, db, clock), request.body),
  );
  app.get('/targets/progress', { schema: { tags, querystring: ZTargetProgressQuery, response: { 200: ZTargetProgressList } } }, async (request) =>
    targetProgress(contextOf(request, db, clock), request.query.year, request.query.unitId),
  );
}
