import { z } from 'zod';
import { ZIdParams, ZOk } from '../../shared/common.ts';
import {
  ZContactPhone,
  ZEnterpriseContact,
  ZEnterpriseContactParams,
  ZEnterpriseContactRequest,
  ZEnterpriseDetail,
  ZEnterpriseNameParams,
  ZEnterpriseOtherName,
  ZEnterpriseOtherNameRequest,
  ZEnterpriseTier,
  ZEnterpriseTierParams,
  ZEnterpriseTierRequest,
} from '../../shared/enterprises.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { getEnterpriseDetail } from './enterprise-detail.service.ts';
import {
  addEnterpriseContact,
  addEnterpriseName,
  addEnterpriseTier,
  deleteEnterpriseContact,
  deleteEnterpriseName,
  deleteEnterpriseTier,
  listEnterpriseContacts,
  readContactPhone,
  updateEnterpriseContact,
  updateEnterpriseName,
  updateEnterpriseTier,
} from './enterprise-library.service.ts';

/** The enterprise library's page, tier entries, other names and contacts (issue 13). */
export async function enterpriseLibraryRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['enterprises'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, clock);

  app.get('/enterprises/:id/detail', { schema: { tags, params: ZIdParams, response: { 200: ZEnterpriseDetail } } }, async (request) =>
    getEnterpriseDetail(ctx(request), request.params.id),
  );

  app.post('/enterprises/:id/tiers', { schema: { tags, params: ZIdParams, body: ZEnterpriseTierRequest, response: { 200: ZEnterpriseTier } } }, async (request) =>
    addEnterpriseTier(ctx(request), request.params.id, request.body),
  );
  app.put(
    '/enterprises/:id/tiers/:tierId',
    { schema: { tags, params: ZEnterpriseTierParams, body: ZEnterpriseTierRequest, response: { 200: ZEnterpriseTier } } },
    async (request) => updateEnterpriseTier(ctx(request), request.params.id, request.params.tierId, request.body),
  );
  app.delete('/enterprises/:id/tiers/:tierId', { schema: { tags, params: ZEnterpriseTierParams, response: { 200: ZOk } } }, async (request) => {
    await deleteEnterpriseTier(ctx(request), request.params.id, request.params.tierId);
    return { ok: true as const };
  });

  app.post(
    '/enterprises/:id/names',
    { schema: { tags, params: ZIdParams, body: ZEnterpriseOtherNameRequest, response: { 200: ZEnterpriseOtherName } } },
    async (request) => addEnterpriseName(ctx(request), request.params.id, request.body),
  );
  app.put(
    '/enterprises/:id/names/:nameId',
    { schema: { tags, params: ZEnterpriseNameParams, body: ZEnterpriseOtherNameRequest, response: { 200: ZEnterpriseOtherName } } },
    async (request) => updateEnterpriseName(ctx(request), request.params.id, request.params.nameId, request.body),
  );
  app.delete('/enterprises/:id/names/:nameId', { schema: { tags, params: ZEnterpriseNameParams, response: { 200: ZOk } } }, async (request) => {
    await deleteEnterpriseName(ctx(request), request.params.id, request.params.nameId);
    return { ok: true as const };
  });

  app.get('/enterprises/:id/contacts', { schema: { tags, params: ZIdParams, response: { 200: z.array(ZEnterpriseContact) } } }, async (request) =>
    listEnterpriseContacts(ctx(request), request.params.id),
  );
  app.post(
    '/enterprises/:id/contacts',
    { schema: { tags, params: ZIdParams, body: ZEnterpriseContactRequest, response: { 200: ZEnterpriseContact } } },
    async (request) => addEnterpriseContact(ctx(request), request.params.id, request.body),
  );
  app.put(
    '/enterprises/:id/contacts/:contactId',
    { schema: { tags, params: ZEnterpriseContactParams, body: ZEnterpriseContactRequest, response: { 200: ZEnterpriseContact } } },
    async (request) => updateEnterpriseContact(ctx(request), request.params.id, request.params.contactId, request.body),
  );
  app.delete('/enterprises/:id/contacts/:contactId', { schema: { tags, params: ZEnterpriseContactParams, response: { 200: ZOk } } }, async (request) => {
    await deleteEnterpriseContact(ctx(request), request.params.id, request.params.contactId);
    return { ok: true as const };
  });
  /** "显示电话": the whole number, written to the audit trail (contact.phoneRead). */
  app.post('/enterprises/:id/contacts/:contactId/phone', { schema: { tags, params: ZEnterpriseContactParams, response: { 200: ZContactPhone } } }, async (request) =>
    readContactPhone(ctx(request), request.params.id, request.params.contactId),
  );
}
