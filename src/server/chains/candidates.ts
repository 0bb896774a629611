import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import type { Caller } from '../context.ts';
import { inCallerScope } from '../access/scope.ts';
import { allIndustryCodes } from '../industries/industries.service.ts';
import { regionPresets } from '../regions/region-presets.ts';
import { DF_CAP, linkTerms, nameForm, scopeForm, termRarity, termTsquery } from '../../domain/chains/keywords.ts';
import {
  compareCandidates,
  industryMatch,
  presetPrefixes,
  rankCandidates,
  termPointsCeiling,
  type CandidateContext,
  type CandidateFacts,
  type TCandidate,
  type TCandidateLink,
  type TCandidateWeights,
  type TSizeBand,
} from '../../domain/chains/candidates.ts';
import type { TierEntry, TierList } from '../../domain/enterprise-tiers.ts';

/**
 * Whom to attract for a chain link (issue 14): the enterprises of the library that are not local and not merged into
 * another, on the link's subject (an industry code matching one of the link's, or one of its keywords and products in
 * the business scope or names), scored by src/domain/chains/candidates.ts with its reasons.
 *
 * How it stays fast over a million enterprises (docs/decisions.md, docs/benchmarks.md):
 * 1. the index finds the enterprises on the subject — the industry codes by a GIN index (the link's codes expanded
 *    to every code of the classification that matches them), the terms by their character pairs in the names' search
 *    tokens and the business scope's `scope_tokens` (GIN);
 * 2. SQL gives each a pre-score that is never below its real score — every factor exact except the keywords, which
 *    count as if every term whose pairs are there were written at full saturation — and keeps the best `pool`;
 * 3. the domain scores the pool exactly, best pre-score first, a chunk at a time; it stops when the last candidate kept
 *    scores more than the next unread pre-score (nothing unread can beat it). A pool used up without that reads a pool
 *    four times larger.
 *
 * Relationship facts (leads, visits) are read in the caller's unit subtree only: another unit's lead gives neither
 * points nor a reason.
 */

export type FindCandidatesOptions = {
  limit: number;
  excludeEnterpriseIds?: number[];
  weights: TCandidateWeights;
  /** The first pool read by pre-score (default max(1000, 20 × limit)); the answer is the same whatever it is. */
  firstPool?: number;
  /** The first chunk of the pool scored exactly (default max(100, 2 × limit)); the answer is the same whatever it is. */
  firstChunk?: number;
  /** Only these enterprises are scored (the stored lists' live part, src/server/chains/stored-candidates.ts). */
  onlyEnterpriseIds?: number[];
  /** The terms' document frequencies to score with, instead of counting them now (a stored list's). */
  documentFrequency?: ReadonlyMap<string, number>;
};

/** The first pool read by pre-score, and the first chunk of it scored exactly. */
const FIRST_POOL_MIN = 1000;
const FIRST_CHUNK_MIN = 100;

type LinkQuery = {
  terms: string[];
  exactCodes: string[];
  parentCodes: string[];
  /** Per term: its tsqueries over names and scope (null when the term has no character pair). */
  termQueries: Array<{ term: string; name: string | null; scope: string | null }>;
};

function expandLink(link: TCandidateLink): LinkQuery {
  const exact = new Set<string>();
  const parent = new Set<string>();
  const codes = [...new Set([...allIndustryCodes(), ...link.industryCodes])];
  for (const code of codes) {
    const kinds = link.industryCodes.map((l) => industryMatch(code, l));
    if (kinds.includes('exact')) exact.add(code);
    else if (kinds.includes('parent')) parent.add(code);
  }
  const terms = linkTerms(link);
  return {
    terms,
    exactCodes: [...exact].sort(),
    parentCodes: [...parent].sort(),
    termQueries: terms.map((term) => ({ term, name: termTsquery(term, nameForm), scope: termTsquery(term, scopeForm) })),
  };
}

function textArray(values: string[]): string {
  // Industry codes are letters and digits only (the contract's regex): a literal needs no quoting.
  return '{' + values.join(',') + '}';
}

/** Whether any of the term's pairs are in the names or the scope; `true` for a term with no pair (it cannot narrow). */
function termMayMatch(q: LinkQuery['termQueries'][number]): SQL {
  if (!q.name && !q.scope) return sql`true`;
  const parts: SQL[] = [];
  if (q.name) parts.push(sql`e.search_tokens @@ ${q.name}::tsquery`);
  if (q.scope) parts.push(sql`e.scope_tokens @@ ${q.scope}::tsquery`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** The enterprises on the link's subject, for the index: codes by GIN, terms with a pair by their pairs. */
function onSubject(query: LinkQuery): SQL {
  const alternatives: SQL[] = [];
  const codes = [...query.exactCodes, ...query.parentCodes];
  if (codes.length) alternatives.push(sql`e.industry_codes && ${textArray(codes)}::text[]`);
  const names = query.termQueries.flatMap((q) => (q.name ? [`(${q.name})`] : []));
  const scopes = query.termQueries.flatMap((q) => (q.scope ? [`(${q.scope})`] : []));
  if (names.length) alternatives.push(sql`e.search_tokens @@ ${names.join(' | ')}::tsquery`);
  if (scopes.length) alternatives.push(sql`e.scope_tokens @@ ${scopes.join(' | ')}::tsquery`);
  return alternatives.length ? sql`(${sql.join(alternatives, sql` or `)})` : sql`false`;
}

/** How many enterprises may contain each term (by its pairs), counted up to DF_CAP; a term with no pair counts as common. */
async function documentFrequencies(db: Db, query: LinkQuery): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const counted = query.termQueries.filter((q) => q.name || q.scope);
  for (const q of query.termQueries) if (!q.name && !q.scope) out.set(q.term, DF_CAP);
  if (counted.length === 0) return out;
  const columns = counted.map(
    (q, i) => sql`(select count(*)::int from (select 1 from enterprises e where e.merged_into_id is null and ${termMayMatch(q)} limit ${DF_CAP}) x) as ${sql.raw('df' + i)}`,
  );
  const [row] = await queryRows<Record<string, number>>(db, sql`select ${sql.join(columns, sql`, `)}`);
  counted.forEach((q, i) => out.set(q.term, Math.max(1, row![`df${i}`]!)));
  return out;
}

type PoolRow = { id: number; pre: number; leads: number; visits: number; group_local_name: string | null };

/**
 * The pre-score of every enterprise on the subject, best first, `pool` of them, with the relationship and group facts
 * (exact, and part of the pre-score).
 */
async function readPool(
  db: Db,
  caller: Caller,
  query: LinkQuery,
  weights: TCandidateWeights,
  context: CandidateContext,
  excluded: number[],
  pool: number,
  only?: number[],
): Promise<PoolRow[]> {
  const w = weights;
  const industry = sql`case when e.industry_codes && ${textArray(query.exactCodes)}::text[] then ${w.industry.exact}::int
    when e.industry_codes && ${textArray(query.parentCodes)}::text[] then ${w.industry.parent}::int else 0 end`;
  const termBounds = query.termQueries.map((q) => {
    const ceiling = termPointsCeiling(w, termRarity(context.documentFrequency.get(q.term) ?? 1));
    return sql`case when ${termMayMatch(q)} then ${ceiling}::float8 else 0 end`;
  });
  // A hair over the bound's float sum, so that rounding can never lift the real score above it.
  const keywords = termBounds.length
    ? sql`ceil(least(${w.keywords.max}::float8, ${sql.join(termBounds, sql` + `)}) + 1e-9)::int`
    : sql`0`;
  const tierCases = Object.entries(w.tiers).filter(([, points]) => (points ?? 0) > 0);
  const tier = tierCases.length
    ? sql`coalesce((select max(case t.list ${sql.join(tierCases.map(([list, points]) => sql`when ${list} then ${points}::int`), sql` `)} else 0 end)
        from enterprise_tiers t where t.enterprise_id = e.id), 0)`
    : sql`0`;
  const sizeCases = Object.entries(w.size).filter(([, points]) => (points ?? 0) > 0);
  const size = sizeCases.length
    ? sql`case e.size_band ${sql.join(sizeCases.map(([band, points]) => sql`when ${band} then ${points}::int`), sql` `)} else 0 end`
    : sql`0`;
  const regionCases = w.regions
    .filter((r) => r.points > 0 && context.regionPresets.has(r.preset))
    .sort((a, b) => b.points - a.points)
    .flatMap((r) => {
      const prefixes = presetPrefixes(context.regionPresets.get(r.preset)!);
      return prefixes.length ? [sql`when ${sql.join(prefixes.map((p) => sql`starts_with(e.hq_region_code, ${p})`), sql` or `)} then ${r.points}::int`] : [];
    });
  const region = regionCases.length ? sql`case ${sql.join(regionCases, sql` `)} else 0 end` : sql`0`;
  const excludedJson = JSON.stringify(excluded);
  // Given ids: only their relationships are read.
  const onlyRelated = (column: SQL) => (only ? sql`and ${column} = any(array(select value::int from jsonb_array_elements_text(${JSON.stringify(only)}::jsonb)))` : sql``);
  return queryRows<PoolRow>(
    db,
    sql`with recursive
      rel as (
        select x.enterprise_id, sum(x.lead)::int as leads, sum(x.visit)::int as visits from (
          select l.enterprise_id, 1 as lead, 0 as visit from leads l where l.enterprise_id is not null and ${inCallerScope(caller, sql`l.unit_id`)} ${onlyRelated(sql`l.enterprise_id`)}
          union all
          select v.enterprise_id, 0, 1 from visits v where v.enterprise_id is not null and ${inCallerScope(caller, sql`v.unit_id`)} ${onlyRelated(sql`v.enterprise_id`)}
        ) x group by x.enterprise_id),
      up(id, ancestor, depth) as (
        select g.id, g.parent_enterprise_id, 1 from enterprises g where g.parent_enterprise_id is not null
        union all
        select up.id, p.parent_enterprise_id, up.depth + 1 from up join enterprises p on p.id = up.ancestor
        where p.parent_enterprise_id is not null and up.depth < 30),
      member(id, root) as (
        select distinct on (up.id) up.id, up.ancestor from up order by up.id, up.depth desc),
      grouped(id, root) as (
        select id, root from member union select root, root from member),
      local_group(root, name) as (
        select distinct on (g.root) g.root, le.name from grouped g join enterprises le on le.id = g.id
        where le.local_unit_id is not null and le.merged_into_id is null order by g.root, le.id),
      group_local(id, name) as (
        select g.id, lg.name from grouped g join local_group lg on lg.root = g.root)
    select e.id,
      (${industry}) + (${keywords}) + (${tier}) + (${size}) + (${region})
        + case when coalesce(rel.leads, 0) > 0 then ${w.relationship.lead}::int else 0 end
        + case when coalesce(rel.visits, 0) > 0 then ${w.relationship.visit}::int else 0 end
        + case when gl.name is not null then ${w.groupNearby}::int else 0 end as pre,
      coalesce(rel.leads, 0) as leads, coalesce(rel.visits, 0) as visits, gl.name as group_local_name
    from ${
      // A few given enterprises are read by their ids (`offset 0` keeps the planner from scanning the subject's index instead).
      only
        ? sql`(select * from enterprises where id = any(array(select value::int from jsonb_array_elements_text(${JSON.stringify(only)}::jsonb))) offset 0) e`
        : sql`enterprises e`
    }
    left join rel on rel.enterprise_id = e.id
    left join group_local gl on gl.id = e.id
    where e.local_unit_id is null and e.merged_into_id is null
      and ${onSubject(query)}
      and not (e.id = any(array(select value::int from jsonb_array_elements_text(${excludedJson}::jsonb))))
    order by pre desc, e.id
    limit ${pool}`,
  );
}

type FactRow = {
  id: number;
  name: string;
  industry_codes: string[];
  business_scope: string | null;
  size_band: TSizeBand | null;
  hq_region_code: string | null;
  other_names: string[];
  tiers: TierEntry[];
};

async function readFacts(db: Db, rows: PoolRow[]): Promise<CandidateFacts[]> {
  if (rows.length === 0) return [];
  const facts = await queryRows<FactRow>(
    db,
    sql`select e.id, e.name, e.industry_codes, e.business_scope, e.size_band, e.hq_region_code,
        coalesce((select array_agg(n.name order by n.id) from enterprise_names n where n.enterprise_id = e.id), '{}') as other_names,
        coalesce((select jsonb_agg(jsonb_build_object('list', t.list, 'year', t.year, 'rank', t.rank, 'batch', t.batch) order by t.id)
                  from enterprise_tiers t where t.enterprise_id = e.id), '[]'::jsonb) as tiers
      from enterprises e
      where e.id = any(array(select value::int from jsonb_array_elements_text(${JSON.stringify(rows.map((r) => r.id))}::jsonb)))`,
  );
  const byId = new Map(facts.map((f) => [f.id, f]));
  return rows.map((r) => {
    const f = byId.get(r.id)!;
    return {
      enterpriseId: f.id,
      name: f.name,
      otherNames: f.other_names,
      industryCodes: f.industry_codes,
      businessScope: f.business_scope,
      sizeBand: f.size_band,
      hqRegionCode: f.hq_region_code,
      tiers: f.tiers.map((t) => ({ list: t.list as TierList, year: t.year, rank: t.rank, batch: t.batch })),
      visibleLeads: r.leads,
      visibleVisits: r.visits,
      groupLocalName: r.group_local_name,
    };
  });
}

/** The best `limit` candidates for a link, with their reasons; the same library, caller and weights give the same list. */
export async function findCandidates(db: Db, caller: Caller, link: TCandidateLink, options: FindCandidatesOptions): Promise<TCandidate[]> {
  const limit = Math.max(0, Math.floor(options.limit));
  const query = expandLink(link);
  if (limit === 0 || (query.exactCodes.length === 0 && query.parentCodes.length === 0 && query.terms.length === 0)) return [];
  if (options.onlyEnterpriseIds && options.onlyEnterpriseIds.length === 0) return [];
  const context: CandidateContext = {
    documentFrequency: options.documentFrequency ?? (await documentFrequencies(db, query)),
    regionPresets: regionPresets(),
  };
  const excluded = [...new Set(options.excludeEnterpriseIds ?? [])];
  for (let pool = Math.max(1, options.firstPool ?? Math.max(FIRST_POOL_MIN, limit * 20)); ; pool *= 4) {
    const rows = await readPool(db, caller, query, options.weights, context, excluded, pool, options.onlyEnterpriseIds);
    // Score the pool best pre-score first, a chunk at a time, until no row left (in the pool or beyond) can reach the
    // last one kept: every such row's pre-score, never below its real score, is at most the next unread row's.
    let best: TCandidate[] = [];
    for (let read = 0, chunk = Math.max(1, options.firstChunk ?? Math.max(FIRST_CHUNK_MIN, limit * 2)); read < rows.length; chunk *= 2) {
      const next = rows.slice(read, read + chunk);
      read += next.length;
      best = [...best, ...rankCandidates(link, await readFacts(db, next), options.weights, context, limit)].sort(compareCandidates).slice(0, limit);
      const unread = read < rows.length ? rows[read]!.pre : rows.length < pool ? null : rows[rows.length - 1]!.pre;
      if (unread === null || (best.length === limit && best[limit - 1]!.score > unread)) return best;
    }
    if (rows.length < pool) return best;
  }
}

/** The document frequencies of the link's terms in the library now (what a stored list is scored with). */
export async function linkDocumentFrequencies(db: Db, link: TCandidateLink): Promise<Map<string, number>> {
  return documentFrequencies(db, expandLink(link));
}

/** Exposed for the tests: the pre-scores SQL gives, to check they never fall below the real scores. */
export const internals = { expandLink, readPool, readFacts, documentFrequencies };
