import { z } from 'zod';
import { ZId } from './common.ts';
import { ZMetricRecord } from './cockpit.ts';
import { ZProjectType } from './projects.ts';
import { PROJECT_STATES } from '../domain/stages.ts';
import { TIER_LIST_CODES } from '../domain/enterprise-tiers.ts';

/**
 * The investment heat map (招商热力图, issue 15): a measure of the caller's unit subtree over a year, by the source
 * region of each record — the investor's ultimate parent's HQ (domain.md §7) — on the world (countries), China
 * (provinces) or inside a division (its cities or counties), with the presets' totals; every cell opens onto the
 * records that make it, adding up to it. Amounts are whole 元 (US dollars for funds arrived from abroad).
 */
const ZName = z.object({ zh: z.string(), en: z.string() });

/** The cockpit's metrics by their keys (the same definitions), and the library's target enterprises. */
export const HEATMAP_MEASURES = [
  'leadsCollected',
  'targetEnterprises',
  'enterprisesVisited',
  'tripCities',
  'signedCount',
  'signedContractYuan',
  'startedCount',
  'fundsArrivedDomesticYuan',
  'fundsArrivedForeignUsd',
] as const;
export const ZHeatmapMeasure = z.enum(HEATMAP_MEASURES);
export type THeatmapMeasure = z.infer<typeof ZHeatmapMeasure>;
export const ZHeatmapLevel = z.enum(['country', 'province', 'city', 'county']);
export type THeatmapLevel = z.infer<typeof ZHeatmapLevel>;

const ZDivisionCode = z.string().regex(/^\d{6}$/);

/**
 * The map's filters beyond period and unit (issue 15): each narrows the figures and their drill-down records alike.
 * `chainId` / `linkId`: confirmed on the chain (on the link or a sub-link of it) — a project or lead by its own
 * placement, a visited or target enterprise by the enterprise's; `tier` (+ `tierYear`): the investor (a lead's, a
 * visit's enterprise, the target itself) on that tier list (that year's list, any year when absent); `stage`,
 * `projectType`, `estimated` (the project's amounts are estimates): projects and their fund entries only.
 */
export function heatmapFilterShape() {
  return {
    chainId: ZId.optional(),
    linkId: ZId.optional(),
    tier: z.enum(TIER_LIST_CODES).optional(),
    tierYear: z.coerce.number().int().min(1900).max(2200).optional(),
    stage: z.enum(PROJECT_STATES).optional(),
    projectType: ZProjectType.optional(),
    estimated: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  };
}
export { HEATMAP_FILTERS, type HeatmapFilter as THeatmapFilter } from '../domain/heatmap/filters.ts';

export const ZHeatmapQuery = z.object({
  measure: ZHeatmapMeasure,
  level: ZHeatmapLevel.default('province'),
  /** The division drilled into: a province for its cities, a city (or a municipality) for its counties. */
  parent: ZDivisionCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100),
  /** A unit in the caller's scope: the map covers its subtree; the caller's unit when absent. */
  unitId: ZId.optional(),
  ...heatmapFilterShape(),
});
export type THeatmapQuery = z.infer<typeof ZHeatmapQuery>;

const ZCellValues = z.object({
  value: z.number(),
  /** Of the measure's whole value for the unit and year, in percent with two decimals ("12.50"); null when that is 0. */
  share: z.string().nullable(),
  /** The same cell over the year before. */
  lastYear: z.number(),
});

export const ZHeatmap = z.object({
  measure: ZHeatmapMeasure,
  unit: z.enum(['count', 'yuan', 'usd']),
  name: ZName,
  year: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  level: ZHeatmapLevel,
  parent: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** The measure over the whole unit subtree and year: the cockpit's figure. The world view's cells add up to it. */
  value: z.number(),
  lastYear: z.number(),
  cells: z.array(
    ZCellValues.extend({
      /**
       * What the cell is, passed back as `cell` to list its records: a GB/T 2260 code, an ISO country code ("CN"
       * holds 香港, 澳门, 台湾), "=<parent>" for records known only as the division drilled into, or "unknown".
       */
      cell: z.string(),
      label: ZName,
    }),
  ),
  /** 京津冀 … 中原城市群, 欧美, 日韩, 东盟, 一带一路: each over every record in it (presets overlap, so they do not add up). */
  presets: z.array(ZCellValues.extend({ key: z.string(), label: ZName })),
  /**
   * The city's priority regions (its plan's list, kept by the bureau), each over every record in it, with the codes it
   * covers so the map can outline them; a cell `priority:<name>` lists its records.
   */
  priorityRegions: z.array(ZCellValues.extend({ key: z.string(), label: ZName, codes: z.array(z.string()) })),
  /** Every division the view is drawn with (China's provinces, a division's children), records or not, by code: its names. */
  regionNames: z.record(z.string(), ZName),
});
export type THeatmap = z.infer<typeof ZHeatmap>;

export const ZHeatmapRecordsQuery = ZHeatmapQuery.extend({
  /** A cell of the view (as the map gave it), `preset:<key>` or `priority:<name>`. */
  cell: z.string().min(1).max(40),
});
export type THeatmapRecordsQuery = z.infer<typeof ZHeatmapRecordsQuery>;

export const ZHeatmapRecord = ZMetricRecord.extend({
  recordKind: z.enum(['project', 'fund', 'trip', 'visit', 'event', 'lead', 'enterprise']),
  /** The source region the record is counted at (GB/T 2260 code or ISO country), null when unknown. */
  sourceRegion: z.string().nullable(),
  sourceRegionName: z.string().nullable(),
});
export type THeatmapRecord = z.infer<typeof ZHeatmapRecord>;
export const ZHeatmapRecords = z.object({
  measure: ZHeatmapMeasure,
  unit: z.enum(['count', 'yuan', 'usd']),
  cell: z.string(),
  label: ZName,
  /** Equal to the cell's number on the map: the sum of the records' contributions. */
  value: z.number(),
  items: z.array(ZHeatmapRecord),
});
export type THeatmapRecords = z.infer<typeof ZHeatmapRecords>;

/** A place a priority region covers: a GB/T 2260 division (province, city or county) or an ISO country (HK, MO, TW are China's). */
const ZPlaceCode = z.string().trim().regex(/^(\d{6}|[A-Za-z]{2})$/, '须为六位行政区划代码或两位国家代码');

/** One of the city's priority regions (重点招商地区): a name in both languages and the places it covers. */
export const ZPriorityRegion = z.object({
  name: z.string().trim().min(1).max(20),
  nameEn: z.string().trim().min(1).max(60),
  codes: z.array(ZPlaceCode).min(1).max(100),
});
export type TPriorityRegion = z.infer<typeof ZPriorityRegion>;
/** The bureau's list (at most 12), in the order the plan names them. */
export const ZPriorityRegions = z.object({ regions: z.array(ZPriorityRegion).max(12) });
export type TPriorityRegions = z.infer<typeof ZPriorityRegions>;
export const ZPriorityRegionsState = ZPriorityRegions.extend({
  /** Each place's name as the screen shows it, by code. */
  placeNames: z.record(z.string(), ZName),
  updatedAt: z.string().nullable(),
});
export type TPriorityRegionsState = z.infer<typeof ZPriorityRegionsState>;
