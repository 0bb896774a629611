import { ZIdParams } from '../../shared/common.ts';
import {
  ZEnterpriseMerge,
  ZEnterpriseMergeList,
  ZEnterpriseMergePreview,
  ZEnterpriseMergePreviewQuery,
  ZEnterpriseMergeRequest,
  ZUndoEnterpriseMergeRequest,
} from '../../shared/enterprise-merges.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { listEnterpriseMerges, mergeEnterprises, previewEnterpriseMerge, undoEnterpriseMerge } from './enterprise-merge.service.ts';

/** Merging duplicate records of one enterprise and undoing it (issue 13; the bureau only). */
export async function enterpriseMergeRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['enterprises'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, clock);

  app.get('/enterprises/:id/merge-preview', { schema: { tags, params: ZIdParams, querystring: ZEnterpriseMergePreviewQuery, response: { 200: ZEnterpriseMergePreview } } }, async (request) =>
    previewEnterpriseMerge(ctx(request), request.params.id, request.query.mergedId),
  );
  app.get('/enterprises/:id/merges', { schema: { tags, params: ZIdParams, response: { 200: ZEnterpriseMergeList } } }, async (request) =>
    listEnterpriseMerges(ctx(request), request.params.id),
  );
  app.post('/enterprises/:id/merges', { schema: { tags, params: ZIdParams, body: ZEnterpriseMergeRequest, response: { 200: ZEnterpriseMerge } } }, async (request) =>
    mergeEnterprises(ctx(request), request.params.id, request.body),
  );
  app.post('/enterprise-merges/:id/undo', { schema: { tags, params: ZIdParams, body: ZUndoEnterpriseMergeRequest, response: { 200: ZEnterpriseMerge } } }, async (request) =>
    undoEnterpriseMerge(ctx(request), request.params.id, request.body),
  );
}
