import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { enterprises, projectFunds, projects, units } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { inCallerScope } from '../access/scope.ts';
import type { MetricSpec, Period, ProjectCondition, ScopeRules, StageDateField } from '../../domain/metrics.ts';

/**
 * The metric catalogue compiled to SQL (issue 5): each spec of src/domain/metrics.ts becomes one aggregate with a
 * FILTER, all of a request's metrics in one statement over projects and one over fund entries, grouped by what a
 * breakdown asks for. The domain's `evaluate` is the reference these queries are tested against.
 */
/** 'unit': the chosen unit's children; 'subtree': every unit, each over its own subtree (a month close's snapshot). */
export type MetricGrouping = 'none' | 'unit' | 'subtree' | 'division' | 'province' | 'stage' | 'month';

export type MetricScope = {
  period: Period;
  rules: ScopeRules;
  /** The unit whose subtree is counted (inside the caller's scope), with its path. */
  unit: { id: number; path: string };
};

const STAGE_DATE: Record<StageDateField, AnyPgColumn> = {
  signedOn: projects.signedOn,
  registeredOn: projects.registeredOn,
  startedOn: projects.startedOn,
  producingOn: projects.producingOn,
  inStatsOn: projects.inStatsOn,
};

const likePrefix = (path: string) => path.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

/** Projects of the unit's subtree, within the caller's scope, that count under the scope rules. */
function countedProjects(ctx: ServiceContext, scope: MetricScope): SQL {
  const { rules } = scope;
  const parts: SQL[] = [
    inCallerScope(ctx.caller, projects.unitId),
    sql`${projects.unitId} = any(array(select ${units.id} from ${units} where ${units.path} like ${likePrefix(scope.unit.path)}))`,
  ];
  const sources = rules.excludedFundSources.filter((s) => s !== null);
  if (sources.length > 0) parts.push(sql`coalesce(${projects.fundSource}, '') <> all(${sql.param(sources)}::text[])`);
  if (rules.excludedFundSources.includes(null)) parts.push(sql`${projects.fundSource} is not null`);
  if (rules.excludeEstimated) parts.push(sql`not ${projects.amountsEstimated}`);
  if (rules.excludedIndustries.length > 0) {
    parts.push(sql`not (coalesce(${projects.industryCode}, '') like any(${sql.param(rules.excludedIndustries.map((p) => likePrefix(p)))}::text[]))`);
  }
  return sql.join(parts, sql` and `);
}

function conditionSql(condition: ProjectCondition | undefined, rules: ScopeRules): SQL {
  switch (condition) {
    case undefined:
      return sql`true`;
    case 'large':
      return sql`${projects.totalInvestmentYuan} >= ${rules.largeProjectYuan}`;
    case 'major':
      return sql`${projects.totalInvestmentYuan} >= ${rules.majorProjectYuan}`;
    case 'aboveLine':
      return sql`${projects.totalInvestmentYuan} >= case ${projects.projectType} when 'industrial' then ${rules.thresholdByType.industrial}::bigint else ${rules.thresholdByType.other}::bigint end`;
    case 'threeBatch':
      return sql`${projects.threeBatch} is not null`;
  }
}

const inPeriod = (column: SQL | AnyPgColumn, period: Period) => sql`${column} between ${period.from}::date and ${period.to}::date`;

/** The day a rate's cohort is measured by: the period's end, or the end of the row's month when grouped by month. */
function measuredBy(spec: Extract<MetricSpec, { kind: 'rate' }>, period: Period, grouping: MetricGrouping): SQL {
  if (grouping !== 'month') return sql`${period.to}::date`;
  return sql`(date_trunc('month', ${STAGE_DATE[spec.base]}) + interval '1 month' - interval '1 day')::date`;
}

/** A project spec's row predicate: dated in the period and meeting its condition. */
export function projectSpecWhere(spec: Extract<MetricSpec, { kind: 'projects' | 'rate' }>, scope: MetricScope): SQL {
  if (spec.kind === 'rate') return inPeriod(STAGE_DATE[spec.base], scope.period);
  return sql`${inPeriod(STAGE_DATE[spec.on], scope.period)} and ${conditionSql(spec.condition, scope.rules)}`;
}

/** What a project adds to a metric: 1, its contracted investment or its total investment; for a rate, 1 when reached. */
export function projectContribution(spec: Extract<MetricSpec, { kind: 'projects' | 'rate' }>, scope: MetricScope, grouping: MetricGrouping = 'none'): SQL {
  if (spec.kind === 'rate') {
    const by = measuredBy(spec, scope.period, grouping);
    return sql`case when ${sql.join(spec.reached.map((field) => sql`${STAGE_DATE[field]} <= ${by}`), sql` or `)} then 1 else 0 end`;
  }
  if (spec.sum === 'contract') return sql`coalesce(${projects.contractInvestmentYuan}, ${projects.totalInvestmentYuan})`;
  if (spec.sum === 'total') return sql`${projects.totalInvestmentYuan}`;
  return sql`1`;
}

function groupExpression(grouping: MetricGrouping, scope: MetricScope, dated: SQL | AnyPgColumn | null): SQL {
  switch (grouping) {
    case 'none':
      return sql`''`;
    case 'unit': {
      // The child of the chosen unit whose subtree holds the project: the path segment after the chosen unit's own.
      const position = scope.unit.path.split('/').filter(Boolean).length + 2;
      return sql`split_part(${units.path}, '/', ${position}::int)`;
    }
    case 'subtree':
      return sql`ancestor.id::text`;
    case 'division':
      return sql`coalesce(left(${projects.industryCode}, 2), '')`;
    case 'province':
      return sql`coalesce(left(${enterprises.hqRegionCode}, 2) || '0000', '')`;
    case 'stage':
      return sql`${projects.stage}`;
    case 'month':
      return sql`to_char(${dated}, 'YYYY-MM')`;
  }
}

/** Projects, joined to what the grouping reads: the unit's path, or the investor's headquarters. */
function projectsJoined(grouping: MetricGrouping): SQL {
  if (grouping === 'unit') return sql`${projects} join ${units} on ${units.id} = ${projects.unitId}`;
  if (grouping === 'subtree') {
    // Each project counts in its own unit and in every unit above it.
    return sql`${projects} join ${units} on ${units.id} = ${projects.unitId}
      cross join lateral unnest(string_to_array(trim(both '/' from ${units.path}), '/')::int[]) as ancestor(id)`;
  }
  if (grouping === 'province') return sql`${projects} join ${enterprises} on ${enterprises.id} = ${projects.investorEnterpriseId}`;
  return sql`${projects}`;
}

/** A rate whose cohort is empty has no value (null), which a bulletin writes as "—". */
type Grouped = Map<string, (number | null)[]>;

type Indexed<K extends MetricSpec['kind']> = { spec: Extract<MetricSpec, { kind: K }>; i: number };
/** The project and fund specs: the ones this area's tables answer. */
export type ProjectMetricSpec = Extract<MetricSpec, { kind: 'projects' | 'rate' | 'funds' }>;
type Slot = (group: string) => (number | null)[];

/**
 * The metrics' values per group: for each group, one number per spec in the order given (a rate as a fraction).
 * Grouping by month needs a single date, so it takes one spec at a time.
 */
export async function aggregateMetrics(ctx: ServiceContext, specs: ProjectMetricSpec[], scope: MetricScope, grouping: MetricGrouping): Promise<Grouped> {
  if (grouping === 'month' && specs.length !== 1) throw new Error('a monthly series is computed one metric at a time');
  const result: Grouped = new Map();
  const slot: Slot = (group) => result.get(group) ?? (result.set(group, specs.map((s) => (s.kind === 'rate' ? null : 0))), result.get(group)!);
  const indexed = specs.map((spec, i) => ({ spec, i }));
  const projectSpecs = indexed.filter((s): s is Indexed<'projects' | 'rate'> => s.spec.kind === 'projects' || s.spec.kind === 'rate');
  const fundSpecs = indexed.filter((s): s is Indexed<'funds'> => s.spec.kind === 'funds');
  // One statement over projects and one over fund entries, side by side.
  await Promise.all([
    projectSpecs.length > 0 && aggregateProjects(ctx, projectSpecs, scope, grouping, slot),
    fundSpecs.length > 0 && aggregateFunds(ctx, fundSpecs, scope, grouping, slot),
  ]);
  return result;
}

async function aggregateProjects(ctx: ServiceContext, specs: Indexed<'projects' | 'rate'>[], scope: MetricScope, grouping: MetricGrouping, slot: Slot) {
  const first = specs[0]!.spec;
  const dated = grouping === 'month' ? STAGE_DATE[first.kind === 'rate' ? first.base : first.on] : null;
  const columns = specs
    .flatMap(({ spec }) => {
      const where = projectSpecWhere(spec, scope);
      const contribution = projectContribution(spec, scope, grouping);
      // A rate travels as its two counts: the cohort, then those that reached the stage.
      return spec.kind === 'rate'
        ? [sql`count(*) filter (where ${where})`, sql`coalesce(sum(${contribution}) filter (where ${where}), 0)`]
        : [sql`coalesce(sum(${contribution}) filter (where ${where}), 0)`];
    })
    .map((column, n) => sql`${column} as ${sql.identifier(`m${n}`)}`);
  // Only rows dated in the period can count for any of the specs: the others are left out before aggregating.
  const anyDated = sql.join(specs.map(({ spec }) => projectSpecWhere(spec, scope)), sql` or `);
  const rows = await ctx.db.execute(
    sql`select ${groupExpression(grouping, scope, dated)} as g, ${sql.join(columns, sql`, `)} from ${projectsJoined(grouping)}
        where ${countedProjects(ctx, scope)} and (${anyDated})
        group by 1`,
  );
  for (const row of rowsOf<Record<string, unknown>>(rows)) {
    const target = slot(String(row.g ?? ''));
    let column = 0;
    const next = () => Number(row[`m${column++}`]);
    for (const { spec, i } of specs) {
      if (spec.kind === 'rate') {
        const base = next();
        const done = next();
        target[i] = base === 0 ? null : done / base;
      } else {
        target[i] = next();
      }
    }
  }
}

async function aggregateFunds(ctx: ServiceContext, specs: Indexed<'funds'>[], scope: MetricScope, grouping: MetricGrouping, slot: Slot) {
  const columns = specs.map(({ spec }, n) => {
    const amount = spec.amount === 'amountYuan' ? projectFunds.amountYuan : projectFunds.amountUsd;
    return sql`coalesce(sum(${amount}) filter (where ${projectFunds.source} = ${spec.source}), 0) as ${sql.identifier(`m${n}`)}`;
  });
  const rows = await ctx.db.execute(
    sql`select ${groupExpression(grouping, scope, sql`${projectFunds.arrivedOn}`)} as g, ${sql.join(columns, sql`, `)}
        from ${projectsJoined(grouping)} join ${projectFunds} on ${projectFunds.projectId} = ${projects.id}
        where ${projectFunds.voidedAt} is null and ${inPeriod(projectFunds.arrivedOn, scope.period)}
          and ${projectFunds.source} = any(${sql.param([...new Set(specs.map(({ spec }) => spec.source))])}::text[]) and ${countedProjects(ctx, scope)}
        group by 1`,
  );
  for (const row of rowsOf<Record<string, unknown>>(rows)) {
    const target = slot(String(row.g ?? ''));
    specs.forEach(({ i }, n) => (target[i] = Number(row[`m${n}`])));
  }
}

/** `execute` answers with the rows (PGlite) or a result holding them (node-postgres). */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

export type MetricRecordRow = {
  projectId: number;
  name: string;
  codeName: string | null;
  unitId: number;
  unitName: string;
  stage: string;
  date: string | null;
  contribution: number;
  fundId: number | null;
};

/** The records behind a metric (optionally one group of a breakdown): each with what it adds to the number. */
export async function metricRecordRows(
  ctx: ServiceContext,
  spec: ProjectMetricSpec,
  scope: MetricScope,
  group: { grouping: MetricGrouping; keys: string[] } | null,
): Promise<MetricRecordRow[]> {
  const inGroup = (dated: SQL | AnyPgColumn | null) =>
    group ? sql`${groupExpression(group.grouping, scope, dated)} = any(${sql.param(group.keys)}::text[])` : sql`true`;
  const common = sql`${projects.id} as "projectId", ${projects.name} as name, ${projects.codeName} as "codeName", ${projects.unitId} as "unitId",
    (select ${units.name} from ${units} where ${units.id} = ${projects.unitId}) as "unitName", ${projects.stage} as stage`;
  if (spec.kind === 'funds') {
    const amount = spec.amount === 'amountYuan' ? projectFunds.amountYuan : projectFunds.amountUsd;
    const rows = await ctx.db.execute<MetricRecordRow>(
      sql`select ${common}, to_char(${projectFunds.arrivedOn}, 'YYYY-MM-DD') as date, coalesce(${amount}, 0) as contribution, ${projectFunds.id} as "fundId"
          from ${projectsJoined(group?.grouping ?? 'none')} join ${projectFunds} on ${projectFunds.projectId} = ${projects.id}
          where ${projectFunds.voidedAt} is null and ${projectFunds.source} = ${spec.source} and ${inPeriod(projectFunds.arrivedOn, scope.period)}
            and ${countedProjects(ctx, scope)} and ${inGroup(sql`${projectFunds.arrivedOn}`)}
          order by ${projectFunds.arrivedOn}, ${projectFunds.id}`,
    );
    return rowsOf<MetricRecordRow>(rows).map(numeric);
  }
  const dated = STAGE_DATE[spec.kind === 'rate' ? spec.base : spec.on];
  const rows = await ctx.db.execute<MetricRecordRow>(
    sql`select ${common}, to_char(${dated}, 'YYYY-MM-DD') as date, ${projectContribution(spec, scope, group?.grouping)} as contribution, null as "fundId"
        from ${projectsJoined(group?.grouping ?? 'none')}
        where ${projectSpecWhere(spec, scope)} and ${countedProjects(ctx, scope)} and ${inGroup(dated)}
        order by ${dated}, ${projects.id}`,
  );
  return rowsOf<MetricRecordRow>(rows).map(numeric);
}

const numeric = (row: MetricRecordRow): MetricRecordRow => ({ ...row, contribution: Number(row.contribution), fundId: row.fundId === null ? null : Number(row.fundId) });

/**
 * Per sub-unit of the scope (the assessment's deductions, issue 5): counted projects whose start deadline — signing
 * plus the rule's months or days — fell on or before the period's end without a start by that day.
 */
export async function lateStartsBySubUnit(ctx: ServiceContext, scope: MetricScope, deadline: { amount: number; unit: 'months' | 'days' }) {
  const due = sql`(${projects.signedOn} + ${deadline.unit === 'months' ? sql`make_interval(months => ${deadline.amount}::int)` : sql`make_interval(days => ${deadline.amount}::int)`})::date`;
  return countBySubUnit(
    ctx,
    scope,
    sql`${projects.signedOn} is not null and ${projects.stage} <> 'terminated' and ${due} <= ${scope.period.to}::date
        and (${projects.startedOn} is null or ${projects.startedOn} > ${due})`,
  );
}

/** Per sub-unit: counted projects signed in the period whose investor is a 世界500强 (the assessment's bonus). */
export async function fortune500SignedBySubUnit(ctx: ServiceContext, scope: MetricScope) {
  return countBySubUnit(
    ctx,
    scope,
    sql`${inPeriod(projects.signedOn, scope.period)}
        and exists (select 1 from ${enterprises} where ${enterprises.id} = ${projects.investorEnterpriseId} and ${enterprises.fortuneGlobal500})`,
  );
}

async function countBySubUnit(ctx: ServiceContext, scope: MetricScope, condition: SQL): Promise<Map<string, number>> {
  const rows = await ctx.db.execute(
    sql`select ${groupExpression('unit', scope, null)} as g, count(*) as n from ${projectsJoined('unit')}
        where ${countedProjects(ctx, scope)} and ${condition} group by 1`,
  );
  return new Map(rowsOf<{ g: string; n: unknown }>(rows).map((r) => [r.g, Number(r.n)]));
}
