import type { ServiceContext } from '../context.ts';
import { asc } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import { chains } from '../db/schema.ts';
import { listUnits } from '../units/units.service.ts';
import { findIndustry, industryPrefixes } from '../industries/industries.service.ts';
import { regionName } from '../regions/regions.service.ts';
import { targetsOfUnits } from '../targets/targets.service.ts';
import { metricBreakdown, metricGroups, metricRecords, metricScope, metricsByKeys, metricTotals } from '../metrics/metrics.service.ts';
import type { MetricGrouping } from '../projects/metrics.queries.ts';
import { isSummable, METRICS, samePeriodLastYear, type MetricDefinition } from '../../domain/metrics.ts';
import { completionPercent, growthPercent, type BulletinFigure } from '../../domain/bulletin.ts';
import { STATE_NAMES, type ProjectState } from '../../domain/stages.ts';
import { countryName } from '../../domain/countries.ts';
import type { TBreakdown, TBreakdownDimension, TCockpit, TCockpitQuery, TIndustryLevel, TMetricRecords, TTrend } from '../../shared/cockpit.ts';
import { englishIndustryName } from '../../domain/industry-names-en.ts';

/**
 * The leaders' cockpit (驾驶舱, issue 5): every number comes from the metric catalogue over the chosen period and
 * unit subtree, and opens onto the records behind it (`records`), whose contributions add up to it.
 */
const figure = (value: number): BulletinFigure => ({ kind: 'count', count: value, measure: '' });

export async function cockpit(ctx: ServiceContext, query: TCockpitQuery): Promise<TCockpit> {
  // 统计口径 (issue 17): ?counting=reported|confirmed counts either way, so a screen can show both side by side.
  const scope = await metricScope(ctx, query.unitId, { from: query.from, to: query.to }, query.counting);
  const lastYear = samePeriodLastYear(scope.period);
  const [now, before] = await Promise.all([metricTotals(ctx, METRICS, scope), metricTotals(ctx, METRICS, { ...scope, period: lastYear })]);
  // 待甄别 (issue 17): with the pairs under review held out, what they would add to each card, shown beside it.
  const all = scope.rules.holdOutUnderReview ? await metricTotals(ctx, METRICS, { ...scope, rules: { ...scope.rules, holdOutUnderReview: false } }) : now;
  const targetYear = query.from.slice(0, 4) === query.to.slice(0, 4) ? Number(query.from.slice(0, 4)) : null;
  const targets = targetYear ? ((await targetsOfUnits(ctx, targetYear, [scope.unit.id])).get(scope.unit.id) ?? new Map<string, number>()) : new Map<string, number>();
  return {
    from: query.from,
    to: query.to,
    unitId: scope.unit.id,
    unitName: scope.unitName,
    lastYear,
    targetYear,
    kpis: METRICS.map((m, i) => {
      const value = now[i] ?? 0;
      const lastYearValue = before[i] ?? 0;
      const target = isSummable(m) ? (targets.get(m.key) ?? null) : null;
      return {
        key: m.key,
        unit: m.unit,
        name: m.name,
        definition: m.definition,
        value,
        lastYear: lastYearValue,
        // A rate's change is in points, not a growth percentage.
        growth: isSummable(m) ? growthPercent(figure(value), figure(lastYearValue)) : null,
        summable: isSummable(m),
        empty: now[i] === null,
        lastYearEmpty: before[i] === null,
        target,
        completion: target ? completionPercent(figure(value), figure(target)) : null,
        heldOut: isSummable(m) ? (all[i] ?? 0) - value : 0,
      };
    }),
  };
}

export async function trend(ctx: ServiceContext, query: { key: string; year: number; unitId?: number; counting?: 'reported' | 'confirmed' }): Promise<TTrend> {
  const [metric] = metricsByKeys(query.key, 'key');
  const scope = await metricScope(ctx, query.unitId, { from: `${query.year - 1}-01-01`, to: `${query.year}-12-31` }, query.counting);
  const months = await metricGroups(ctx, [metric!], scope, 'month');
  const valueOf = (year: number, month: number) => months.get(`${year}-${String(month).padStart(2, '0')}`)?.[0] ?? 0;
  return {
    key: metric!.key,
    unit: metric!.unit,
    name: metric!.name,
    year: query.year,
    months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, value: valueOf(query.year, i + 1), lastYear: valueOf(query.year - 1, i + 1) })),
  };
}

const GROUPING: Record<TBreakdownDimension, MetricGrouping> = { unit: 'unit', industry: 'division', region: 'province', stage: 'stage', chain: 'chain' };

type Row = TBreakdown['rows'][number];

export async function breakdown(ctx: ServiceContext, query: TCockpitQuery & { key: string; by: TBreakdownDimension; industryLevel?: TIndustryLevel }): Promise<TBreakdown> {
  const [metric] = metricsByKeys(query.key, 'key');
  const scope = await metricScope(ctx, query.unitId, { from: query.from, to: query.to }, query.counting);
  // One statement: the groups, and the unit's figure rolled up from them (issue 19).
  const grouping = query.by === 'industry' && query.industryLevel === 'group' ? 'industryGroup' : GROUPING[query.by];
  const { groups, total: [total] } = await metricBreakdown(ctx, [metric!], scope, grouping);
  const value = (group: string) => groups.get(group)?.[0] ?? 0;
  let rows: Row[];
  if (query.by === 'unit') {
    const children = (await listUnits(ctx)).filter((u) => u.parentId === scope.unit.id);
    rows = children.map((u) => ({ group: String(u.id), label: { zh: u.name, en: u.name }, value: value(String(u.id)) }));
    if (groups.has('')) rows.unshift({ group: 'self', label: { zh: `${scope.unitName}（本级）`, en: `${scope.unitName} (itself)` }, value: value('') });
  } else if (query.by === 'industry') {
    rows = query.industryLevel && query.industryLevel !== 'section' ? [...groups].map(([code, [v]]) => ({ group: code || 'unknown', label: industryLabel(code), value: v ?? 0 })) : foldIndustries(groups, metric!);
  } else if (query.by === 'chain') {
    rows = await chainRows(ctx, groups);
  } else if (query.by === 'region') {
    rows = [...groups.keys()].map((code) => ({
      group: code || 'unknown',
      label: code ? { zh: regionName(code) ?? code, en: countryName(code)?.en ?? regionName(code) ?? code } : { zh: '未填总部', en: 'No headquarters recorded' },
      value: value(code),
    }));
  } else {
    rows = [...groups.keys()].map((stage) => ({ group: stage, label: STATE_NAMES[stage as ProjectState] ?? { zh: stage, en: stage }, value: value(stage) }));
  }
  // Units and chains are all listed, with nothing in them or not (a chain with nothing signed is worth seeing).
  const shown = rows.filter((r) => query.by === 'unit' || query.by === 'chain' || r.value !== 0);
  if (query.by !== 'unit' && query.by !== 'chain') shown.sort((a, b) => b.value - a.value || a.group.localeCompare(b.group));
  return { key: metric!.key, unit: metric!.unit, by: query.by, value: total ?? 0, rows: shown };
}

/**
 * By chain (issue 14): every active chain in the bureau's order (a retired one only while something counts on it),
 * then 未归链 — the projects on no chain, or only suggested for one — so the rows add up to the unit's figure.
 */
async function chainRows(ctx: ServiceContext, groups: Map<string, (number | null)[]>): Promise<Row[]> {
  const value = (group: string) => groups.get(group)?.[0] ?? 0;
  const all = await ctx.db.select({ id: chains.id, name: chains.name, nameEn: chains.nameEn, active: chains.active }).from(chains).orderBy(asc(chains.position), asc(chains.id));
  const rows: Row[] = all
    .filter((c) => c.active || groups.has(String(c.id)))
    .map((c) => ({ group: String(c.id), label: { zh: c.name, en: c.nameEn }, value: value(String(c.id)) }));
  if (groups.has('')) rows.push({ group: 'none', label: { zh: '未归链', en: 'On no chain' }, value: value('') });
  return rows;
}

/** Divisions (two digits) folded into their sections (A–T); a rate cannot be added up, so it is left per division. */
function foldIndustries(groups: Map<string, (number | null)[]>, metric: MetricDefinition): Row[] {
  const sections = new Map<string, number>();
  for (const [division, [value]] of groups) {
    const section = division === '' ? 'unknown' : (findIndustry(division)?.section ?? division);
    sections.set(section, (sections.get(section) ?? 0) + (value ?? 0));
  }
  if (metric.unit === 'percent') {
    return [...groups].map(([division, [value]]) => ({ group: division || 'unknown', label: industryLabel(division), value: value ?? 0 }));
  }
  return [...sections].map(([section, value]) => ({ group: section, label: industryLabel(section === 'unknown' ? '' : section), value }));
}

function industryLabel(code: string) {
  if (!code) return { zh: '未填行业', en: 'No industry recorded' };
  const name = findIndustry(code)?.name ?? code;
  return { zh: `${code} ${name}`, en: `${code} ${englishIndustryName(code, name)}` };
}

/** The SQL group keys a breakdown row stands for. */
function groupKeys(by: TBreakdownDimension, group: string): string[] {
  if (group === 'unknown' || group === 'self' || group === 'none') return [''];
  if (by === 'industry') return industryPrefixes(group).map((code) => code.slice(0, 3));
  return [group];
}

/** The grouping a breakdown row's records are found by: a 中类 row (3 digits) by the codes' first three digits. */
function recordsGrouping(by: TBreakdownDimension, group: string): MetricGrouping {
  return by === 'industry' && /^\d{3}$/.test(group) ? 'industryGroup' : GROUPING[by];
}

export async function records(ctx: ServiceContext, query: TCockpitQuery & { key: string; by?: TBreakdownDimension; group?: string }): Promise<TMetricRecords> {
  const [metric] = metricsByKeys(query.key, 'key');
  if (!!query.by !== !!query.group) throw new AppError('validation.invalid', { field: query.by ? 'group' : 'by', params: { detail: '分组与分组值须同时给出' } });
  const scope = await metricScope(ctx, query.unitId, { from: query.from, to: query.to }, query.counting);
  const group = query.by && query.group ? { grouping: recordsGrouping(query.by, query.group), keys: groupKeys(query.by, query.group) } : null;
  const rows = await metricRecords(ctx, metric!, scope, group);
  // Added in hundredths: a split credit's share of a project (0.3) sums exactly, as the figure's own SQL does.
  const hundredths = rows.reduce((total, r) => total + Math.round(r.contribution * 100), 0);
  const weight = rows.reduce((total, r) => total + r.creditPercent, 0);
  return {
    key: metric!.key,
    unit: metric!.unit,
    name: metric!.name,
    value: metric!.unit === 'percent' ? (weight === 0 ? 0 : hundredths / weight) : hundredths / 100,
    items: rows.map(({ label, ...r }) => ({ ...r, projectName: label })),
  };
}
