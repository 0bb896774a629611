import { ZIdParams } from '../../shared/common.ts';
import { ZCreateProjectRequest, ZProject, ZProjectLedgerExportQuery, ZProjectListQuery, ZProjectPage, ZUpdateProjectRequest } from '../../shared/projects.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { compiledSerializerCompiler } from '../http/compiled-serializer.ts';
import { exportProjectLedger } from './ledger.export.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { createProject, getProject, updateProject } from './projects.service.ts';
import { listProjects } from './projects.list.ts';

export async function projectsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['projects'];
  // The hottest read of the app: its page is written by a serializer compiled from the contract.
  app.get(
    '/projects',
    { schema: { tags, querystring: ZProjectListQuery, response: { 200: ZProjectPage } }, serializerCompiler: compiledSerializerCompiler },
    async (request) => listProjects(contextOf(request, db, clock), request.query),
  );

  // No response schema: the body is the xlsx, streamed as it is written.
  app.get('/projects/export', { schema: { tags, querystring: ZProjectLedgerExportQuery } }, async (request, reply) => {
    const ctx = contextOf(request, db, clock);
    const { moneyUnit, page: _page, pageSize: _pageSize, sort: _sort, ...filter } = request.query;
    const name = encodeURIComponent(`项目台账-${chinaToday(ctx.now)}.xlsx`);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
      .header('cache-control', 'private, no-store')
      .send(exportProjectLedger(ctx, filter, moneyUnit));
  });

  app.get('/projects/:id', { schema: { tags, params: ZIdParams, response: { 200: ZProject } } }, async (request) =>
    getProject(contextOf(request, db, clock), request.params.id),
  );

  app.post('/projects', { schema: { tags, body: ZCreateProjectRequest, response: { 200: ZProject } } }, async (request) =>
    createProject(contextOf(request, db, clock), request.body),
  );

  app.patch(
    '/projects/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateProjectRequest, response: { 200: ZProject } } },
    async (request) => updateProject(contextOf(request, db, clock), request.params.id, request.body),
  );
}
