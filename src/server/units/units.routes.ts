import { ZIdParams, ZOk } from '../../shared/common.ts';
import { ZCreateUnitRequest, ZUnit, ZUnitList, ZUpdateUnitRequest } from '../../shared/units.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { createUnit, deleteUnit, listUnits, updateUnit } from './units.service.ts';

export async function unitsRoutes(app: ZApp, { db, clock }: AppDeps) {
  app.get('/units', { schema: { tags: ['units'], response: { 200: ZUnitList } } }, async (request) => ({
    items: await listUnits(contextOf(request, db, clock)),
  }));

  app.post('/units', { schema: { tags: ['units'], body: ZCreateUnitRequest, response: { 200: ZUnit } } }, async (request) =>
    createUnit(contextOf(request, db, clock), request.body),
  );

  app.patch(
    '/units/:id',
    { schema: { tags: ['units'], params: ZIdParams, body: ZUpdateUnitRequest, response: { 200: ZUnit } } },
    async (request) => updateUnit(contextOf(request, db, clock), request.params.id, request.body),
  );

  app.delete('/units/:id', { schema: { tags: ['units'], params: ZIdParams, response: { 200: ZOk } } }, async (request) => {
    await deleteUnit(contextOf(request, db, clock), request.params.id);
    return { ok: true as const };
  });
}
