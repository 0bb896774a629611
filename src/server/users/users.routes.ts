import { ZIdParams } from '../../shared/common.ts';
import { ZColleagueList, ZColleagueQuery, ZCreateUserRequest, ZUpdateUserRequest, ZUser, ZUserListQuery, ZUserPage } from '../../shared/users.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { createUser, listColleagues, listUsers, updateUser } from './users.service.ts';

export async function usersRoutes(app: ZApp, { db, clock }: AppDeps) {
  app.get('/users', { schema: { tags: ['users'], querystring: ZUserListQuery, response: { 200: ZUserPage } } }, async (request) =>
    listUsers(contextOf(request, db, clock), request.query),
  );

  app.post('/users', { schema: { tags: ['users'], body: ZCreateUserRequest, response: { 200: ZUser } } }, async (request) =>
    createUser(contextOf(request, db, clock), request.body),
  );

  app.patch(
    '/users/:id',
    { schema: { tags: ['users'], params: ZIdParams, body: ZUpdateUserRequest, response: { 200: ZUser } } },
    async (request) => updateUser(contextOf(request, db, clock), request.params.id, request.body),
  );

  app.get('/colleagues', { schema: { tags: ['users'], querystring: ZColleagueQuery, response: { 200: ZColleagueList } } }, async (request) => ({
    items: await listColleagues(contextOf(request, db, clock), request.query.q),
  }));
}
