import { ZChainLinkParams } from '../../shared/chains.ts';
import { ZCandidateList, ZCandidateListQuery, ZCandidateWeightsSetting, ZPutCandidateWeightsRequest } from '../../shared/chain-candidates.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { getWeightsSetting, linkCandidates, putWeights } from './chain-candidates.service.ts';

/** Whom to attract (招谁, issue 14): a link's candidates for whoever reads the chain; the city's weights, the bureau's. */
export async function chainCandidatesRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['chains'];
  app.get(
    '/chains/:id/links/:linkId/candidates',
    { schema: { tags, params: ZChainLinkParams, querystring: ZCandidateListQuery, response: { 200: ZCandidateList } } },
    async (request) => linkCandidates(contextOf(request, db, clock), request.params.id, request.params.linkId, request.query.limit),
  );
  app.get('/chain-candidate-weights', { schema: { tags, response: { 200: ZCandidateWeightsSetting } } }, async (request) => getWeightsSetting(contextOf(request, db, clock)));
  app.put('/chain-candidate-weights', { schema: { tags, body: ZPutCandidateWeightsRequest, response: { 200: ZCandidateWeightsSetting } } }, async (request) =>
    putWeights(contextOf(request, db, clock), request.body),
  );
}
