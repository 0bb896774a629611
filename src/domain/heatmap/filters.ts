import { isActivitySpec, METRICS } from '../metrics.ts';

/**
 * The heat map's filters beyond period and unit (issue 15), and which of them a measure can be narrowed by: projects
 * (and their fund entries) by all; leads, visited and target enterprises by chain, link and tier (what they have);
 * trips by none (a trip is on no chain and has no investor).
 */
export const HEATMAP_FILTERS = ['chainId', 'linkId', 'tier', 'tierYear', 'stage', 'projectType', 'estimated'] as const;
export type HeatmapFilter = (typeof HEATMAP_FILTERS)[number];

/** What a measure counts, as far as the filters go. */
export type HeatmapMeasureKind = 'project' | 'lead' | 'visit' | 'enterprise' | 'trip';

export function heatmapMeasureKind(measure: string): HeatmapMeasureKind {
  if (measure === 'targetEnterprises') return 'enterprise';
  if (measure === 'tripCities') return 'trip';
  const spec = METRICS.find((m) => m.key === measure)?.spec;
  if (!spec) throw new Error(`not a heat map measure: ${measure}`);
  if (!isActivitySpec(spec)) return 'project';
  return spec.kind === 'leads' ? 'lead' : 'visit';
}

const APPLIES: Record<HeatmapMeasureKind, readonly HeatmapFilter[]> = {
  project: HEATMAP_FILTERS,
  lead: ['chainId', 'linkId', 'tier', 'tierYear'],
  visit: ['chainId', 'linkId', 'tier', 'tierYear'],
  enterprise: ['chainId', 'linkId', 'tier', 'tierYear'],
  trip: [],
};

/** The filters a measure can be narrowed by; the API refuses any other, naming it. */
export function heatmapFiltersOf(measure: string): readonly HeatmapFilter[] {
  return APPLIES[heatmapMeasureKind(measure)];
}
