import { ZIdParams } from '../../shared/common.ts';
import { ZCreateDeadlineRuleRequest, ZDeadlineRule, ZDeadlineRuleList, ZUpdateDeadlineRuleRequest } from '../../shared/deadlines.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { recomputeAllDeadlines } from '../projects/stages.service.ts';
import { createDeadlineRule, listDeadlineRules, updateDeadlineRule } from './deadlines.service.ts';

export async function deadlinesRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['deadlines'];
  app.get('/deadline-rules', { schema: { tags, response: { 200: ZDeadlineRuleList } } }, async (request) => {
    contextOf(request, db, clock);
    return { items: await listDeadlineRules(db) };
  });

  app.post('/deadline-rules', { schema: { tags, body: ZCreateDeadlineRuleRequest, response: { 200: ZDeadlineRule } } }, async (request) =>
    createDeadlineRule(contextOf(request, db, clock), request.body, recomputeAllDeadlines),
  );

  app.patch(
    '/deadline-rules/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateDeadlineRuleRequest, response: { 200: ZDeadlineRule } } },
    async (request) => updateDeadlineRule(contextOf(request, db, clock), request.params.id, request.body, recomputeAllDeadlines),
  );
}
