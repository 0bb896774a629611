import { ZLocalIndustry, ZLocalIndustryList, ZLocalIndustryParams, ZSaveLocalIndustryRequest } from '../../shared/local-industries.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { createLocalIndustry, listLocalIndustries, updateLocalIndustry } from './local-industries.service.ts';

/** The city's own industry words: everyone reads them (forms, imports), the bureau keeps them. */
export async function localIndustriesRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['localIndustries'];
  app.get('/local-industries', { schema: { tags, response: { 200: ZLocalIndustryList } } }, async (request) => {
    contextOf(request, db, clock);
    return { items: await listLocalIndustries(db) };
  });
  app.post('/local-industries', { schema: { tags, body: ZSaveLocalIndustryRequest, response: { 200: ZLocalIndustry } } }, async (request) =>
    createLocalIndustry(contextOf(request, db, clock), request.body),
  );
  app.put('/local-industries/:id', { schema: { tags, params: ZLocalIndustryParams, body: ZSaveLocalIndustryRequest, response: { 200: ZLocalIndustry } } }, async (request) =>
    updateLocalIndustry(contextOf(request, db, clock), request.params.id, request.body),
  );
}
