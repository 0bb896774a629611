import { describe, expect, it } from 'vitest';
import { HEATMAP_FILTERS, heatmapFiltersOf, heatmapMeasureKind } from './filters.ts';

/** Which filters narrow which heat map measure (issue 15); written for mutation testing's survivors (issue 20). */
describe('heat map filters by measure (issue 15)', () => {
  it('knows what each measure counts', () => {
    expect(heatmapMeasureKind('targetEnterprises')).toBe('enterprise');
    expect(heatmapMeasureKind('tripCities')).toBe('trip');
    expect(heatmapMeasureKind('signedCount')).toBe('project');
    expect(heatmapMeasureKind('fundsArrivedDomesticYuan')).toBe('project');
    expect(heatmapMeasureKind('leadsCollected')).toBe('lead');
    expect(heatmapMeasureKind('leadConversionRate')).toBe('lead');
    expect(heatmapMeasureKind('enterprisesVisited')).toBe('visit');
    expect(heatmapMeasureKind('principalTrips')).toBe('visit');
  });

  it('refuses a measure it does not know, naming it', () => {
    expect(() => heatmapMeasureKind('noSuchMeasure')).toThrow('not a heat map measure: noSuchMeasure');
    expect(() => heatmapFiltersOf('')).toThrow('not a heat map measure: ');
  });

  it('narrows projects by every filter, leads and enterprises by what they have, trips by none', () => {
    expect(heatmapFiltersOf('signedCount')).toEqual(HEATMAP_FILTERS);
    expect(HEATMAP_FILTERS).toEqual(['chainId', 'linkId', 'tier', 'tierYear', 'stage', 'projectType', 'estimated']);
    const partial = ['chainId', 'linkId', 'tier', 'tierYear'];
    expect(heatmapFiltersOf('leadsCollected')).toEqual(partial);
    expect(heatmapFiltersOf('enterprisesVisited')).toEqual(partial);
    expect(heatmapFiltersOf('targetEnterprises')).toEqual(partial);
    expect(heatmapFiltersOf('tripCities')).toEqual([]);
  });
});
