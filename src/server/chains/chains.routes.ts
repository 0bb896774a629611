import { ZIdParams } from '../../shared/common.ts';
import {
  ZAddLinkRequest,
  ZCandidateRejectionList,
  ZChain,
  ZChainGaps,
  ZChainLink,
  ZChainLinkParams,
  ZChainList,
  ZChainMap,
  ZChainMembersRequest,
  ZChainParams,
  ZChainRejectionParams,
  ZChainTemplateList,
  ZCreateChainRequest,
  ZEnterprisePlacementParams,
  ZLinkRecords,
  ZPlacement,
  ZPlacements,
  ZPlaceRequest,
  ZRejectCandidateRequest,
  ZUpdateChainRequest,
  ZUpdateLinkRequest,
} from '../../shared/chains.ts';
import { ZChainGapsQuery } from '../../shared/chain-candidates.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { addLink, createChain, getChain, listChains, listChainTemplates, setChainMembers, updateChain, updateLink } from './chains.service.ts';
import { chainMap, linkRecords } from './chain-map.service.ts';
import { gapsWithCandidates } from './chain-candidates.service.ts';
import {
  confirmPlacement,
  listPlacements,
  listRejections,
  placeOnLink,
  rejectCandidate,
  removeFromLink,
  withdrawRejection,
  type PlacedKind,
} from './chain-placements.service.ts';

/** Industrial chains (issue 14): everyone reads the city's chains and their maps; the bureau edits them. */
export async function chainsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['chains'];
  app.get('/chain-templates', { schema: { tags, response: { 200: ZChainTemplateList } } }, async (request) => {
    contextOf(request, db, clock);
    return { items: await listChainTemplates() };
  });
  app.get('/chains', { schema: { tags, response: { 200: ZChainList } } }, async (request) => ({ items: await listChains(contextOf(request, db, clock)) }));
  app.post('/chains', { schema: { tags, body: ZCreateChainRequest, response: { 200: ZChain } } }, async (request) => createChain(contextOf(request, db, clock), request.body));
  app.get('/chains/:id', { schema: { tags, params: ZChainParams, response: { 200: ZChain } } }, async (request) => getChain(contextOf(request, db, clock), request.params.id));
  app.patch('/chains/:id', { schema: { tags, params: ZChainParams, body: ZUpdateChainRequest, response: { 200: ZChain } } }, async (request) =>
    updateChain(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.put('/chains/:id/members', { schema: { tags, params: ZChainParams, body: ZChainMembersRequest, response: { 200: ZChain } } }, async (request) =>
    setChainMembers(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.post('/chains/:id/links', { schema: { tags, params: ZChainParams, body: ZAddLinkRequest, response: { 200: ZChainLink } } }, async (request) =>
    addLink(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.patch('/chains/:id/links/:linkId', { schema: { tags, params: ZChainLinkParams, body: ZUpdateLinkRequest, response: { 200: ZChainLink } } }, async (request) =>
    updateLink(contextOf(request, db, clock), request.params.id, request.params.linkId, request.body),
  );
  app.get('/chains/:id/map', { schema: { tags, params: ZChainParams, response: { 200: ZChainMap } } }, async (request) => chainMap(contextOf(request, db, clock), request.params.id));
  app.get('/chains/:id/gaps', { schema: { tags, params: ZChainParams, querystring: ZChainGapsQuery, response: { 200: ZChainGaps } } }, async (request) =>
    gapsWithCandidates(contextOf(request, db, clock), request.params.id, request.query.candidates),
  );
  app.get('/chains/:id/links/:linkId/records', { schema: { tags, params: ZChainLinkParams, response: { 200: ZLinkRecords } } }, async (request) =>
    linkRecords(contextOf(request, db, clock), request.params.id, request.params.linkId),
  );
  app.get('/chains/:id/links/:linkId/rejections', { schema: { tags, params: ZChainLinkParams, response: { 200: ZCandidateRejectionList } } }, async (request) => ({
    items: await listRejections(contextOf(request, db, clock), request.params.id, request.params.linkId),
  }));
  app.post(
    '/chains/:id/links/:linkId/rejections',
    { schema: { tags, params: ZChainLinkParams, body: ZRejectCandidateRequest, response: { 200: ZCandidateRejectionList } } },
    async (request) => ({ items: await rejectCandidate(contextOf(request, db, clock), request.params.id, request.params.linkId, request.body) }),
  );
  app.delete(
    '/chains/:id/links/:linkId/rejections/:enterpriseId',
    { schema: { tags, params: ZChainRejectionParams, response: { 200: ZCandidateRejectionList } } },
    async (request) => ({ items: await withdrawRejection(contextOf(request, db, clock), request.params.id, request.params.linkId, request.params.enterpriseId) }),
  );

  // Placements, on the record's own path: a project or a lead sits on one link, an enterprise on several.
  for (const [kind, path] of [
    ['project', 'projects'],
    ['lead', 'leads'],
  ] as [PlacedKind, string][]) {
    app.get(`/${path}/:id/chain-placements`, { schema: { tags, params: ZIdParams, response: { 200: ZPlacements } } }, async (request) =>
      listPlacements(contextOf(request, db, clock), kind, request.params.id),
    );
    app.put(`/${path}/:id/chain-placement`, { schema: { tags, params: ZIdParams, body: ZPlaceRequest, response: { 200: ZPlacements } } }, async (request) =>
      placeOnLink(contextOf(request, db, clock), kind, request.params.id, request.body.linkId),
    );
    app.delete(`/${path}/:id/chain-placement`, { schema: { tags, params: ZIdParams, response: { 200: ZPlacements } } }, async (request) =>
      removeFromLink(contextOf(request, db, clock), kind, request.params.id),
    );
  }
  app.get('/enterprises/:id/chain-placements', { schema: { tags, params: ZIdParams, response: { 200: ZPlacements } } }, async (request) =>
    listPlacements(contextOf(request, db, clock), 'enterprise', request.params.id),
  );
  app.post('/enterprises/:id/chain-placements', { schema: { tags, params: ZIdParams, body: ZPlaceRequest, response: { 200: ZPlacements } } }, async (request) =>
    placeOnLink(contextOf(request, db, clock), 'enterprise', request.params.id, request.body.linkId),
  );
  app.delete('/enterprises/:id/chain-placements/:linkId', { schema: { tags, params: ZEnterprisePlacementParams, response: { 200: ZPlacements } } }, async (request) =>
    removeFromLink(contextOf(request, db, clock), 'enterprise', request.params.id, request.params.linkId),
  );
  app.post('/chain-placements/:id/confirm', { schema: { tags, params: ZIdParams, response: { 200: ZPlacement } } }, async (request) =>
    confirmPlacement(contextOf(request, db, clock), request.params.id),
  );
}
