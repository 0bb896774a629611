import { z } from 'zod';
import { ZId } from './common.ts';
import { ZMetricsQuery } from './metrics.ts';

/**
 * The leaders' cockpit (驾驶舱 / 数说, issue 5): KPI cards, monthly trends, breakdowns and the records behind
 * every number. Amounts are whole 元 (or US dollars for `usd` metrics); a rate's value is a fraction 0..1.
 */
const ZName = z.object({ zh: z.string(), en: z.string() });
const ZMetricUnit = z.enum(['count', 'yuan', 'usd', 'percent', 'days']);

export const ZCockpitQuery = ZMetricsQuery.omit({ keys: true });
export type TCockpitQuery = z.infer<typeof ZCockpitQuery>;

export const ZCockpitKpi = z.object({
  key: z.string(),
  unit: ZMetricUnit,
  name: ZName,
  definition: ZName,
  value: z.number(),
  /** The same period one year earlier. */
  lastYear: z.number(),
  /** Growth over last year in percent, two decimals ("8.08"); null when last year was zero or the metric is no sum. */
  growth: z.string().nullable(),
  /** A sum or count (growth in percent); a rate or a median is not (a rate compares in points). */
  summable: z.boolean(),
  /** No value at all: a rate over no projects, a median over nothing ("—", not 0). */
  empty: z.boolean(),
  lastYearEmpty: z.boolean(),
  /** The unit's target for the year, when the period lies within one year and a target is set. */
  target: z.number().int().nullable(),
  /** value ÷ target in percent, two decimals ("37.22"). */
  completion: z.string().nullable(),
  /** 待甄别 (issue 17): what projects held out while their pair is under review would add to `value`; 0 when none. */
  heldOut: z.number(),
});
export type TCockpitKpi = z.infer<typeof ZCockpitKpi>;

export const ZCockpit = z.object({
  from: z.string(),
  to: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  lastYear: z.object({ from: z.string(), to: z.string() }),
  /** The year whose targets the cards compare with (null when the period spans two years). */
  targetYear: z.number().int().nullable(),
  kpis: z.array(ZCockpitKpi),
});
export type TCockpit = z.infer<typeof ZCockpit>;

export const ZTrendQuery = z.object({
  key: z.string().max(50),
  year: z.coerce.number().int().min(2000).max(2100),
  unitId: ZId.optional(),
  /** 统计口径 (issue 17), as the cards: as recorded or confirmed only; absent, as the verification settings say. */
  counting: z.enum(['reported', 'confirmed']).optional(),
});
export const ZTrend = z.object({
  key: z.string(),
  unit: ZMetricUnit,
  name: ZName,
  year: z.number().int(),
  /** Twelve months: the month's own value this year and last year (rates: the month's cohort). */
  months: z.array(z.object({ month: z.number().int(), value: z.number(), lastYear: z.number() })),
});
export type TTrend = z.infer<typeof ZTrend>;

export const ZBreakdownDimension = z.enum(['unit', 'industry', 'region', 'stage', 'chain']);
export type TBreakdownDimension = z.infer<typeof ZBreakdownDimension>;

/** How deep the industry breakdown goes (issue 16): GB/T 4754's 门类 (A–T), 大类 (2 digits) or 中类 (3 digits). */
export const ZIndustryLevel = z.enum(['section', 'division', 'group']);
export type TIndustryLevel = z.infer<typeof ZIndustryLevel>;

export const ZBreakdownQuery = ZCockpitQuery.extend({
  key: z.string().max(50),
  by: ZBreakdownDimension,
  /** By industry only: the level its rows are (门类 when not given). */
  industryLevel: ZIndustryLevel.optional(),
});
export const ZBreakdown = z.object({
  key: z.string(),
  unit: ZMetricUnit,
  by: ZBreakdownDimension,
  /** The metric over the whole unit and period; the rows of a count or sum add up to it. */
  value: z.number(),
  rows: z.array(
    z.object({
      /**
       * What the row groups by: a child unit's id (or the unit itself: "self"), an industry's code at the chosen
       * level (a section letter A–T, a division's 2 digits or a group's 3; a project coded only to its division
       * stands under the division's code among the groups),
       * a province's region code (or "unknown"), a stage key, a chain's id (or "none": 未归链, on no chain). Passed
       * back as `group` to list the records.
       */
      group: z.string(),
      label: ZName,
      value: z.number(),
    }),
  ),
});
export type TBreakdown = z.infer<typeof ZBreakdown>;

export const ZMetricRecordsQuery = ZCockpitQuery.extend({
  key: z.string().max(50),
  by: ZBreakdownDimension.optional(),
  group: z.string().max(20).optional(),
});
export const ZMetricRecord = z.object({
  /** What the record is: a project or a fund entry for the project metrics; a trip, visit, event or lead otherwise. */
  recordKind: z.enum(['project', 'fund', 'trip', 'visit', 'event', 'lead']),
  recordId: z.number().int(),
  /** The project the record is, or concerns (a visit about it, a lead converted into it); null when none. */
  projectId: z.number().int().nullable(),
  /** The project's name (its code name when confidential and of another unit), or the record's own label. */
  projectName: z.string(),
  confidential: z.boolean(),
  unitId: z.number().int(),
  unitName: z.string(),
  /** The project's stage; null for trips, visits, events and leads. */
  stage: z.string().nullable(),
  /** The date that places the record in the period (signed on, started on, the fund's arrival, the trip's start …). */
  date: z.string().nullable(),
  /**
   * What the record adds to the number: 1 for a count, its amount for a sum; for a rate, 1 when it reached the stage
   * — a project whose credit is split with its 首报单位 adds its share (0.5 of a project, half its amount).
   */
  contribution: z.number(),
  fundId: z.number().int().nullable(),
  /** How much of the project the number credits, in percent: 100 unless its credit is split with its 首报单位. */
  creditPercent: z.number().int().min(0).max(100),
  /** Whether the caller may open the project: a 首报单位 sees its credit for another unit's project, not the project. */
  openable: z.boolean(),
});
export type TMetricRecord = z.infer<typeof ZMetricRecord>;
export const ZMetricRecords = z.object({
  key: z.string(),
  unit: ZMetricUnit,
  name: ZName,
  /** Equal to the number clicked: the sum of contributions (a rate: their sum ÷ the number of records). */
  value: z.number(),
  items: z.array(ZMetricRecord),
});
export type TMetricRecords = z.infer<typeof ZMetricRecords>;

/**
 * The cockpit's first screen (issue 16): the bureau's hero metrics, the caller's (or chosen unit's) child units
 * ranked by their hero completion, and what is overdue — each alert a count of the list it opens.
 */
export const ZCockpitOverview = z.object({
  /** The hero metric keys in the bureau's order (their figures are the matching `kpis` of GET /cockpit). */
  heroes: z.array(z.string()),
  /** Whether the bureau has chosen them (false: the defaults). */
  heroesChosen: z.boolean(),
  /** The year whose targets the ranking compares with (null when the period spans two years: no ranking). */
  targetYear: z.number().int().nullable(),
  ranking: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      /** Mean of value ÷ target over the heroes with a target, two decimals; null without any. */
      completion: z.string().nullable(),
      rank: z.number().int().nullable(),
      heroes: z.array(
        z.object({ key: z.string(), value: z.number(), target: z.number().int().nullable(), completion: z.string().nullable() }),
      ),
    }),
  ),
  alerts: z.object({
    /** Projects whose next deadline is past (the 督办 list, status 逾期). */
    overdueDeadlines: z.number().int(),
    /** Projects whose next deadline is due soon (the 督办 list, status 临期). */
    dueSoonDeadlines: z.number().int(),
    /** Open problems past their due date (the problems list, 逾期). */
    overdueProblems: z.number().int(),
  }),
});
export type TCockpitOverview = z.infer<typeof ZCockpitOverview>;
