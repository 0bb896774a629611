/**
 * The aggregates as they were computed before issue 19's rewrite (metrics.queries.ts at 2632e37), kept verbatim for
 * the tests only: src/server/projects/aggregates-before.test.ts checks that the rewritten statements give exactly these
 * figures — every grouping, every metric, credit split, 待甄别 hold-out, 只计已核实, merged projects — on both engines.
 * Not used by the app.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { chainLinks, chainPlacements, enterprises, projectFunds, projects, stageVerifications, units } from '../../src/server/db/schema.ts';
import type { ServiceContext } from '../../src/server/context.ts';
import { inCallerScope } from '../../src/server/access/scope.ts';
import type { MetricSpec, Period, ProjectCondition, ScopeRules, StageDateField } from '../../src/domain/metrics.ts';
import { creditSource, type CreditSource } from '../../src/server/projects/metric-credits.ts';

/**
 * The metric catalogue compiled to SQL (issue 5): each spec of src/domain/metrics.ts becomes one aggregate with a
 * FILTER, all of a request's metrics in one statement over projects and one over fund entries, grouped by what a
 * breakdown asks for. The domain's `evaluate` is the reference these queries are tested against.
 */
/**
 * 'unit': the chosen unit's children; 'subtree': every unit, each over its own subtree (a month close's snapshot);
 * 'chain': the industrial chain the project is confirmed on (issue 14), '' for a project on no chain (未归链).
 * 'investor': the investor enterprise's id ('' for none), for the heat map, which places each investor once (issue 15).
 * 'sourceRegion': the investor's stored source region (its ultimate parent's HQ, '' when unknown), for the heat map.
 */
export type MetricGrouping = 'none' | 'unit' | 'subtree' | 'division' | 'province' | 'investor' | 'sourceRegion' | 'stage' | 'month' | 'chain';

export type MetricScope = {
  period: Period;
  rules: ScopeRules;
  /** The unit whose subtree is counted (inside the caller's scope), with its path. */
  unit: { id: number; path: string };
  /** A further condition on the projects counted (the heat map's filters: chain, tier, stage, type, estimated; issue 15). */
  projectFilter?: SQL | null;
};

const STAGE_DATE: Record<StageDateField, AnyPgColumn> = {
  signedOn: projects.signedOn,
  registeredOn: projects.registeredOn,
  startedOn: projects.startedOn,
  producingOn: projects.producingOn,
  inStatsOn: projects.inStatsOn,
};

const STAGE_OF: Record<StageDateField, string> = {
  signedOn: 'signed',
  registeredOn: 'registered',
  startedOn: 'started',
  producingOn: 'producing',
  inStatsOn: 'inStats',
};

/**
 * A stage's date as the figures count it: under the bureau's confirmed-only setting (核实, issue 17) a stage whose
 * change still waits for confirmation (reported, or rejected and not yet corrected) has no date yet — the one rule
 * every project metric, its drill-down and its rates go through (the domain's `countedDate`).
 */
export function countedDate(field: StageDateField, rules: Pick<ScopeRules, 'confirmedOnly'>): SQL | AnyPgColumn {
  if (!rules.confirmedOnly) return STAGE_DATE[field];
  return sql`(case when ${stageWaiting(field, rules)} then null else ${STAGE_DATE[field]} end)`;
}

/** Whether the project's change to this stage waits for confirmation, so that figures do not count it yet (never unless confirmed-only). */
export function stageWaiting(field: StageDateField, rules: Pick<ScopeRules, 'confirmedOnly'>): SQL {
  if (!rules.confirmedOnly) return sql`false`;
  return sql`exists (select 1 from ${stageVerifications} where ${stageVerifications.projectId} = ${projects.id} and ${stageVerifications.stage} = ${STAGE_OF[field]} and ${stageVerifications.status} in ('reported','rejected'))`;
}

const likePrefix = (path: string) => path.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

/** Credits to units of the chosen unit's subtree, within the caller's scope, of projects that count under the rules. */
function countedProjects(ctx: ServiceContext, scope: MetricScope, credit: CreditSource): SQL {
  const { rules } = scope;
  const parts: SQL[] = [
    credit.where,
    inCallerScope(ctx.caller, credit.unitId),
    sql`${credit.unitId} = any(array(select ${units.id} from ${units} where ${units.path} like ${likePrefix(scope.unit.path)}))`,
  ];
  const sources = rules.excludedFundSources.filter((s) => s !== null);
  if (sources.length > 0) parts.push(sql`coalesce(${projects.fundSource}, '') <> all(${sql.param(sources)}::text[])`);
  if (rules.excludedFundSources.includes(null)) parts.push(sql`${projects.fundSource} is not null`);
  if (rules.excludeEstimated) parts.push(sql`not ${projects.amountsEstimated}`);
  if (scope.projectFilter) parts.push(scope.projectFilter);
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
  if (spec.kind === 'rate') return inPeriod(countedDate(spec.base, scope.rules), scope.period);
  return sql`${inPeriod(countedDate(spec.on, scope.rules), scope.period)} and ${conditionSql(spec.condition, scope.rules)}`;
}

/**
 * What a credit adds to a metric: its weight in percent (a count, read back divided by 100), its part of the
 * contracted or total investment; for a rate, its weight when the project reached the stage.
 */
function projectContribution(spec: Extract<MetricSpec, { kind: 'projects' | 'rate' }>, scope: MetricScope, credit: CreditSource, grouping: MetricGrouping = 'none'): SQL {
  if (spec.kind === 'rate') {
    const by = measuredBy(spec, scope.period, grouping);
    return sql`case when ${sql.join(spec.reached.map((field) => sql`${countedDate(field, scope.rules)} <= ${by}`), sql` or `)} then ${credit.percent} else 0 end`;
  }
  if (spec.sum === 'contract') return credit.amount(sql`coalesce(${projects.contractInvestmentYuan}, ${projects.totalInvestmentYuan})`);
  if (spec.sum === 'total') return credit.amount(sql`${projects.totalInvestmentYuan}`);
  return credit.percent;
}

/** A count travels as the sum of its credits' weights in percent: 1.5 projects are 150. */
const countedIn = (spec: Extract<MetricSpec, { kind: 'projects' | 'rate' }>) => spec.kind === 'projects' && spec.sum === undefined;

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
      return sql`coalesce(left(investor_source.hq_region_code, 2) || '0000', '')`;
    case 'investor':
      return sql`coalesce(${projects.investorEnterpriseId}::text, '')`;
    case 'sourceRegion':
      return sql`coalesce(investor_region.source_region_code, '')`;
    case 'stage':
      return sql`${projects.stage}`;
    case 'chain':
      return sql`coalesce(project_chain.chain_id::text, '')`;
    case 'month':
      return sql`to_char(${dated}, 'YYYY-MM')`;
  }
}

/** Projects' credits, joined to what the grouping reads: the credited unit's path, or the investor's headquarters. */
function projectsJoined(grouping: MetricGrouping, credit: CreditSource): SQL {
  if (grouping === 'unit') return sql`${credit.from} join ${units} on ${units.id} = ${credit.unitId}`;
  if (grouping === 'subtree') {
    // Each credit counts in its unit and in every unit above it.
    return sql`${credit.from} join ${units} on ${units.id} = ${credit.unitId}
      cross join lateral unnest(string_to_array(trim(both '/' from ${units.path}), '/')::int[]) as ancestor(id)`;
  }
  if (grouping === 'province') {
    // The source region of an investment is its investor's ultimate parent's HQ (domain.md §7; sourceRegionCode in
    // src/domain/enterprise-groups.ts): the highest enterprise up the group tree whose HQ is known.
    return sql`${credit.from} left join lateral (
        with recursive up(id, parent_id, hq_region_code, depth) as (
          select ${enterprises.id}, ${enterprises.parentEnterpriseId}, ${enterprises.hqRegionCode}, 0
            from ${enterprises} where ${enterprises.id} = ${projects.investorEnterpriseId}
          union all
          select parent.id, parent.parent_enterprise_id, parent.hq_region_code, up.depth + 1
            from up join enterprises parent on parent.id = up.parent_id where up.depth < 30
        )
        select up.hq_region_code from up where up.hq_region_code is not null order by up.depth desc limit 1
      ) as investor_source on true`;
  }
  if (grouping === 'sourceRegion') {
    // Stored on the enterprise and kept by the database (migration 0050): one join, no walk up the group tree.
    return sql`${credit.from} left join ${enterprises} as investor_region on investor_region.id = ${projects.investorEnterpriseId}`;
  }
  if (grouping === 'chain') {
    // Only a confirmed placement counts a project toward a chain. A project sits on at most one link in the city
    // (chain_placements_project_key), so it counts once for its chain whether on a link or a sub-link.
    return sql`${credit.from} left join lateral (
        select ${chainLinks.chainId} as chain_id from ${chainPlacements} join ${chainLinks} on ${chainLinks.id} = ${chainPlacements.linkId}
        where ${chainPlacements.projectId} = ${projects.id} and ${chainPlacements.status} = 'confirmed' limit 1
      ) as project_chain on true`;
  }
  return credit.from;
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
  const credit = creditSource(scope.rules);
  const columns = specs
    .flatMap(({ spec }) => {
      const where = projectSpecWhere(spec, scope);
      const contribution = projectContribution(spec, scope, credit, grouping);
      // A rate travels as its two weights: the cohort's, then those that reached the stage.
      return spec.kind === 'rate'
        ? [sql`coalesce(sum(${credit.percent}) filter (where ${where}), 0)`, sql`coalesce(sum(${contribution}) filter (where ${where}), 0)`]
        : [sql`coalesce(sum(${contribution}) filter (where ${where}), 0)`];
    })
    .map((column, n) => sql`${column} as ${sql.identifier(`m${n}`)}`);
  // Only rows dated in the period can count for any of the specs: the others are left out before aggregating.
  const anyDated = sql.join(specs.map(({ spec }) => projectSpecWhere(spec, scope)), sql` or `);
  const rows = await ctx.db.execute(
    sql`select ${groupExpression(grouping, scope, dated)} as g, ${sql.join(columns, sql`, `)} from ${projectsJoined(grouping, credit)}
        where ${countedProjects(ctx, scope, credit)} and (${anyDated})
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
        target[i] = countedIn(spec) ? next() / 100 : next();
      }
    }
  }
}

async function aggregateFunds(ctx: ServiceContext, specs: Indexed<'funds'>[], scope: MetricScope, grouping: MetricGrouping, slot: Slot) {
  const credit = creditSource(scope.rules);
  const columns = specs.map(({ spec }, n) => {
    const amount = credit.amount(sql`${spec.amount === 'amountYuan' ? projectFunds.amountYuan : projectFunds.amountUsd}`);
    return sql`coalesce(sum(${amount}) filter (where ${projectFunds.source} = ${spec.source}), 0) as ${sql.identifier(`m${n}`)}`;
  });
  const rows = await ctx.db.execute(
    sql`select ${groupExpression(grouping, scope, sql`${projectFunds.arrivedOn}`)} as g, ${sql.join(columns, sql`, `)}
        from ${projectsJoined(grouping, credit)} join ${projectFunds} on ${projectFunds.projectId} = ${projects.id}
        where ${projectFunds.voidedAt} is null and ${inPeriod(projectFunds.arrivedOn, scope.period)}
          and ${projectFunds.source} = any(${sql.param([...new Set(specs.map(({ spec }) => spec.source))])}::text[]) and ${countedProjects(ctx, scope, credit)}
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

