import { ZIdParams } from '../../shared/common.ts';
import { ZAddCommentRequest, ZComment, ZTimeline } from '../../shared/timeline.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { addProjectComment } from '../projects/comments.service.ts';
import { getProjectTimeline } from './timeline.service.ts';

export async function timelineRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['projects'];
  app.get('/projects/:id/timeline', { schema: { tags, params: ZIdParams, response: { 200: ZTimeline } } }, async (request) => ({
    items: await getProjectTimeline(contextOf(request, db, clock), request.params.id),
  }));

  app.post(
    '/projects/:id/comments',
    { schema: { tags, params: ZIdParams, body: ZAddCommentRequest, response: { 200: ZComment } } },
    async (request) => addProjectComment(contextOf(request, db, clock), request.params.id, request.body.text),
  );
}
