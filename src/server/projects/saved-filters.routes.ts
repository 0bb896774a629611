import { ZIdParams, ZOk } from '../../shared/common.ts';
import { ZSavedFilter, ZSavedFilterList, ZSaveFilterRequest } from '../../shared/timeline.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { deleteSavedFilter, listSavedFilters, saveFilter } from './saved-filters.service.ts';

export async function savedFiltersRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['projects'];
  app.get('/saved-filters', { schema: { tags, response: { 200: ZSavedFilterList } } }, async (request) => ({
    items: await listSavedFilters(contextOf(request, db, clock)),
  }));
  app.post('/saved-filters', { schema: { tags, body: ZSaveFilterRequest, response: { 200: ZSavedFilter } } }, async (request) =>
    saveFilter(contextOf(request, db, clock), request.body),
  );
  app.delete('/saved-filters/:id', { schema: { tags, params: ZIdParams, response: { 200: ZOk } } }, async (request) => {
    await deleteSavedFilter(contextOf(request, db, clock), request.params.id);
    return { ok: true as const };
  });
}
