import { ZIdParams } from '../../shared/common.ts';
import { ZConvertLeadRequest, ZCreateLeadRequest, ZDuplicates, ZDuplicatesQuery, ZLead, ZLeadListQuery, ZLeadPage, ZMoveLeadRequest, ZUpdateLeadRequest } from '../../shared/leads.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { convertLead, createLead, findDuplicates, getLead, listLeads, moveLead, updateLead } from './leads.service.ts';

export async function leadsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['leads'];
  app.get('/leads', { schema: { tags, querystring: ZLeadListQuery, response: { 200: ZLeadPage } } }, async (request) => listLeads(contextOf(request, db, clock), request.query));
  app.post('/leads', { schema: { tags, body: ZCreateLeadRequest, response: { 200: ZLead } } }, async (request) => createLead(contextOf(request, db, clock), request.body));
  app.get('/leads/:id', { schema: { tags, params: ZIdParams, response: { 200: ZLead } } }, async (request) => getLead(contextOf(request, db, clock), request.params.id));
  app.patch('/leads/:id', { schema: { tags, params: ZIdParams, body: ZUpdateLeadRequest, response: { 200: ZLead } } }, async (request) =>
    updateLead(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.post('/leads/:id/state', { schema: { tags, params: ZIdParams, body: ZMoveLeadRequest, response: { 200: ZLead } } }, async (request) =>
    moveLead(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.post('/leads/:id/convert', { schema: { tags, params: ZIdParams, body: ZConvertLeadRequest, response: { 200: ZLead } } }, async (request) =>
    convertLead(contextOf(request, db, clock), request.params.id, request.body),
  );
  // Before a lead or a project is recorded: what may already be the same enterprise anywhere in the city.
  app.get('/duplicates', { schema: { tags, querystring: ZDuplicatesQuery, response: { 200: ZDuplicates } } }, async (request) => ({
    items: await findDuplicates(contextOf(request, db, clock), request.query),
  }));
}
