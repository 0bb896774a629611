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
export type MetricGrouping = 'none' | 'unit' | 'division' | 'province' | 'stage' | 'month';

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
      return sql`split_part((select ${units.path} from ${units} where ${units.id} = ${projects.unitId}), '/', ${position}::int)`;
    }
    case 'division':
      return sql`coalesce(left(${projects.industryCode}, 2), '')`;
    case 'province':
      return sql`coalesce((select left(${enterprises.hqRegionCode}, 2) || '0000' from ${enterprises} where ${enterprises.id} = ${projects.investorEnterpriseId}), '')`;
    case 'stage':
      return sql`${projects.stage}`;
    case 'month':
      return sql`to_char(${dated}, 'YYYY-MM')`;
  }
}

/** A rate whose cohort is empty has no value (null), which a bulletin writes as "—". */
type Grouped = Map<string, (number | null)[]>;

/**
 * The metrics' values per group: for each group, one number per spec in the order given (a rate as a fraction).
 * Grouping by month needs a single date, so it takes one spec at a time.
 */
export async function aggregateMetrics(ctx: ServiceContext, specs: MetricSpec[], scope: MetricScope, grouping: MetricGrouping): Promise<Grouped> {
  if (grouping === 'month' && specs.length !== 1) throw new Error('a monthly series is computed one metric at a time');
  const result: Grouped = new Map();
  const slot = (group: string) => result.get(group) ?? (result.set(group, specs.map((s) => (s.kind === 'rate' ? null : 0))), result.get(group)!);

  const projectSpecs = specs.map((spec, i) => ({ spec, i })).filter((s): s is { spec: Extract<MetricSpec, { kind: 'projects' | 'rate' }>; i: number } => s.spec.kind !== 'funds');
  if (projectSpecs.length > 0) {
    const dated = grouping === 'month' ? (projectSpecs[0]!.spec.kind === 'rate' ? STAGE_DATE[projectSpecs[0]!.spec.base] : STAGE_DATE[projectSpecs[0]!.spec.on]) : null;
    const columns = projectSpecs.flatMap(({ spec }) => {
      const where = projectSpecWhere(spec, scope);
      const contribution = projectContribution(spec, scope, grouping);
      // A rate travels as its two counts: the cohort, then those that reached the stage.
      return spec.kind === 'rate'
        ? [sql`count(*) filter (where ${where})`, sql`coalesce(sum(${contribution}) filter (where ${where}), 0)`]
        : [sql`coalesce(sum(${contribution}) filter (where ${where}), 0)`];
    }).map((column, n) => sql`${column} as ${sql.identifier(`m${n}`)}`);
    const group = groupExpression(grouping, scope, dated);
    const rows = await ctx.db.execute<Record<string, unknown>>(
      sql`select ${group} as g, ${sql.join(columns, sql`, `)} from ${projects} where ${countedProjects(ctx, scope)} group by 1`,
    );
    for (const row of rowsOf<Record<string, unknown>>(rows)) {
      const target = slot(String(row.g ?? ''));
      let column = 0;
      const next = () => Number(row[`m${column++}`]);
      for (const { spec, i } of projectSpecs) {
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

  const fundSpecs = specs.map((spec, i) => ({ spec, i })).filter((s): s is { spec: Extract<MetricSpec, { kind: 'funds' }>; i: number } => s.spec.kind === 'funds');
  if (fundSpecs.length > 0) {
    const columns = fundSpecs.map(({ spec }, n) => {
      const amount = spec.amount === 'amountYuan' ? projectFunds.amountYuan : projectFunds.amountUsd;
      return sql`coalesce(sum(${amount}) filter (where ${projectFunds.source} = ${spec.source}), 0) as ${sql.identifier(`m${n}`)}`;
    });
    const group = groupExpression(grouping, scope, sql`${projectFunds.arrivedOn}`);
    const rows = await ctx.db.execute<Record<string, unknown>>(
      sql`select ${group} as g, ${sql.join(columns, sql`, `)}
          from ${projectFunds} join ${projects} on ${projects.id} = ${projectFunds.projectId}
          where ${projectFunds.voidedAt} is null and ${inPeriod(projectFunds.arrivedOn, scope.period)} and ${countedProjects(ctx, scope)}
          group by 1`,
    );
    for (const row of rowsOf<Record<string, unknown>>(rows)) {
      const target = slot(String(row.g ?? ''));
      fundSpecs.forEach(({ i }, n) => (target[i] = Number(row[`m${n}`])));
    }
  }
  return result;
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
  spec: MetricSpec,
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
          from ${projectFunds} join ${projects} on ${projects.id} = ${projectFunds.projectId}
          where ${projectFunds.voidedAt} is null and ${projectFunds.source} = ${spec.source} and ${inPeriod(projectFunds.arrivedOn, scope.period)}
            and ${countedProjects(ctx, scope)} and ${inGroup(sql`${projectFunds.arrivedOn}`)}
          order by ${projectFunds.arrivedOn}, ${projectFunds.id}`,
    );
    return rowsOf<MetricRecordRow>(rows).map(numeric);
  }
  const dated = STAGE_DATE[spec.kind === 'rate' ? spec.base : spec.on];
  const rows = await ctx.db.execute<MetricRecordRow>(
    sql`select ${common}, to_char(${dated}, 'YYYY-MM-DD') as date, ${projectContribution(spec, scope, group?.grouping)} as contribution, null as "fundId"
        from ${projects}
        where ${projectSpecWhere(spec, scope)} and ${countedProjects(ctx, scope)} and ${inGroup(dated)}
        order by ${dated}, ${projects.id}`,
  );
  return rowsOf<MetricRecordRow>(rows).map(numeric);
}

const numeric = (row: MetricRecordRow): MetricRecordRow => ({ ...row, contribution: Number(row.contribution), fundId: row.fundId === null ? null : Number(row.fundId) });
