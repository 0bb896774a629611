import { ZMetricsQuery, ZMetricValues } from '../../shared/metrics.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { metricValues } from './metrics.service.ts';

export async function metricsRoutes(app: ZApp, { db, clock }: AppDeps) {
  app.get('/metrics', { schema: { tags: ['metrics'], querystring: ZMetricsQuery, response: { 200: ZMetricValues } } }, async (request) =>
    metricValues(contextOf(request, db, clock), request.query),
  );
}
