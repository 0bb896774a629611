import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { chainLinks, chainPlacements, enterprises, projectFunds, projects, stageVerifications, units } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { inCallerScope } from '../access/scope.ts';
import type { MetricSpec, Period, ProjectCondition, ScopeRules, StageDateField } from '../../domain/metrics.ts';
import { creditSource, type CreditSource } from './metric-credits.ts';

/**
 * The metric catalogue compiled to SQL (issue 5): each spec of src/domain/metrics.ts becomes one aggregate with a
 * FILTER, all of a request's metrics in one statement over projects and one over fund entries, grouped by what a
 * breakdown asks for. The domain's `evaluate` is the reference these queries are tested against.
 */
/**
 * 'unit': the chosen unit's children; 'subtree': every unit, each over its own subtree (a month close's snapshot);
 * 'chain': the industrial chain the project is confirmed on (issue 14), '' for a project on no chain (未归链).
 * 'investor': the investor enterprise's id ('' for none), for the heat map, which places each investor once (issue 15).
 * 'sourceRegion': the investor's stored source region (its ultimate parent's HQ, '' when unknown), for the heat map;
 * 'province': the same region's province, for the cockpit's 按来源地.
 */
export type MetricGrouping = 'none' | 'unit' | 'subtree' | 'division' | 'industryGroup' | 'province' | 'investor' | 'sourceRegion' | 'stage' | 'month' | 'chain';

export type MetricScope = {
  period: Period;
  rules: ScopeRules;
  /** The unit whose subtree is counted (inside the caller's scope), with its path. */
  unit: { id: number; path: string };
  /** A further condition on the projects counted (the heat map's filters: chain, tier, stage, type, estimated; issue 15). */
  projectFilter?: SQL | null;
};

export const STAGE_DATE: Record<StageDateField, AnyPgColumn> = {
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
export function countedProjects(ctx: ServiceContext, scope: MetricScope, credit: CreditSource): SQL {
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

export const inPeriod = (column: SQL | AnyPgColumn, period: Period) => sql`${column} between ${period.from}::date and ${period.to}::date`;

/** The day a rate's cohort is measured by: the period's end, or the end of the row's month when grouped by month. */
export function measuredBy(spec: Extract<MetricSpec, { kind: 'rate' }>, period: Period, grouping: MetricGrouping): SQL {
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
export function projectContribution(spec: Extract<MetricSpec, { kind: 'projects' | 'rate' }>, scope: MetricScope, credit: CreditSource, grouping: MetricGrouping = 'none'): SQL {
  if (spec.kind === 'rate') {
    const by = measuredBy(spec, scope.period, grouping);
    return sql`case when ${sql.join(spec.reached.map((field) => sql`${countedDate(field, scope.rules)} <= ${by}`), sql` or `)} then ${credit.percent} else 0 end`;
  }
  if (spec.sum === 'contract') return credit.amount(sql`coalesce(${projects.contractInvestmentYuan}, ${projects.totalInvestmentYuan})`);
  if (spec.sum === 'total') return credit.amount(sql`${projects.totalInvestmentYuan}`);
  return credit.percent;
}

/** A count travels as the sum of its credits' weights in percent: 1.5 projects are 150. */
export const countedIn = (spec: Extract<MetricSpec, { kind: 'projects' | 'rate' }>) => spec.kind === 'projects' && spec.sum === undefined;

export function groupExpression(grouping: MetricGrouping, scope: MetricScope, dated: SQL | AnyPgColumn | null): SQL {
  switch (grouping) {
    case 'none':
      return sql`''`;
    case 'unit': {
      // The child of the chosen unit whose subtree holds the project: the path segment after the chosen unit's own.
      // Written in, not bound: a statement that rolls the groups up names the expression three times (issue 19).
      const position = scope.unit.path.split('/').filter(Boolean).length + 2;
      return sql`split_part(${units.path}, '/', ${sql.raw(String(position))})`;
    }
    case 'subtree':
      return sql`ancestor.id::text`;
    case 'division':
      return sql`coalesce(left(${projects.industryCode}, 2), '')`;
    case 'industryGroup':
      // 中类 (issue 16): a project coded only to its division (2 digits) stays under the division's code.
      return sql`coalesce(left(${projects.industryCode}, 3), '')`;
    case 'province':
      // A foreign source region (an ISO country code, issue 15's foreign HQ) is its own group: it has no province.
      return sql`coalesce(case when investor_region.source_region_code ~ '^[0-9]' then left(investor_region.source_region_code, 2) || '0000' else investor_region.source_region_code end, '')`;
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
export function projectsJoined(grouping: MetricGrouping, credit: CreditSource): SQL {
  if (grouping === 'unit') return sql`${credit.from} join ${units} on ${units.id} = ${credit.unitId}`;
  if (grouping === 'subtree') {
    // Each credit counts in its unit and in every unit above it.
    return sql`${credit.from} join ${units} on ${units.id} = ${credit.unitId}
      cross join lateral unnest(string_to_array(trim(both '/' from ${units.path}), '/')::int[]) as ancestor(id)`;
  }
  if (grouping === 'sourceRegion' || grouping === 'province') {
    // The source region of an investment is its investor's ultimate parent's HQ (domain.md §7; sourceRegionCode in
    // src/domain/enterprise-groups.ts), stored on the enterprise and kept by the database (migration 0050): one join,
    // no walk up the group tree (issue 15); the cockpit's 按来源地 groups it by province.
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

/** The project and fund specs: the ones this area's tables answer. */
export type ProjectMetricSpec = Extract<MetricSpec, { kind: 'projects' | 'rate' | 'funds' }>;

/** `execute` answers with the rows (PGlite) or a result holding them (node-postgres). */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

export type MetricRecordRow = {
  projectId: number;
  name: string;
  codeName: string | null;
  /** The 落地单位. */
  unitId: number;
  unitName: string;
  stage: string;
  date: string | null;
  contribution: number;
  fundId: number | null;
  /** How much of the project the figure credits: 100 unless its credit is split with its 首报单位. */
  creditPercent: number;
  /** Whether the caller may open the project: a 首报单位 sees its credit, not another unit's project. */
  openable: boolean;
};

/**
 * The records behind a metric (optionally one group of a breakdown): each with what it adds to the number. A
 * project whose credit is split appears once, with the credits that fall inside the figure added together.
 */
export async function metricRecordRows(
  ctx: ServiceContext,
  spec: ProjectMetricSpec,
  scope: MetricScope,
  group: { grouping: MetricGrouping; keys: string[] } | null,
): Promise<MetricRecordRow[]> {
  const credit = creditSource(scope.rules);
  const joined = projectsJoined(group?.grouping ?? 'none', credit);
  const inGroup = (dated: SQL | AnyPgColumn | null) =>
    group ? sql`${groupExpression(group.grouping, scope, dated)} = any(${sql.param(group.keys)}::text[])` : sql`true`;
  const common = sql`${projects.id} as "projectId", ${projects.name} as name, ${projects.codeName} as "codeName", ${projects.unitId} as "unitId",
    (select landing.name from ${units} as landing where landing.id = ${projects.unitId}) as "unitName", ${projects.stage} as stage, ${credit.percent} as "creditPercent",
    ${inCallerScope(ctx.caller, projects.unitId)} as "openable"`;
  if (spec.kind === 'funds') {
    const amount = credit.amount(sql`${spec.amount === 'amountYuan' ? projectFunds.amountYuan : projectFunds.amountUsd}`);
    const rows = await ctx.db.execute<MetricRecordRow>(
      sql`select ${common}, to_char(${projectFunds.arrivedOn}, 'YYYY-MM-DD') as date, coalesce(${amount}, 0) as contribution, ${projectFunds.id} as "fundId"
          from ${joined} join ${projectFunds} on ${projectFunds.projectId} = ${projects.id}
          where ${projectFunds.voidedAt} is null and ${projectFunds.source} = ${spec.source} and ${inPeriod(projectFunds.arrivedOn, scope.period)}
            and ${countedProjects(ctx, scope, credit)} and ${inGroup(sql`${projectFunds.arrivedOn}`)}
          order by ${projectFunds.arrivedOn}, ${projectFunds.id}`,
    );
    return mergedCredits(rowsOf<MetricRecordRow>(rows), false);
  }
  const dated = STAGE_DATE[spec.kind === 'rate' ? spec.base : spec.on];
  const rows = await ctx.db.execute<MetricRecordRow>(
    sql`select ${common}, to_char(${dated}, 'YYYY-MM-DD') as date, ${projectContribution(spec, scope, credit, group?.grouping)} as contribution, null as "fundId"
        from ${joined}
        where ${projectSpecWhere(spec, scope)} and ${countedProjects(ctx, scope, credit)} and ${inGroup(dated)}
        order by ${dated}, ${projects.id}`,
  );
  // Counts and rates add up weights in percent; a record shows its share of one project.
  return mergedCredits(rowsOf<MetricRecordRow>(rows), spec.kind === 'rate' || countedIn(spec));
}

function mergedCredits(rows: MetricRecordRow[], inPercent: boolean): MetricRecordRow[] {
  const merged = new Map<string, MetricRecordRow>();
  for (const row of rows) {
    const key = `${row.projectId}:${row.fundId ?? ''}`;
    const before = merged.get(key);
    const contribution = Number(row.contribution);
    const creditPercent = Number(row.creditPercent);
    if (before) {
      before.contribution += contribution;
      before.creditPercent += creditPercent;
    } else {
      merged.set(key, { ...row, contribution, creditPercent, fundId: row.fundId === null ? null : Number(row.fundId) });
    }
  }
  const result = [...merged.values()];
  if (inPercent) for (const row of result) row.contribution /= 100;
  return result;
}

/**
 * Per sub-unit of the scope (the assessment's deductions, issue 5): counted projects whose start deadline — signing
 * plus the rule's months or days — fell on or before the period's end without a start by that day. The dates are the
 * ones figures count (issue 17): under confirmed-only, a signing waiting for confirmation starts no deadline yet and a
 * start waiting for it has not happened yet — as the cockpit counts them.
 */
export async function lateStartsBySubUnit(ctx: ServiceContext, scope: MetricScope, deadline: { amount: number; unit: 'months' | 'days' }) {
  const signed = countedDate('signedOn', scope.rules);
  const started = countedDate('startedOn', scope.rules);
  const due = sql`(${signed} + ${deadline.unit === 'months' ? sql`make_interval(months => ${deadline.amount}::int)` : sql`make_interval(days => ${deadline.amount}::int)`})::date`;
  return countBySubUnit(
    ctx,
    scope,
    sql`${signed} is not null and ${projects.stage} <> 'terminated' and ${due} <= ${scope.period.to}::date
        and (${started} is null or ${started} > ${due})`,
  );
}

/** Per sub-unit: counted projects signed in the period whose investor is a 世界500强 (the assessment's bonus). */
export async function fortune500SignedBySubUnit(ctx: ServiceContext, scope: MetricScope) {
  return countBySubUnit(
    ctx,
    scope,
    sql`${inPeriod(countedDate('signedOn', scope.rules), scope.period)}
        and exists (select 1 from ${enterprises} where ${enterprises.id} = ${projects.investorEnterpriseId} and ${enterprises.fortuneGlobal500})`,
  );
}

/**
 * Deductions and bonuses stay with the 落地单位, whatever the credit split: it is the one that delivers the project.
 * Which projects count at all follows the figures' rules (issue 17): a merged project never, the later project of a
 * pair under review not while the bureau holds such pairs out.
 */
async function countBySubUnit(ctx: ServiceContext, scope: MetricScope, condition: SQL): Promise<Map<string, number>> {
  const landing = creditSource({ holdOutUnderReview: scope.rules.holdOutUnderReview });
  const rows = await ctx.db.execute(
    sql`select ${groupExpression('unit', scope, null)} as g, count(*) as n from ${projectsJoined('unit', landing)}
        where ${countedProjects(ctx, scope, landing)} and ${condition} group by 1`,
  );
  return new Map(rowsOf<{ g: string; n: unknown }>(rows).map((r) => [r.g, Number(r.n)]));
}
