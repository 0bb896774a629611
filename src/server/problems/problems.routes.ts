import { ZIdParams } from '../../shared/common.ts';
import {
  ZProblem,
  ZProblemListQuery,
  ZProblemNoteRequest,
  ZProblemPage,
  ZRaiseProblemRequest,
  ZResolveProblemRequest,
  ZUpdateProblemRequest,
} from '../../shared/problems.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { exportProblems } from './problems.export.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { addProblemNote, getProblem, listProblems, raiseProblem, resolveProblem, updateProblem } from './problems.service.ts';

export async function problemsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['problems'];
  app.get('/problems', { schema: { tags, querystring: ZProblemListQuery, response: { 200: ZProblemPage } } }, async (request) =>
    listProblems(contextOf(request, db, clock), request.query),
  );
  app.get('/problems/export', { schema: { tags, querystring: ZProblemListQuery } }, async (request, reply) => {
    const ctx = contextOf(request, db, clock);
    const { page: _page, pageSize: _pageSize, ...filter } = request.query;
    const content = await exportProblems(ctx, filter);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`问题台账-${chinaToday(ctx.now)}.xlsx`)}`)
      .header('cache-control', 'private, no-store')
      .send(content);
  });
  app.get('/problems/:id', { schema: { tags, params: ZIdParams, response: { 200: ZProblem } } }, async (request) =>
    getProblem(contextOf(request, db, clock), request.params.id),
  );
  app.post(
    '/projects/:id/problems',
    { schema: { tags, params: ZIdParams, body: ZRaiseProblemRequest, response: { 200: ZProblem } } },
    async (request) => raiseProblem(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.patch(
    '/problems/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateProblemRequest, response: { 200: ZProblem } } },
    async (request) => updateProblem(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.post(
    '/problems/:id/notes',
    { schema: { tags, params: ZIdParams, body: ZProblemNoteRequest, response: { 200: ZProblem } } },
    async (request) => addProblemNote(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.post(
    '/problems/:id/resolve',
    { schema: { tags, params: ZIdParams, body: ZResolveProblemRequest, response: { 200: ZProblem } } },
    async (request) => resolveProblem(contextOf(request, db, clock), request.params.id, request.body.resolution),
  );
}
