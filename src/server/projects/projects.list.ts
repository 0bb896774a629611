/**
 * The project list: its filters, sorts and totals as prepared statements per filter shape (issue 3's hot path),
 * and the ledger export's walk over the same filter. Each project is shown as the caller may see it (toProject).
 */
import { and, asc, count, desc, eq, gt, gte, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { projects, projectUnitCounts } from '../db/schema.ts';
import { isIndexedTerm, projectNameMatches } from './project-search.ts';
import { INLINE, PreparedStatements, StatementShape, prepareShaped, rowsDecoder, type Binder } from '../db/prepared.ts';
import type { ServiceContext } from '../context.ts';
import { inCallerScope, inUnitSubtree } from '../access/scope.ts';
import { enterpriseCreditCodeOf, enterpriseHqRegionOf, enterprisesWithHqIn } from '../enterprises/enterprises.service.ts';
import { industryPrefixes } from '../industries/industries.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import type { ZProjectListQuery } from '../../shared/projects.ts';
import type { z } from 'zod';
import { PROJECT_WITH_NAMES, toProject, type ProjectWithNames } from './projects.service.ts';

export type ListProjectsOptions = z.output<typeof ZProjectListQuery>;

/**
 * The list's filters as SQL, every value bound through `shape` so that one prepared statement serves every request
 * of the same shape. A name search never matches a confidential project's real name from outside its unit.
 */
function listFilter(ctx: ServiceContext, options: ListProjectsOptions, shape: Binder, byIndex = true): SQL | undefined {
  const bind = (name: keyof ListProjectsOptions | 'today' | 'callerUnitId', value: unknown) => shape.bind(name, value);
  const when = <T>(value: T | undefined, condition: (value: T) => SQL | undefined) => (value === undefined ? undefined : condition(value));
  return and(
    inCallerScope(ctx.caller, projects.unitId, shape),
    when(options.unitId, (v) => inUnitSubtree(projects.unitId, v, shape, 'unitId')),
    when(options.stage, (v) => eq(projects.stage, bind('stage', v))),
    when(options.deadlineStatus, (status) => {
      shape.choose(`deadline:${status}`);
      const today = bind('today', chinaToday(ctx.now));
      return {
        overdue: sql`${projects.nextDueOn} < ${today}`,
        dueSoon: sql`${projects.nextDueOn} >= ${today} and ${projects.warnFromOn} <= ${today}`,
        onTrack: sql`${projects.nextDueOn} >= ${today} and ${projects.warnFromOn} > ${today}`,
      }[status];
    }),
    when(options.industry, (code) =>
      or(...industryPrefixes(code).map((prefix, i) => sql`${projects.industryCode} like ${shape.bind(`industry${i}`, prefix + '%')}`)),
    ),
    when(options.minTotalYuan, (v) => gte(projects.totalInvestmentYuan, bind('minTotalYuan', v))),
    when(options.maxTotalYuan, (v) => lte(projects.totalInvestmentYuan, bind('maxTotalYuan', v))),
    when(options.sourceRegion, (region) => sql`${projects.investorEnterpriseId} in ${enterprisesWithHqIn(region, shape)}`),
    when(options.investorEnterpriseId, (v) =>
      and(
        eq(projects.investorEnterpriseId, bind('investorEnterpriseId', v)),
        // A code-named project's investor is withheld outside its unit: asking by the investor must not find it there.
        or(isNull(projects.codeName), eq(projects.unitId, bind('callerUnitId', ctx.caller.unitId))),
      ),
    ),
    when(options.projectType, (v) => eq(projects.projectType, bind('projectType', v))),
    when(options.fundSource, (v) => eq(projects.fundSource, bind('fundSource', v))),
    when(options.isMajor, (v) => eq(projects.isMajor, bind('isMajor', v))),
    when(options.inThreeBatch, (v) => (shape.choose(`inThreeBatch:${v}`), v ? isNotNull(projects.threeBatch) : isNull(projects.threeBatch))),
    when(options.q, (text) =>
      // The index finds the candidates (project-search.ts), the ILIKE keeps exactly the rows it always matched.
      projectNameMatches(
        text,
        ctx.caller.unitId,
        { pattern: (v) => bind('q', v), callerUnitId: (v) => bind('callerUnitId', v), term: (v) => shape.bind('qTerm', v) },
        byIndex,
      ),
    ),
  );
}

const SORTS = {
  newest: [desc(projects.id)],
  nextDue: [sql`${projects.nextDueOn} asc nulls last`, desc(projects.id)],
  totalDesc: [desc(projects.totalInvestmentYuan), desc(projects.id)],
  name: [asc(projects.name), asc(projects.id)],
} as const;

/** The list's statements: the page (with the kept total when unfiltered) and the filtered count, per shape. */
const listStatements = new PreparedStatements<{
  page: { execute(values: Record<string, unknown>): Promise<(ProjectWithNames & { keptTotal: string | null })[]> };
  count: { execute(values: Record<string, unknown>): Promise<{ total: number }[]> };
}>();

/**
 * Above this many rows, a name search pages by walking the list in its order (each page's rows come early), not by
 * sorting every candidate the index found; below it, the index's candidates are fewer than what the walk would read.
 */
const SEARCH_WALK_OVER = 1000;

export async function listProjects(ctx: ServiceContext, options: ListProjectsOptions) {
  const page = { limit: options.pageSize, offset: (options.page - 1) * options.pageSize };
  const today = chinaToday(ctx.now);
  const answer = (rows: ProjectWithNames[], total: number) => ({
    items: rows.map((row) => toProject(ctx, row, today)),
    total,
    page: options.page,
    pageSize: options.pageSize,
  });
  // A name search counts first, through the index (project-search.ts); the count then tells how to read the page.
  if (options.q !== undefined && isIndexedTerm(options.q)) {
    const indexed = listStatementsFor(ctx, options, true);
    const total = Number((await indexed.statements.count.execute(indexed.values))[0]?.total ?? 0);
    if (total === 0 || page.offset >= total) return answer([], total);
    const paging = total > SEARCH_WALK_OVER ? listStatementsFor(ctx, options, false) : indexed;
    return answer(await paging.statements.page.execute({ ...paging.values, ...page }), total);
  }
  const { statements, values, unfiltered } = listStatementsFor(ctx, options, true);
  const rows = await statements.page.execute({ ...values, ...page });
  const total =
    options.page === 1 && rows.length < options.pageSize
      ? rows.length
      : unfiltered && rows.length > 0
        ? Number(rows[0]!.keptTotal)
        : Number((await statements.count.execute(values))[0]?.total ?? 0);
  return answer(rows, total);
}

/** The prepared page and count of the list's shape for these options (a name search through the index or not). */
function listStatementsFor(ctx: ServiceContext, options: ListProjectsOptions, searchByIndex: boolean) {
  const shape = new StatementShape();
  const where = listFilter(ctx, options, shape, searchByIndex);
  const unfiltered = isUnfiltered(options);
  shape.choose(`sort:${options.sort}`);
  // An unfiltered list reads its exact total, summed from the per-unit counts the database keeps, in the same
  // statement as the page; a filtered one counts its rows — unless its first page is not full and so holds them all.
  const keptTotal = unfiltered ? keptTotalOf(ctx, options.unitId, shape) : sql<null>`null`;
  shape.choose(`unfiltered:${unfiltered}`);
  const name = shape.nameFor('projects_list');
  const statements = listStatements.get(ctx.db, name, () => {
    const selection = { ...PROJECT_WITH_NAMES, keptTotal };
    return {
      page: prepareShaped(
        ctx.db
          .select(selection)
          .from(projects)
          .where(where)
          .orderBy(...SORTS[options.sort])
          .limit(sql.placeholder('limit'))
          .offset(sql.placeholder('offset')),
        name,
        rowsDecoder<ProjectWithNames & { keptTotal: string | null }>(selection),
      ),
      count: prepareShaped(ctx.db.select({ total: count() }).from(projects).where(where), `${name}_count`),
    };
  });
  return { statements, values: shape.values, unfiltered };
}

/**
 * Every project the list's filter selects, oldest first, a thousand at a time (ledger exports stream them):
 * the same filter and scope as the list, with each project as the caller may see it plus its investor's
 * credit code and HQ region.
 */
export async function* projectsForLedger(ctx: ServiceContext, options: Omit<ListProjectsOptions, 'page' | 'pageSize' | 'sort'>) {
  const where = listFilter(ctx, { ...options, page: 1, pageSize: 1, sort: 'newest' }, INLINE);
  let after = 0;
  for (;;) {
    const rows = await ctx.db
      .select({
        ...PROJECT_WITH_NAMES,
        investorCreditCode: enterpriseCreditCodeOf(projects.investorEnterpriseId),
        investorHqRegion: enterpriseHqRegionOf(projects.investorEnterpriseId),
      })
      .from(projects)
      .where(and(where, gt(projects.id, after)))
      .orderBy(asc(projects.id))
      .limit(1000);
    if (rows.length === 0) return;
    yield rows.map((row) => {
      const project = toProject(ctx, row);
      return { ...project, investorCreditCode: project.confidential ? null : row.investorCreditCode, investorHqRegion: project.confidential ? null : row.investorHqRegion };
    });
    after = rows.at(-1)!.id;
  }
}

const LIST_FILTERS = [
  'q', 'stage', 'deadlineStatus', 'industry', 'minTotalYuan', 'maxTotalYuan', 'sourceRegion', 'projectType', 'fundSource', 'isMajor', 'inThreeBatch',
  'investorEnterpriseId',
] as const;

function isUnfiltered(options: ListProjectsOptions): boolean {
  return LIST_FILTERS.every((key) => options[key] === undefined);
}

/**
 * The number of projects in the caller's scope (or one unit's subtree of it, when the list is narrowed to a unit),
 * from the counts a trigger keeps per unit.
 */
function keptTotalOf(ctx: ServiceContext, narrowedTo: number | undefined, shape: Binder): SQL<string> {
  const scope = and(
    inCallerScope(ctx.caller, projectUnitCounts.unitId, shape),
    narrowedTo === undefined ? undefined : inUnitSubtree(projectUnitCounts.unitId, narrowedTo, shape, 'keptUnitId'),
  );
  return sql<string>`(select coalesce(sum(${projectUnitCounts.projects}), 0) from ${projectUnitCounts} where ${scope})`;
}
