import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { listUnits, requireUnitInScope, unitNames } from '../units/units.service.ts';
import { metricRecordRows, type MetricGrouping, type MetricScope, type ProjectMetricSpec } from '../projects/metrics.queries.ts';
import { aggregateMetrics } from '../projects/metric-aggregates.ts';
import { activityRecords, activityValues } from '../activities/activity-metrics.queries.ts';
import { leadRecords, leadValues } from '../leads/lead-metrics.queries.ts';
import type { ActivitySpec } from '../../domain/activity-metrics.ts';
import { eq } from 'drizzle-orm';
import { metricRules } from '../db/schema.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { activeVerificationSettings } from '../verification/verification.service.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { industryPrefixes } from '../industries/industries.service.ts';
import { DEFAULT_SCOPE_RULES, isActivitySpec, isSummable, METRICS, type MetricDefinition, type Period, type ScopeRules } from '../../domain/metrics.ts';
import { percentText } from '../../domain/rates.ts';
import { DEFAULT_COCKPIT_HEROES, MAX_HEROES, MIN_HEROES } from '../../domain/cockpit-heroes.ts';
import { ZScopeRules, type TMetricValues, type TScopeRules, type TScopeRulesState } from '../../shared/metrics.ts';

/**
 * The catalogue's metrics over a period and a unit subtree, computed from the records in the caller's scope —
 * never typed in. Every area that shows a number (cockpit, targets, bulletin, assessment) asks here.
 */
export async function metricScope(
  ctx: ServiceContext,
  unitId: number | undefined,
  period: Period,
  counting?: 'reported' | 'confirmed',
): Promise<MetricScope & { unitName: string; unitKind: string }> {
  if (period.to < period.from) throw new AppError('validation.invalid', { field: 'to', params: { detail: '早于开始日期' } });
  const [unit, counted, verification] = await Promise.all([requireUnitInScope(ctx, unitId ?? ctx.caller.unitId, 'unitId'), countingRules(ctx), activeVerificationSettings(ctx.db)]);
  // 核实 (issue 17): the bureau's setting decides whether every figure counts confirmed stage changes only; a request
  // may ask for either way explicitly, to show reported and confirmed figures side by side.
  const rules = { ...counted, confirmedOnly: counting ? counting === 'confirmed' : verification.confirmedOnly };
  return { period, rules, unit: { id: unit.id, path: unit.path }, unitName: unit.name, unitKind: unit.kind };
}

async function storedRules(ctx: ServiceContext) {
  const [row] = await ctx.db.select().from(metricRules).where(eq(metricRules.id, 1));
  return row ? { rules: ZScopeRules.parse(row.rules), updatedAt: row.updatedAt } : null;
}

/** The rules as the queries apply them: a section letter stands for its two-digit divisions. */
async function countingRules(ctx: ServiceContext): Promise<ScopeRules> {
  const rules = (await storedRules(ctx))?.rules ?? DEFAULT_SCOPE_RULES;
  return { ...rules, excludedIndustries: [...new Set(rules.excludedIndustries.flatMap(industryPrefixes))] };
}

export async function scopeRules(ctx: ServiceContext): Promise<TScopeRulesState> {
  const stored = await storedRules(ctx);
  const rules = stored?.rules ?? (DEFAULT_SCOPE_RULES as TScopeRules);
  return { rules, isDefault: !stored, updatedAt: stored?.updatedAt.toISOString() ?? null };
}

/** The bureau sets what counts; the change is in the audit trail, and every figure follows from the next request. */
export async function setScopeRules(ctx: ServiceContext, rules: TScopeRules): Promise<TScopeRulesState> {
  assertCanAdminister(ctx.caller);
  if (rules.majorProjectYuan < rules.largeProjectYuan) {
    throw new AppError('validation.invalid', { field: 'majorProjectYuan', params: { detail: '“10亿元以上”门槛不能低于“亿元以上”门槛' } });
  }
  if (rules.cockpitHeroes) checkHeroes(rules.cockpitHeroes);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(metricRules).where(eq(metricRules.id, 1));
    const values = { rules, updatedBy: ctx.caller.userId, updatedAt: ctx.now };
    await tx.insert(metricRules).values({ id: 1, ...values }).onConflictDoUpdate({ target: metricRules.id, set: values });
    await recordAudit(tx, actorOf(ctx), { entity: 'metricRules', entityId: 1, unitId: ctx.caller.unitId, action: before ? 'update' : 'create', before: before?.rules ?? DEFAULT_SCOPE_RULES, after: rules });
  });
  return scopeRules(ctx);
}

/** Heroes are sums or counts with a target (a rate or a median has none), each named once. */
function checkHeroes(keys: string[]) {
  if (keys.length < MIN_HEROES || keys.length > MAX_HEROES) {
    throw new AppError('validation.invalid', { field: 'cockpitHeroes', params: { detail: `须选 ${MIN_HEROES}–${MAX_HEROES} 个指标` } });
  }
  const wrong = keys.filter((key, i) => keys.indexOf(key) !== i || !METRICS.some((m) => m.key === key && isSummable(m)));
  if (wrong.length > 0) throw new AppError('validation.invalid', { field: 'cockpitHeroes', params: { detail: `须为可设目标的指标且不重复：${wrong.join(',')}` } });
}

/** The cockpit's hero metrics (issue 16): the bureau's choice, or the defaults. */
export async function cockpitHeroes(ctx: ServiceContext): Promise<{ metrics: MetricDefinition[]; chosen: boolean }> {
  const chosen = (await storedRules(ctx))?.rules.cockpitHeroes;
  const keys: readonly string[] = chosen ?? DEFAULT_COCKPIT_HEROES;
  return { metrics: keys.map((key) => METRICS.find((m) => m.key === key)).filter((m): m is MetricDefinition => !!m), chosen: !!chosen };
}

export function metricsByKeys(keys: string | undefined, field = 'keys'): MetricDefinition[] {
  if (!keys) return METRICS;
  const wanted = [...new Set(keys.split(',').map((k) => k.trim()))];
  const unknown = wanted.filter((key) => !METRICS.some((m) => m.key === key));
  if (unknown.length > 0) throw new AppError('validation.invalid', { field, params: { detail: unknown.join(',') } });
  return METRICS.filter((m) => wanted.includes(m.key));
}

/** The metrics' values over the whole scope, in the order given. */
export async function metricTotals(ctx: ServiceContext, metrics: MetricDefinition[], scope: MetricScope): Promise<(number | null)[]> {
  return (await metricBreakdown(ctx, metrics, scope, 'none')).total;
}

/**
 * The metrics' values per group (child unit, industry division, province, stage or month): the project and fund
 * metrics in one statement each; trips, visits, events and leads one statement a metric, from their own areas.
 */
export async function metricGroups(ctx: ServiceContext, metrics: MetricDefinition[], scope: MetricScope, grouping: MetricGrouping) {
  return (await metricBreakdown(ctx, metrics, scope, grouping, { total: false })).groups;
}

/**
 * The metrics' values per group and over the whole scope (issue 19): a project or fund metric's total is the rollup
 * of its own groups, in the same statement; an activity's (trips, visits, events, leads) is asked of its area, since
 * an enterprise visited in two units counts once in the whole. Without `total`, activities' totals are not asked.
 */
export async function metricBreakdown(
  ctx: ServiceContext,
  metrics: MetricDefinition[],
  scope: MetricScope,
  grouping: MetricGrouping,
  options: { total: boolean } = { total: true },
): Promise<{ groups: Map<string, (number | null)[]>; total: (number | null)[] }> {
  const specs = metrics.map((m, i) => ({ spec: m.spec, i }));
  const ofProjects = specs.filter((s): s is { spec: ProjectMetricSpec; i: number } => !isActivitySpec(s.spec));
  const ofActivities = specs.filter((s): s is { spec: ActivitySpec; i: number } => isActivitySpec(s.spec));
  const activityOf = (spec: ActivitySpec, by: MetricGrouping) => (spec.kind === 'leads' ? leadValues(ctx, spec, scope, by) : activityValues(ctx, spec, scope, by));
  const wholeActivities = options.total && grouping !== 'none' && grouping !== 'subtree';
  const [aggregated, activities, activityTotals] = await Promise.all([
    ofProjects.length > 0 ? aggregateMetrics(ctx, ofProjects.map((s) => s.spec), scope, grouping) : null,
    Promise.all(ofActivities.map(({ spec }) => activityOf(spec, grouping))),
    wholeActivities ? Promise.all(ofActivities.map(({ spec }) => activityOf(spec, 'none'))) : null,
  ]);
  const empty = (): (number | null)[] => metrics.map((m) => (isSummable(m) ? 0 : null));
  const groups = new Map<string, (number | null)[]>();
  const total = empty();
  const slot = (group: string) => groups.get(group) ?? (groups.set(group, empty()), groups.get(group)!);
  if (aggregated) {
    for (const [group, values] of aggregated.groups) ofProjects.forEach(({ i }, k) => (slot(group)[i] = values[k] ?? null));
    ofProjects.forEach(({ i }, k) => (total[i] = aggregated.total[k] ?? null));
  }
  activities.forEach((values, k) => {
    for (const [group, value] of values) slot(group)[ofActivities[k]!.i] = value;
  });
  (activityTotals ?? (grouping === 'none' ? activities : [])).forEach((values, k) => {
    const value = values.get('');
    if (value !== undefined) total[ofActivities[k]!.i] = value;
  });
  return { groups, total };
}

export type MetricRecord = {
  recordKind: 'project' | 'fund' | 'trip' | 'visit' | 'event' | 'lead';
  recordId: number;
  projectId: number | null;
  label: string;
  confidential: boolean;
  unitId: number;
  unitName: string;
  stage: string | null;
  date: string | null;
  contribution: number;
  fundId: number | null;
  /** How much of the project the figure credits (100 unless split with its 首报单位). */
  creditPercent: number;
  /** Whether the caller may open the record's project. */
  openable: boolean;
};

/** The records behind a figure (optionally one group of a breakdown), each with what it adds to it. */
export async function metricRecords(ctx: ServiceContext, metric: MetricDefinition, scope: MetricScope, group: { grouping: MetricGrouping; keys: string[] } | null): Promise<MetricRecord[]> {
  if (!isActivitySpec(metric.spec)) {
    const rows = await metricRecordRows(ctx, metric.spec, scope, group);
    return rows.map((r) => {
      // Outside the project's unit a confidential project goes by its code name — also for its 首报单位.
      const confidential = !!r.codeName && r.unitId !== ctx.caller.unitId;
      return {
        recordKind: r.fundId === null ? 'project' : 'fund',
        recordId: r.fundId ?? r.projectId,
        projectId: r.projectId,
        label: confidential ? r.codeName! : r.name,
        confidential,
        unitId: r.unitId,
        unitName: r.unitName,
        stage: r.stage,
        date: r.date,
        contribution: r.contribution,
        fundId: r.fundId,
        creditPercent: r.creditPercent,
        openable: r.openable === true,
      };
    });
  }
  // A median is not a sum of its records: its list would not add up to it.
  if (metric.median) throw new AppError('metric.noRecords', { field: 'key', params: { detail: metric.key } });
  if (group && group.grouping !== 'unit') throw new AppError('validation.invalid', { field: 'by', params: { detail: group.grouping } });
  const rows = metric.spec.kind === 'leads' ? await leadRecords(ctx, metric.spec, scope) : await activityRecords(ctx, metric.spec, scope);
  const names = await unitNames(ctx.db, rows.map((r) => r.unitId));
  const units = group ? await listUnits(ctx) : [];
  const position = scope.unit.path.split('/').filter(Boolean).length;
  // A breakdown row by unit: the child of the chosen unit whose subtree holds the record ('' for the unit itself).
  const childOf = (unitId: number) => units.find((u) => u.id === unitId)?.path.split('/').filter(Boolean)[position] ?? '';
  // Within a breakdown row, an enterprise visited counts once in that row (as the row's own figure counts it).
  const seen = new Set<string>();
  return rows
    .filter((r) => !group || group.keys.includes(childOf(r.unitId)))
    .map(({ distinctKey, ...r }: (typeof rows)[number] & { distinctKey?: string }) => {
      const contribution = distinctKey === undefined ? r.contribution : seen.has(distinctKey) ? 0 : 1;
      if (distinctKey !== undefined) seen.add(distinctKey);
      return { ...r, contribution, confidential: false, unitName: names.get(r.unitId) ?? '', stage: null, fundId: null, creditPercent: 100, openable: true };
    });
}

export function metricText(metric: MetricDefinition, value: number | null): string {
  if (value === null) return '—';
  if (metric.unit !== 'percent') return String(value);
  // A rate's value is the fraction; its text is the percentage with two decimals, as the bulletins print it.
  return percentText(Math.round(value * 1_000_000), 1_000_000) ?? '—';
}

export async function metricValues(
  ctx: ServiceContext,
  query: { from: string; to: string; unitId?: number; keys?: string; counting?: 'reported' | 'confirmed' },
): Promise<TMetricValues> {
  const wanted = metricsByKeys(query.keys);
  const scope = await metricScope(ctx, query.unitId, { from: query.from, to: query.to }, query.counting);
  const values = await metricTotals(ctx, wanted, scope);
  return {
    from: query.from,
    to: query.to,
    unitId: scope.unit.id,
    items: wanted.map((m, i) => ({ key: m.key, unit: m.unit, name: m.name, definition: m.definition, value: values[i] ?? 0, text: metricText(m, values[i]!) })),
  };
}
