import { ZHeatmap, ZHeatmapQuery, ZHeatmapRecords, ZHeatmapRecordsQuery, ZPriorityRegions, ZPriorityRegionsState } from '../../shared/heatmap.ts';
import type { AppDeps, ZApp } from '../deps.ts';
import { contextOf } from '../http/request-context.ts';
import { heatmap, heatmapRecords } from './heatmap.service.ts';
import { priorityRegions, setPriorityRegions } from './priority-regions.service.ts';

/** The investment heat map (issue 15): a measure by source region within the caller's subtree, and any cell's records. */
export async function heatmapRoutes(app: ZApp, { db, clock }: AppDeps) {
  const tags = ['heatmap'];
  app.get('/heatmap', { schema: { tags, querystring: ZHeatmapQuery, response: { 200: ZHeatmap } } }, async (request) =>
    heatmap(contextOf(request, db, clock), request.query),
  );
  app.get('/heatmap/records', { schema: { tags, querystring: ZHeatmapRecordsQuery, response: { 200: ZHeatmapRecords } } }, async (request) =>
    heatmapRecords(contextOf(request, db, clock), request.query),
  );
  // The city's priority regions: everyone reads the plan's list; the bureau replaces it (audited).
  app.get('/heatmap/priority-regions', { schema: { tags, response: { 200: ZPriorityRegionsState } } }, async (request) =>
    priorityRegions(contextOf(request, db, clock)),
  );
  app.put('/heatmap/priority-regions', { schema: { tags, body: ZPriorityRegions, response: { 200: ZPriorityRegionsState } } }, async (request) =>
    setPriorityRegions(contextOf(request, db, clock), request.body),
  );
}
