import { ZIdParams } from '../../shared/common.ts';
import {
  ZDuplicateClaim,
  ZDuplicateClaimListQuery,
  ZDuplicateClaimPage,
  ZMergeClaimRequest,
  ZNotDuplicateRequest,
  ZProjectDuplicateReview,
  ZSplitCreditRequest,
  ZUndoProjectMergeRequest,
} from '../../shared/duplicate-claims.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { listDuplicateClaims, markNotDuplicate, projectDuplicateReview, splitDuplicateCredit } from './duplicate-claims.service.ts';
import { mergeDuplicateClaim, undoProjectMerge } from './project-merge.service.ts';

/** Issue 17: the bureau's 甄别 queue, its decisions, and a unit's view of its own project's review. */
export async function duplicateClaimsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['duplicates'];
  app.get('/duplicate-claims', { schema: { tags, querystring: ZDuplicateClaimListQuery, response: { 200: ZDuplicateClaimPage } } }, async (request) =>
    listDuplicateClaims(contextOf(request, db, clock), request.query),
  );
  app.post(
    '/duplicate-claims/:id/not-duplicate',
    { schema: { tags, params: ZIdParams, body: ZNotDuplicateRequest, response: { 200: ZDuplicateClaim } } },
    async (request) => markNotDuplicate(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.post(
    '/duplicate-claims/:id/split-credit',
    { schema: { tags, params: ZIdParams, body: ZSplitCreditRequest, response: { 200: ZDuplicateClaim } } },
    async (request) => splitDuplicateCredit(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.post(
    '/duplicate-claims/:id/merge',
    { schema: { tags, params: ZIdParams, body: ZMergeClaimRequest, response: { 200: ZDuplicateClaim } } },
    async (request) => mergeDuplicateClaim(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.post(
    '/project-merges/:id/undo',
    { schema: { tags, params: ZIdParams, body: ZUndoProjectMergeRequest, response: { 200: ZDuplicateClaim } } },
    async (request) => undoProjectMerge(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.get('/projects/:id/duplicate-review', { schema: { tags, params: ZIdParams, response: { 200: ZProjectDuplicateReview } } }, async (request) =>
    projectDuplicateReview(contextOf(request, db, clock), request.params.id),
  );
}
