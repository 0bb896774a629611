import { ZMetricsQuery, ZMetricValues, ZScopeRules, ZScopeRulesState } from '../../shared/metrics.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { metricValues, scopeRules, setScopeRules } from './metrics.service.ts';

export async function metricsRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['metrics'];
  app.get('/metrics', { schema: { tags, querystring: ZMetricsQuery, response: { 200: ZMetricValues } } }, async (request) =>
    metricValues(contextOf(request, db, clock), request.query),
  );
  app.get('/metrics/rules', { schema: { tags, response: { 200: ZScopeRulesState } } }, async (request) => scopeRules(contextOf(request, db, clock)));
  app.put('/metrics/rules', { schema: { tags, body: ZScopeRules, response: { 200: ZScopeRulesState } } }, async (request) =>
    setScopeRules(contextOf(request, db, clock), request.body),
  );
}
