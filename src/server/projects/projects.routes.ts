import { ZIdParams } from '../../shared/common.ts';
import { ZCreateProjectRequest, ZProject, ZProjectListQuery, ZProjectPage, ZUpdateProjectRequest } from '../../shared/projects.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { createProject, getProject, listProjects, updateProject } from './projects.service.ts';

export async function projectsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['projects'];
  app.get('/projects', { schema: { tags, querystring: ZProjectListQuery, response: { 200: ZProjectPage } } }, async (request) =>
    listProjects(contextOf(request, db, clock), request.query),
  );

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
