import { ZBreakdown, ZBreakdownQuery, ZCockpit, ZCockpitOverview, ZCockpitQuery, ZMetricRecords, ZMetricRecordsQuery, ZTrend, ZTrendQuery } from '../../shared/cockpit.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { breakdown, cockpit, records, trend } from './cockpit.service.ts';
import { overview } from './overview.service.ts';

export async function cockpitRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['cockpit'];
  app.get('/cockpit', { schema: { tags, querystring: ZCockpitQuery, response: { 200: ZCockpit } } }, async (request) =>
    cockpit(contextOf(request, db, clock), request.query),
  );
  app.get('/cockpit/overview', { schema: { tags, querystring: ZCockpitQuery, response: { 200: ZCockpitOverview } } }, async (request) =>
    overview(contextOf(request, db, clock), request.query),
  );
  app.get('/cockpit/trend', { schema: { tags, querystring: ZTrendQuery, response: { 200: ZTrend } } }, async (request) =>
    trend(contextOf(request, db, clock), request.query),
  );
  app.get('/cockpit/breakdown', { schema: { tags, querystring: ZBreakdownQuery, response: { 200: ZBreakdown } } }, async (request) =>
    breakdown(contextOf(request, db, clock), request.query),
  );
  app.get('/cockpit/records', { schema: { tags, querystring: ZMetricRecordsQuery, response: { 200: ZMetricRecords } } }, async (request) =>
    records(contextOf(request, db, clock), request.query),
  );
}
