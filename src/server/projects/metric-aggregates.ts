import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { projectFunds, projects, units } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import type { MetricSpec } from '../../domain/metrics.ts';
import { creditSource, type CreditSource } from './metric-credits.ts';
import {
  countedIn,
  countedProjects,
  groupExpression,
  inPeriod,
  projectContribution,
  projectSpecWhere,
  projectsJoined,
  rowsOf,
  STAGE_DATE,
  type MetricGrouping,
  type MetricScope,
  type ProjectMetricSpec,
} from './metrics.queries.ts';

/**
 * The catalogue's project and fund metrics per group, one statement each over projects and fund entries (issue 19).
 * Each figure's aggregate comes from the catalogue's single definition (metrics.queries.ts: the spec's row predicate
 * and contribution, the credit source); this file only decides how rows are grouped:
 * - by unit (a breakdown's child units, a month close's subtrees), credits are summed per credited unit first — one
 *   pass over the rows, no join — and that small result is joined to the unit tree to roll up to the chosen level;
 * - by anything else, the rows are grouped by their key directly;
 * - the whole scope's figure is the rollup of the same groups (GROUPING SETS), never a second scan. A rate travels as
 *   its cohort's and its reached weights, so its total is the ratio of the summed weights, not a sum of ratios.
 */

/** A rate whose cohort is empty has no value (null), which a bulletin writes as "—". */
export type Grouped = Map<string, (number | null)[]>;
/** The groups and the whole scope's values (one per spec, in order); a subtree grouping has no total of its own. */
export type Aggregates = { groups: Grouped; total: (number | null)[] };

type Indexed<K extends MetricSpec['kind']> = { spec: Extract<MetricSpec, { kind: K }>; i: number };

const emptyValues = (specs: ProjectMetricSpec[]) => specs.map((s) => (s.kind === 'rate' ? null : 0));

/**
 * The metrics' values per group and over the whole scope: for each group, one number per spec in the order given (a
 * rate as a fraction). Grouping by month needs a single date, so it takes one spec at a time.
 */
export async function aggregateMetrics(ctx: ServiceContext, specs: ProjectMetricSpec[], scope: MetricScope, grouping: MetricGrouping): Promise<Aggregates> {
  if (grouping === 'month' && specs.length !== 1) throw new Error('a monthly series is computed one metric at a time');
  const groups: Grouped = new Map();
  const total = emptyValues(specs);
  const target = (group: string | null) => {
    if (group === null) return total;
    return groups.get(group) ?? (groups.set(group, emptyValues(specs)), groups.get(group)!);
  };
  const indexed = specs.map((spec, i) => ({ spec, i }));
  const projectSpecs = indexed.filter((s): s is Indexed<'projects' | 'rate'> => s.spec.kind === 'projects' || s.spec.kind === 'rate');
  const fundSpecs = indexed.filter((s): s is Indexed<'funds'> => s.spec.kind === 'funds');
  // One statement over projects and one over fund entries, side by side.
  await Promise.all([
    projectSpecs.length > 0 && aggregateProjects(ctx, projectSpecs, scope, grouping, target),
    fundSpecs.length > 0 && aggregateFunds(ctx, fundSpecs, scope, grouping, target),
  ]);
  // Without a grouping the scope's figure is the one group.
  if (grouping === 'none') groups.set('', total);
  return { groups, total };
}

type Target = (group: string | null) => (number | null)[];

/**
 * The statement around a grouping's aggregate: `columns(inner)` are the sums over the rows (`inner` false) or over
 * per-unit sums (`inner` true), named m0, m1, …; `rows` are the filtered credits (FROM … WHERE …) with the credited
 * unit as `unitId` and the grouping's key as `key`. Answers rows of { g, whole, m0, … }: `whole` marks the total row.
 */
function groupedStatement(grouping: MetricGrouping, scope: MetricScope, sums: SQL[], rows: { from: SQL; where: SQL; unitId: SQL; key: SQL }): SQL {
  const named = (wrap: (n: number, column: SQL) => SQL) => sql.join(sums.map((column, n) => sql`${wrap(n, column)} as ${sql.identifier(`m${n}`)}`), sql`, `);
  if (grouping === 'none') {
    return sql`select '' as g, true as whole, ${named((_, c) => c)} from ${rows.from} where ${rows.where}`;
  }
  if (grouping === 'unit' || grouping === 'subtree') {
    // Credits summed per credited unit first, then rolled up the unit tree (a handful of rows, however many projects).
    const perUnit = sql`select ${rows.unitId} as unit_id, ${named((_, c) => c)} from ${rows.from} where ${rows.where} group by 1`;
    const rolled = named((n) => sql`sum(per_unit.${sql.identifier(`m${n}`)})`);
    if (grouping === 'subtree') {
      // Each unit's sums count in its own subtree and in every one above it: no total beyond the scope's own unit.
      return sql`select ancestor.id::text as g, false as whole, ${rolled} from (${perUnit}) as per_unit join ${units} on ${units.id} = per_unit.unit_id
        cross join lateral unnest(string_to_array(trim(both '/' from ${units.path}), '/')::int[]) as ancestor(id) group by ancestor.id`;
    }
    const child = groupExpression('unit', scope, null);
    return sql`select ${child} as g, grouping(${child}) = 1 as whole, ${rolled} from (${perUnit}) as per_unit join ${units} on ${units.id} = per_unit.unit_id
      group by rollup (${child})`;
  }
  return sql`select ${rows.key} as g, grouping(${rows.key}) = 1 as whole, ${named((_, c) => c)} from ${rows.from} where ${rows.where} group by rollup (${rows.key})`;
}

/** The FROM items a grouping's key reads: by unit none beyond the credits (the tree is joined after summing). */
function rowsFrom(grouping: MetricGrouping, credit: CreditSource): SQL {
  return grouping === 'unit' || grouping === 'subtree' ? credit.from : projectsJoined(grouping, credit);
}

/** Sums by unit are summed again up the tree: each column is a plain sum of the row's contributions, zero when none. */
function spread(rows: unknown, specs: { i: number }[], target: Target, read: (row: Record<string, unknown>, values: (number | null)[]) => void) {
  for (const row of rowsOf<Record<string, unknown>>(rows)) {
    const whole = row.whole === true || row.whole === 't';
    read(row, target(whole ? null : String(row.g ?? '')));
  }
  return specs;
}

async function aggregateProjects(ctx: ServiceContext, specs: Indexed<'projects' | 'rate'>[], scope: MetricScope, grouping: MetricGrouping, target: Target) {
  const first = specs[0]!.spec;
  const dated = grouping === 'month' ? STAGE_DATE[first.kind === 'rate' ? first.base : first.on] : null;
  const credit = creditSource(scope.rules);
  const sums = specs.flatMap(({ spec }) => {
    const where = projectSpecWhere(spec, scope);
    const contribution = projectContribution(spec, scope, credit, grouping);
    // A rate travels as its two weights: the cohort's, then those that reached the stage.
    return spec.kind === 'rate'
      ? [sql`coalesce(sum(${credit.percent}) filter (where ${where}), 0)`, sql`coalesce(sum(${contribution}) filter (where ${where}), 0)`]
      : [sql`coalesce(sum(${contribution}) filter (where ${where}), 0)`];
  });
  // Only rows dated in the period can count for any of the specs: the others are left out before aggregating.
  const anyDated = sql.join(specs.map(({ spec }) => projectSpecWhere(spec, scope)), sql` or `);
  const statement = groupedStatement(grouping, scope, sums, {
    from: rowsFrom(grouping, credit),
    where: sql`${countedProjects(ctx, scope, credit)} and (${anyDated})`,
    unitId: credit.unitId,
    key: groupExpression(grouping, scope, dated),
  });
  spread(await ctx.db.execute(statement), specs, target, (row, values) => {
    let column = 0;
    const next = () => Number(row[`m${column++}`]);
    for (const { spec, i } of specs) {
      if (spec.kind === 'rate') {
        const base = next();
        const done = next();
        values[i] = base === 0 ? null : done / base;
      } else {
        values[i] = countedIn(spec) ? next() / 100 : next();
      }
    }
  });
}

async function aggregateFunds(ctx: ServiceContext, specs: Indexed<'funds'>[], scope: MetricScope, grouping: MetricGrouping, target: Target) {
  const credit = creditSource(scope.rules);
  const sums = specs.map(({ spec }) => {
    const amount = credit.amount(sql`${spec.amount === 'amountYuan' ? projectFunds.amountYuan : projectFunds.amountUsd}`);
    return sql`coalesce(sum(${amount}) filter (where ${projectFunds.source} = ${spec.source}), 0)`;
  });
  const arrived: AnyPgColumn = projectFunds.arrivedOn;
  const statement = groupedStatement(grouping, scope, sums, {
    from: sql`${rowsFrom(grouping, credit)} join ${projectFunds} on ${projectFunds.projectId} = ${projects.id}`,
    where: sql`${projectFunds.voidedAt} is null and ${inPeriod(arrived, scope.period)}
      and ${projectFunds.source} = any(${sql.param([...new Set(specs.map(({ spec }) => spec.source))])}::text[]) and ${countedProjects(ctx, scope, credit)}`,
    unitId: credit.unitId,
    key: groupExpression(grouping, scope, arrived),
  });
  spread(await ctx.db.execute(statement), specs, target, (row, values) => specs.forEach(({ i }, n) => (values[i] = Number(row[`m${n}`]))));
}
