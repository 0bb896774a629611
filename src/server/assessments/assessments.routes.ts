import { z } from 'zod';
import { ZAdjustmentInput, ZAdjustmentList, ZAdjustmentsQuery, ZWithdrawAdjustmentRequest, ZScheme, ZSchemeInput, ZSchemeList, ZScores, ZScoresQuery } from '../../shared/assessments.ts';
import { ZId, ZIdParams } from '../../shared/common.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { addAdjustment, listAdjustments, listSchemes, saveScheme, schemeScores, withdrawAdjustment } from './assessments.service.ts';

export async function assessmentsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['assessments'];
  app.get('/assessments', { schema: { tags, response: { 200: ZSchemeList } } }, async (request) => ({ items: await listSchemes(contextOf(request, db, clock)) }));
  app.post('/assessments', { schema: { tags, body: ZSchemeInput, response: { 200: ZScheme } } }, async (request) =>
    saveScheme(contextOf(request, db, clock), null, request.body),
  );
  app.put('/assessments/:id', { schema: { tags, params: ZIdParams, body: ZSchemeInput, response: { 200: ZScheme } } }, async (request) =>
    saveScheme(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.get('/assessments/:id/scores', { schema: { tags, params: ZIdParams, querystring: ZScoresQuery, response: { 200: ZScores } } }, async (request) =>
    schemeScores(contextOf(request, db, clock), request.params.id, request.query),
  );
  app.post('/assessments/:id/adjustments', { schema: { tags, params: ZIdParams, body: ZAdjustmentInput, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request) => {
    await addAdjustment(contextOf(request, db, clock), request.params.id, request.body);
    return { ok: true as const };
  });
  app.get('/assessments/:id/adjustments', { schema: { tags, params: ZIdParams, querystring: ZAdjustmentsQuery, response: { 200: ZAdjustmentList } } }, async (request) => ({
    items: await listAdjustments(contextOf(request, db, clock), request.params.id, request.query.year),
  }));
  const ZAdjustmentParams = z.object({ id: ZId, adjustmentId: ZId });
  app.post(
    '/assessments/:id/adjustments/:adjustmentId/withdraw',
    { schema: { tags, params: ZAdjustmentParams, body: ZWithdrawAdjustmentRequest, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request) => {
      await withdrawAdjustment(contextOf(request, db, clock), request.params.id, request.params.adjustmentId, request.body.reason);
      return { ok: true as const };
    },
  );
}
