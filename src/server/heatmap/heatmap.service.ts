import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { enterprises, leaderLevels, leads, projects, trips, visits } from '../db/schema.ts';
import { inUnitSubtree } from '../db/unit-groups.ts';
import { unitNames } from '../units/units.service.ts';
import { allRegions, findRegion } from '../regions/regions.service.ts';
import { englishDivisionName } from '../../domain/heatmap/english-names.ts';
import { priorityRegionPresets } from './priority-regions.service.ts';
import { currentPresetKey, regionPresets } from '../regions/region-presets.ts';
import { metricGroups, metricRecords, metricScope, type MetricRecord } from '../metrics/metrics.service.ts';
import type { MetricScope } from '../projects/metrics.queries.ts';
import { isActivitySpec, metric as metricOf, samePeriodLastYear } from '../../domain/metrics.ts';
import { percentText } from '../../domain/rates.ts';
import { heatmapMeasureKind } from '../../domain/heatmap/filters.ts';
import { BELT_AND_ROAD, CHINA, cellOf, presetsOf, UNKNOWN, type DivisionIndex, type MapView } from '../../domain/heatmap/regions.ts';
import type { RegionPreset } from '../../domain/chains/candidates.ts';
import { leadsMeeting, resolveFilters, visitsMeeting, type ResolvedFilters } from './heatmap-filters.ts';
import type { THeatmap, THeatmapMeasure, THeatmapQuery, THeatmapRecord, THeatmapRecords, THeatmapRecordsQuery } from '../../shared/heatmap.ts';

/**
 * The investment heat map (issue 15). A measure's records are the cockpit's own (`metricRecords`: the catalogue's
 * definition, the caller's scope, split credits), each placed at its source region — the investor's ultimate
 * parent's HQ — and rolled up by the domain (src/domain/heatmap/regions.ts). A cell's records are the same records
 * filtered to it, so the list adds up to the number by construction.
 */
type HeatRecord = Omit<MetricRecord, 'recordKind'> & { recordKind: THeatmapRecord['recordKind'] };
type Placed = HeatRecord & { place: string | null };

const NAMES: Record<'targetEnterprises' | 'tripCities', { zh: string; en: string }> = {
  targetEnterprises: { zh: '目标企业（企业库，非本地）', en: 'Target enterprises (library, not local)' },
  tripCities: { zh: '外出招商所到城市（城市次）', en: 'Cities visited on trips (city visits)' },
};

let divisions: DivisionIndex | undefined;
function divisionIndex(): DivisionIndex {
  return (divisions ??= new Map(allRegions().map((r) => [r.code, { code: r.code, parentCode: r.parentCode }])));
}

/** The presets of data/region-presets.json, then 一带一路. */
function presets(): RegionPreset[] {
  return [...regionPresets().values(), BELT_AND_ROAD];
}

function viewOf(query: Pick<THeatmapQuery, 'level' | 'parent'>): MapView {
  if (query.level === 'country' || query.level === 'province') {
    if (query.parent) throw new AppError('validation.invalid', { field: 'parent', params: { detail: '世界与全国视图不取上级区划' } });
    return { level: query.level };
  }
  const parent = query.parent ? findRegion(query.parent) : undefined;
  if (!parent) throw new AppError('validation.invalid', { field: 'parent', params: { detail: '请给出所下钻的区划代码' } });
  return { level: query.level, parent: parent.code };
}

/**
 * Each enterprise's source region: its ultimate parent's HQ, or the HQ nearest below it — as stored on the enterprise
 * (`source_region_code`, kept by the database's triggers whenever an HQ or the group tree changes; migration 0050), so
 * placing 20,000 investors is one look-up by id, not a walk up each group tree.
 */
async function sourceRegions(ctx: ServiceContext, ids: number[]): Promise<Map<number, string | null>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: enterprises.id, source: enterprises.sourceRegionCode })
    .from(enterprises)
    .where(sql`${enterprises.id} = any(${sql.param(wanted)}::int[])`);
  return new Map(rows.map((r) => [r.id, r.source]));
}

/** The enterprise each record comes from: a project's (or fund's) investor, a lead's or a visit's enterprise. */
async function enterprisesOf(ctx: ServiceContext, records: MetricRecord[]): Promise<Map<string, number | null>> {
  const ids = (kind: MetricRecord['recordKind']) => records.filter((r) => r.recordKind === kind).map((r) => r.recordId);
  const projectIds = [...new Set(records.filter((r) => r.recordKind === 'project' || r.recordKind === 'fund').map((r) => r.projectId!))];
  const [ofProjects, ofLeads, ofVisits] = await Promise.all([
    projectIds.length === 0 ? [] : ctx.db.select({ id: projects.id, enterpriseId: projects.investorEnterpriseId }).from(projects).where(sql`${projects.id} = any(${sql.param(projectIds)}::int[])`),
    ids('lead').length === 0 ? [] : ctx.db.select({ id: leads.id, enterpriseId: leads.enterpriseId }).from(leads).where(sql`${leads.id} = any(${sql.param(ids('lead'))}::int[])`),
    ids('visit').length === 0 ? [] : ctx.db.select({ id: visits.id, enterpriseId: visits.enterpriseId }).from(visits).where(sql`${visits.id} = any(${sql.param(ids('visit'))}::int[])`),
  ]);
  const investor = new Map(ofProjects.map((p) => [p.id, p.enterpriseId]));
  const result = new Map<string, number | null>();
  for (const r of records) {
    const key = `${r.recordKind}:${r.recordId}`;
    if (r.recordKind === 'project' || r.recordKind === 'fund') result.set(key, investor.get(r.projectId!) ?? null);
  }
  for (const l of ofLeads) result.set(`lead:${l.id}`, l.enterpriseId);
  for (const v of ofVisits) result.set(`visit:${v.id}`, v.enterpriseId);
  return result;
}

/**
 * The library's target enterprises: recorded by a unit of the subtree, not local, not merged into another, in the
 * library by the period's end. Each adds 1, at its own source region.
 */
async function targetEnterprises(ctx: ServiceContext, scope: MetricScope, filters: ResolvedFilters): Promise<HeatRecord[]> {
  const rows = await ctx.db
    .select({ id: enterprises.id, name: enterprises.name, unitId: enterprises.unitId, createdOn: sql<string>`to_char(${enterprises.createdAt}, 'YYYY-MM-DD')` })
    .from(enterprises)
    .where(sql`${targetsWhere(ctx, scope)} and ${filters.enterprise ? filters.enterprise(enterprises.id) : sql`true`}`)
    .orderBy(enterprises.id);
  const names = await unitNames(ctx.db, rows.map((r) => r.unitId));
  return rows.map((e) => ({
    recordKind: 'enterprise' as const,
    recordId: e.id,
    projectId: null,
    label: e.name,
    confidential: false,
    unitId: e.unitId,
    unitName: names.get(e.unitId) ?? '',
    stage: null,
    date: e.createdOn,
    contribution: 1,
    fundId: null,
    creditPercent: 100,
    openable: true,
  }));
}

const targetsWhere = (ctx: ServiceContext, scope: MetricScope) =>
  sql`${inUnitSubtree(ctx.caller, enterprises.unitId, scope.unit.path)} and ${enterprises.localUnitId} is null and ${enterprises.mergedIntoId} is null
      and ${enterprises.createdAt} < (${scope.period.to}::date + 1)`;

/**
 * Trips by the cities visited: each trip begun in the period (as the cockpit's trip counts date it) by a unit of the
 * subtree adds 1 at each distinct city on its route (trips.cities, GB/T 2260 codes) — a record per trip and city.
 */
async function tripCities(ctx: ServiceContext, scope: MetricScope): Promise<Placed[]> {
  const rows = await ctx.db
    .select({ id: trips.id, unitId: trips.unitId, leaderName: trips.leaderName, levelName: leaderLevels.nameZh, fromOn: trips.fromOn, toOn: trips.toOn, cities: trips.cities })
    .from(trips)
    .innerJoin(leaderLevels, sql`${leaderLevels.key} = ${trips.leaderLevel}`)
    .where(sql`${inUnitSubtree(ctx.caller, trips.unitId, scope.unit.path)} and ${trips.fromOn} between ${scope.period.from}::date and ${scope.period.to}::date`)
    .orderBy(trips.fromOn, trips.id);
  const names = await unitNames(ctx.db, rows.map((r) => r.unitId));
  return rows.flatMap((t) =>
    [...new Set((Array.isArray(t.cities) ? t.cities : []).filter((c): c is string => typeof c === 'string'))].map((city) => ({
      recordKind: 'trip' as const,
      recordId: t.id,
      projectId: null,
      label: `${t.leaderName}（${t.levelName}）${t.fromOn}–${t.toOn}`,
      confidential: false,
      unitId: t.unitId,
      unitName: names.get(t.unitId) ?? '',
      stage: null,
      date: t.fromOn,
      contribution: 1,
      fundId: null,
      creditPercent: 100,
      openable: true,
      place: city,
    })),
  );
}

/** A measure's records over the scope (its filters in it), each with its source region — for trips, the city visited. */
async function placedRecords(ctx: ServiceContext, measure: THeatmapMeasure, scope: MetricScope, filters: ResolvedFilters): Promise<Placed[]> {
  if (measure === 'targetEnterprises') {
    const rows = await targetEnterprises(ctx, scope, filters);
    const regions = await sourceRegions(ctx, rows.map((r) => r.recordId));
    return rows.map((r) => ({ ...r, place: regions.get(r.recordId) ?? null }));
  }
  if (measure === 'tripCities') return tripCities(ctx, scope);
  let rows = await metricRecords(ctx, metricOf(measure), { ...scope, projectFilter: filters.project }, null);
  // Leads and visits are filtered here, by the records' ids; a visited enterprise is all in or all out, so the one
  // visit of it that counts stays with the others.
  const kind = heatmapMeasureKind(measure);
  if (kind === 'lead' && filters.lead) {
    const kept = await leadsMeeting(ctx, filters, rows.map((r) => r.recordId));
    rows = rows.filter((r) => kept.has(r.recordId));
  } else if (kind === 'visit' && filters.enterprise) {
    const kept = await visitsMeeting(ctx, filters, rows.map((r) => r.recordId));
    rows = rows.filter((r) => kept.has(r.recordId));
  }
  const enterpriseOf = await enterprisesOf(ctx, rows);
  const regions = await sourceRegions(ctx, [...enterpriseOf.values()].filter((id): id is number => id !== null));
  return rows.map((r) => {
    const enterpriseId = enterpriseOf.get(`${r.recordKind}:${r.recordId}`) ?? null;
    return { ...r, place: enterpriseId === null ? null : (regions.get(enterpriseId) ?? null) };
  });
}

/** What the map adds: hundredths at a source place (many records, or one, at the same place). */
type Weighted = { place: string | null; hundredths: number };

/**
 * A measure's totals by source place, for the map's numbers (issue 15's < 100 ms at province scale): projects and
 * funds summed by their investor's stored source region in one statement by the cockpit's own aggregation (grouping
 * `sourceRegion`: the same definitions, scope, filters and credits as its figures), the library's enterprises counted
 * by theirs likewise — a few hundred places, not 20,000 investors; leads, visits and trips, which are few, from their
 * records, added up by place. Rolled up by the domain.
 */
async function placedTotals(ctx: ServiceContext, measure: THeatmapMeasure, scope: MetricScope, filters: ResolvedFilters): Promise<Weighted[]> {
  if (measure === 'targetEnterprises') {
    const rows = await ctx.db
      .select({ place: enterprises.sourceRegionCode, n: sql<number>`count(*)::int` })
      .from(enterprises)
      .where(sql`${targetsWhere(ctx, scope)} and ${filters.enterprise ? filters.enterprise(enterprises.id) : sql`true`}`)
      .groupBy(enterprises.sourceRegionCode);
    return rows.map((r) => ({ place: r.place, hundredths: Number(r.n) * 100 }));
  }
  const metric = measure === 'tripCities' ? null : metricOf(measure);
  if (metric === null || isActivitySpec(metric.spec)) {
    const records = measure === 'tripCities' ? await tripCities(ctx, scope) : await placedRecords(ctx, measure, scope, filters);
    const byPlace = new Map<string | null, number>();
    for (const r of records) byPlace.set(r.place, (byPlace.get(r.place) ?? 0) + hundredths(r));
    return [...byPlace].map(([place, sum]) => ({ place, hundredths: sum }));
  }
  const grouped = await metricGroups(ctx, [metric], { ...scope, projectFilter: filters.project }, 'sourceRegion');
  return [...grouped].map(([place, [value]]) => ({ place: place === '' ? null : place, hundredths: Math.round((value ?? 0) * 100) }));
}

/** Added in hundredths: a split credit's share of a project (0.3) sums exactly, as the cockpit's records do. */
const hundredths = (r: { contribution: number }) => Math.round(r.contribution * 100);

function measureInfo(measure: THeatmapMeasure) {
  if (measure === 'targetEnterprises' || measure === 'tripCities') return { unit: 'count' as const, name: NAMES[measure] };
  const m = metricOf(measure);
  return { unit: m.unit as 'count' | 'yuan' | 'usd', name: m.name };
}

const displayNames = { zh: new Intl.DisplayNames(['zh-CN'], { type: 'region' }), en: new Intl.DisplayNames(['en'], { type: 'region' }) };

/** A division's short name (广东省, 深圳市) and its English one (Guangdong, Shenzhen). */
function divisionLabel(code: string): { zh: string; en: string } {
  const region = findRegion(code);
  return region ? { zh: region.name, en: englishDivisionName(code, region.name) } : { zh: code, en: code };
}

/** The divisions a view is drawn with: China's provinces, or the children of the division drilled into. */
function viewDivisions(view: MapView): Record<string, { zh: string; en: string }> {
  if (view.level === 'country') return {};
  const parent = view.level === 'province' ? null : view.parent;
  return Object.fromEntries(allRegions().filter((r) => r.parentCode === parent).map((r) => [r.code, divisionLabel(r.code)]));
}

function cellLabel(cell: string): { zh: string; en: string } {
  if (cell === UNKNOWN) return { zh: '未填总部', en: 'No headquarters recorded' };
  if (cell === CHINA) return { zh: '中国', en: 'China' };
  if (cell.startsWith('=')) {
    const { zh, en } = divisionLabel(cell.slice(1));
    return { zh: `${zh}（未细分）`, en: `${en} (no finer place recorded)` };
  }
  if (/^\d{6}$/.test(cell)) return divisionLabel(cell);
  if (cell.startsWith('preset:')) {
    const preset = presets().find((p) => p.key === cell.slice('preset:'.length));
    return preset ? { zh: preset.key, en: preset.nameEn } : { zh: cell, en: cell };
  }
  return { zh: displayNames.zh.of(cell) ?? cell, en: displayNames.en.of(cell) ?? cell };
}

function sumBy(records: Weighted[], keysOf: (r: Weighted) => string[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const r of records) for (const key of keysOf(r)) sums.set(key, (sums.get(key) ?? 0) + r.hundredths);
  return sums;
}

async function scopeOf(ctx: ServiceContext, query: Pick<THeatmapQuery, 'year' | 'unitId'>) {
  return metricScope(ctx, query.unitId, { from: `${query.year}-01-01`, to: `${query.year}-12-31` });
}

export async function heatmap(ctx: ServiceContext, query: THeatmapQuery): Promise<THeatmap> {
  const view = viewOf(query);
  const scope = await scopeOf(ctx, query);
  const filters = await resolveFilters(ctx, query.measure, query);
  const [now, before] = await Promise.all([
    placedTotals(ctx, query.measure, scope, filters),
    placedTotals(ctx, query.measure, { ...scope, period: samePeriodLastYear(scope.period) }, filters),
  ]);
  const index = divisionIndex();
  const cellKeys = (r: Weighted) => {
    const cell = cellOf(r.place, view, index);
    return cell === null ? [] : [cell];
  };
  const all = presets();
  const priority = await priorityRegionPresets(ctx.db);
  const presetKeys = (r: Weighted) => presetsOf(r.place, all);
  const priorityKeys = (r: Weighted) => presetsOf(r.place, priority);
  const [cellsNow, cellsBefore, presetsNow, presetsBefore] = [sumBy(now, cellKeys), sumBy(before, cellKeys), sumBy(now, presetKeys), sumBy(before, presetKeys)];
  const [priorityNow, priorityBefore] = [sumBy(now, priorityKeys), sumBy(before, priorityKeys)];
  const total = now.reduce((sum, r) => sum + r.hundredths, 0);
  const share = (value: number) => (total === 0 ? null : percentText(value, total));
  const cells = [...new Set([...cellsNow.keys(), ...cellsBefore.keys()])]
    .map((cell) => ({ cell, label: cellLabel(cell), value: (cellsNow.get(cell) ?? 0) / 100, share: share(cellsNow.get(cell) ?? 0), lastYear: (cellsBefore.get(cell) ?? 0) / 100 }))
    .sort((a, b) => b.value - a.value || b.lastYear - a.lastYear || a.cell.localeCompare(b.cell));
  const parent = 'parent' in view ? findRegion(view.parent)! : null;
  return {
    measure: query.measure,
    ...measureInfo(query.measure),
    year: query.year,
    unitId: scope.unit.id,
    unitName: scope.unitName,
    level: query.level,
    parent: parent ? { code: parent.code, name: parent.fullName } : null,
    value: total / 100,
    lastYear: before.reduce((sum, r) => sum + r.hundredths, 0) / 100,
    cells,
    presets: all.map((p) => ({
      key: p.key,
      label: { zh: p.key, en: p.nameEn },
      value: (presetsNow.get(p.key) ?? 0) / 100,
      share: share(presetsNow.get(p.key) ?? 0),
      lastYear: (presetsBefore.get(p.key) ?? 0) / 100,
    })),
    priorityRegions: priority.map((p) => ({
      key: p.key,
      label: { zh: p.key, en: p.nameEn },
      codes: p.codes,
      value: (priorityNow.get(p.key) ?? 0) / 100,
      share: share(priorityNow.get(p.key) ?? 0),
      lastYear: (priorityBefore.get(p.key) ?? 0) / 100,
    })),
    regionNames: viewDivisions(view),
  };
}

const CELL = /^(unknown|[A-Z]{2}|=?\d{6}|preset:.{1,30}|priority:.{1,30})$/;

/** The records behind one cell of a view (or one preset): the same records as the map, filtered to the cell. */
export async function heatmapRecords(ctx: ServiceContext, query: THeatmapRecordsQuery): Promise<THeatmapRecords> {
  const view = viewOf(query);
  if (!CELL.test(query.cell)) throw new AppError('validation.invalid', { field: 'cell', params: { detail: query.cell } });
  const [kind, key] = query.cell.startsWith('preset:') || query.cell.startsWith('priority:') ? [query.cell.slice(0, query.cell.indexOf(':')), query.cell.slice(query.cell.indexOf(':') + 1)] : [null, null];
  const preset = kind === 'preset' ? presets().find((p) => p.key === currentPresetKey(key ?? '')) : kind === 'priority' ? (await priorityRegionPresets(ctx.db)).find((p) => p.key === key) : undefined;
  if (kind !== null && !preset) throw new AppError('validation.invalid', { field: 'cell', params: { detail: query.cell } });
  const scope = await scopeOf(ctx, query);
  const filters = await resolveFilters(ctx, query.measure, query);
  const index = divisionIndex();
  const rows = (await placedRecords(ctx, query.measure, scope, filters)).filter((r) =>
    preset ? presetsOf(r.place, [preset]).length > 0 : cellOf(r.place, view, index) === query.cell,
  );
  return {
    measure: query.measure,
    unit: measureInfo(query.measure).unit,
    cell: query.cell,
    label: preset ? { zh: preset.key, en: preset.nameEn } : cellLabel(query.cell),
    value: rows.reduce((sum, r) => sum + hundredths(r), 0) / 100,
    items: rows.map(({ label, place, ...r }) => ({
      ...r,
      projectName: label,
      sourceRegion: place,
      sourceRegionName: place === null ? null : /^\d{6}$/.test(place) ? (findRegion(place)?.fullName ?? place) : cellLabel(place).zh,
    })),
  };
}
