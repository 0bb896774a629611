import { ZCreateDepartmentRequest, ZDepartment, ZDepartmentList } from '../../shared/problems.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { createDepartment, listDepartments } from './departments.service.ts';

export async function departmentsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['departments'];
  app.get('/departments', { schema: { tags, response: { 200: ZDepartmentList } } }, async (request) => {
    contextOf(request, db, clock);
    return { items: await listDepartments(db) };
  });
  app.post('/departments', { schema: { tags, body: ZCreateDepartmentRequest, response: { 200: ZDepartment } } }, async (request) =>
    createDepartment(contextOf(request, db, clock), request.body),
  );
}
