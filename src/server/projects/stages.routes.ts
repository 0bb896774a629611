import { ZIdParams } from '../../shared/common.ts';
import { ZCorrectStageRequest, ZMoveStageRequest, ZProjectLifecycle } from '../../shared/project-stages.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { correctProjectStage, getProjectLifecycle, moveProjectStage } from './stages.service.ts';

export async function projectStagesRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['projects'];
  app.get('/projects/:id/lifecycle', { schema: { tags, params: ZIdParams, response: { 200: ZProjectLifecycle } } }, async (request) =>
    getProjectLifecycle(contextOf(request, db, clock), request.params.id),
  );

  app.post(
    '/projects/:id/stage',
    { schema: { tags, params: ZIdParams, body: ZMoveStageRequest, response: { 200: ZProjectLifecycle } } },
    async (request) => moveProjectStage(contextOf(request, db, clock), request.params.id, request.body),
  );

  app.post(
    '/projects/:id/stage-corrections',
    { schema: { tags, params: ZIdParams, body: ZCorrectStageRequest, response: { 200: ZProjectLifecycle } } },
    async (request) => correctProjectStage(contextOf(request, db, clock), request.params.id, request.body),
  );
}
