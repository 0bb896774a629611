import { ZIdParams } from '../../shared/common.ts';
import {
  ZDecideVerificationRequest,
  ZResubmitVerificationRequest,
  ZStageVerification,
  ZStageVerificationDetail,
  ZVerificationListQuery,
  ZVerificationPage,
  ZVerificationSettings,
  ZVerificationSettingsState,
} from '../../shared/stage-verifications.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import {
  decideStageVerification,
  getStageVerification,
  getVerificationSettings,
  listStageVerifications,
  resubmitStageVerification,
  setVerificationSettings,
} from './verification.service.ts';

/** Issue 17, 核实: the settings, the queue of reported stage changes, a change with its evidence checks, the decisions. */
export async function verificationRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['verification'];
  app.get('/verification-settings', { schema: { tags, response: { 200: ZVerificationSettingsState } } }, async (request) =>
    getVerificationSettings(contextOf(request, db, clock)),
  );
  app.put('/verification-settings', { schema: { tags, body: ZVerificationSettings, response: { 200: ZVerificationSettingsState } } }, async (request) =>
    setVerificationSettings(contextOf(request, db, clock), request.body),
  );
  app.get('/stage-verifications', { schema: { tags, querystring: ZVerificationListQuery, response: { 200: ZVerificationPage } } }, async (request) =>
    listStageVerifications(contextOf(request, db, clock), request.query),
  );
  app.get('/stage-verifications/:id', { schema: { tags, params: ZIdParams, response: { 200: ZStageVerificationDetail } } }, async (request) =>
    getStageVerification(contextOf(request, db, clock), request.params.id),
  );
  app.post(
    '/stage-verifications/:id/decision',
    { schema: { tags, params: ZIdParams, body: ZDecideVerificationRequest, response: { 200: ZStageVerification } } },
    async (request) => decideStageVerification(contextOf(request, db, clock), request.params.id, request.body),
  );
  app.post(
    '/stage-verifications/:id/resubmit',
    { schema: { tags, params: ZIdParams, body: ZResubmitVerificationRequest, response: { 200: ZStageVerification } } },
    async (request) => resubmitStageVerification(contextOf(request, db, clock), request.params.id, request.body),
  );
}
