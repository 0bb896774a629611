import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import type { ServiceContext } from '../context.ts';
import { findIndustry, industryPrefixes } from '../industries/industries.service.ts';
import { regionName } from '../regions/regions.service.ts';
import {
  compareRanked,
  matchEnterprise,
  parseEnterpriseQuery,
  TIER_SEARCH_WEIGHT,
  type EnterpriseMatch,
  type EnterpriseQuery,
} from '../../domain/enterprise-search.ts';
import type { TEnterpriseSearchHit, TEnterpriseSearchResult } from '../../shared/enterprises-search.ts';
import type { z } from 'zod';
import type { ZEnterpriseSearchQuery } from '../../shared/enterprises-search.ts';

/**
 * Finding an enterprise (issue 13). Candidates come from indexes only: the exact name and name prefix by btree
 * (text_pattern_ops), a credit-code prefix by btree, and any piece of a name or pinyin by the GIN index on
 * search_tokens — at most CANDIDATES of them, filters applied in the same query. The domain then drops the token
 * query's false positives, ranks (exact, prefix, then tier, then the shorter name) and highlights the page.
 * A very common piece (有限, 科技) matches far more rows than are read: exact and prefix matches still come first,
 * the rest is a sample, and the answer says `capped`. Public facts: read city-wide by every signed-in user.
 */
export const SEARCH_CANDIDATES = 200;
const EXACT_AND_PREFIX = 50;

export type SearchEnterprisesOptions = z.output<typeof ZEnterpriseSearchQuery>;

type CandidateRow = {
  id: number;
  name: string;
  credit_code: string | null;
  hq_region_code: string | null;
  size_band: string | null;
  local_unit_id: number | null;
  industry_codes: string[];
  other_names: string[] | null;
  tiers: string[] | null;
  pinyin_start: boolean | null;
};

function likePrefix(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

function filtersOf(options: SearchEnterprisesOptions): SQL {
  // A duplicate merged into another record is hidden (issue 13, merging): only its survivor is found.
  const parts: SQL[] = [sql`e.merged_into_id is null`];
  if (options.tier) {
    parts.push(
      sql`exists (select 1 from enterprise_tiers t where t.enterprise_id = e.id and t.list = ${options.tier}${options.tierYear ? sql` and t.year = ${options.tierYear}` : sql``})`,
    );
  }
  if (options.industry) {
    const prefixes = JSON.stringify(industryPrefixes(options.industry));
    parts.push(
      sql`exists (select 1 from unnest(e.industry_codes) c, jsonb_array_elements_text(${prefixes}::jsonb) p where starts_with(c, p))`,
    );
  }
  if (options.region) parts.push(sql`e.hq_region_code like ${options.region + '%'}`);
  if (options.size) parts.push(sql`e.size_band = ${options.size}`);
  if (options.listed !== undefined) {
    const listed = sql`(e.listing_exchange is not null or exists (select 1 from enterprise_tiers t where t.enterprise_id = e.id and t.list = 'listed'))`;
    parts.push(options.listed ? listed : sql`not ${listed}`);
  }
  if (options.local !== undefined) parts.push(options.local ? sql`e.local_unit_id is not null` : sql`e.local_unit_id is null`);
  return sql.join(parts, sql` and `);
}

/** The ids of candidates: each arm reads an index and stops at its limit. */
function candidateIds(query: EnterpriseQuery | null, filters: SQL, options: SearchEnterprisesOptions, startOnly: boolean): SQL {
  if (!query) {
    // No words: a rare list drives (its index on enterprise_tiers, or the partial index of listed enterprises), so a
    // filter that few rows pass is not looked for row by row over the whole library.
    const list = options.tier ?? (options.listed ? 'listed' : null);
    if (!list) return sql`((select e.id from enterprises e where ${filters} order by e.id desc limit ${SEARCH_CANDIDATES}))`;
    const year = options.tier && options.tierYear ? sql` and t.year = ${options.tierYear}` : sql``;
    const byList = sql`(select e.id from enterprise_tiers t join enterprises e on e.id = t.enterprise_id where t.list = ${list}${year} and ${filters} limit ${SEARCH_CANDIDATES})`;
    if (options.tier) return sql`(${byList})`;
    return sql`(${byList} union (select e.id from enterprises e where e.listing_exchange is not null and ${filters} limit ${SEARCH_CANDIDATES}))`;
  }
  const arms: SQL[] = [
    sql`(select e.id from enterprises e where e.name = ${query.raw} and ${filters} limit ${EXACT_AND_PREFIX})`,
    sql`(select e.id from enterprises e where e.name like ${likePrefix(query.raw)} and ${filters} limit ${EXACT_AND_PREFIX})`,
  ];
  if (query.creditCodePrefix) {
    arms.push(sql`(select e.id from enterprises e where e.credit_code like ${likePrefix(query.creditCodePrefix)} and ${filters} limit ${EXACT_AND_PREFIX})`);
  }
  if (startOnly && query.pinyinPrefix) {
    const prefix = likePrefix(query.pinyinPrefix);
    arms.push(
      sql`(select e.id from enterprises e where e.name_pinyin like ${prefix} and ${filters} limit ${SEARCH_CANDIDATES})`,
      sql`(select e.id from enterprises e where e.name_initials like ${prefix} and ${filters} limit ${SEARCH_CANDIDATES})`,
    );
  } else if (query.tsquery) {
    arms.push(sql`(select e.id from enterprises e where e.search_tokens @@ ${query.tsquery}::tsquery and ${filters} limit ${SEARCH_CANDIDATES})`);
  }
  return sql`(${sql.join(arms, sql` union `)})`;
}

async function candidateRows(ctx: ServiceContext, query: EnterpriseQuery | null, options: SearchEnterprisesOptions, startOnly: boolean): Promise<CandidateRow[]> {
  const pinyinStart = query?.pinyinStartTsquery ? sql`e.search_tokens @@ ${query.pinyinStartTsquery}::tsquery` : sql`null::boolean`;
  return queryRows<CandidateRow>(
    ctx.db,
    sql`select e.id, e.name, e.credit_code, e.hq_region_code, e.size_band, e.local_unit_id, e.industry_codes,
          (select array_agg(n.name order by n.id) from enterprise_names n where n.enterprise_id = e.id) as other_names,
          (select array_agg(distinct t.list) from enterprise_tiers t where t.enterprise_id = e.id) as tiers,
          ${pinyinStart} as pinyin_start
        from ${candidateIds(query, filtersOf(options), options, startOnly)} as c(id) join enterprises e on e.id = c.id`,
  );
}

export async function searchEnterprises(ctx: ServiceContext, options: SearchEnterprisesOptions): Promise<TEnterpriseSearchResult> {
  const query = options.q ? parseEnterpriseQuery(options.q) : null;
  const usable = query && query.text.length > 0 ? query : null;
  // Letters that may start a name's pinyin: first the main names that start so, by btree; when they alone fill the cap
  // the answer is capped either way and these rank first, so the GIN index's far larger bitmap is not built.
  let rows = usable?.pinyinPrefix ? await candidateRows(ctx, usable, options, true) : [];
  if (rows.length < SEARCH_CANDIDATES) rows = await candidateRows(ctx, usable, options, false);

  const ranked = rows.flatMap((row) => {
    const candidate = { name: row.name, otherNames: row.other_names ?? [], creditCode: row.credit_code };
    let match: EnterpriseMatch | null = null;
    if (usable) {
      match = matchEnterprise(usable, candidate, row.pinyin_start === null ? 'none' : row.pinyin_start ? 'start' : 'inside');
      if (!match) return [];
    }
    const tiers = (row.tiers ?? []).sort((a, b) => (TIER_SEARCH_WEIGHT[b] ?? 0) - (TIER_SEARCH_WEIGHT[a] ?? 0));
    const tierWeight = TIER_SEARCH_WEIGHT[tiers[0] ?? ''] ?? 0;
    return [{ row, candidate, tiers, tierWeight, id: row.id, name: row.name, match: match ?? { rank: 0, field: 'name' as const, text: row.name, ranges: [] } }];
  });
  ranked.sort(compareRanked);

  const start = (options.page - 1) * options.pageSize;
  const items: TEnterpriseSearchHit[] = ranked.slice(start, start + options.pageSize).map((hit) => ({
    id: hit.row.id,
    name: hit.row.name,
    creditCode: hit.row.credit_code,
    hqRegionCode: hit.row.hq_region_code,
    hqRegionName: regionName(hit.row.hq_region_code),
    sizeBand: hit.row.size_band,
    local: hit.row.local_unit_id !== null,
    tiers: hit.tiers,
    // The page's highlights in full (pinyin included); ranking used the index's word for pinyin.
    match: usable ? (matchEnterprise(usable, hit.candidate) ?? hit.match) : null,
  }));

  return {
    items,
    total: ranked.length,
    capped: rows.length >= SEARCH_CANDIDATES,
    page: options.page,
    pageSize: options.pageSize,
    facets: facetsOf(ranked.map((r) => r.row)),
  };
}

function countBy(keys: Iterable<string>, counts: Map<string, number>) {
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sorted(counts: Map<string, number>) {
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function facetsOf(rows: CandidateRow[]): TEnterpriseSearchResult['facets'] {
  const tier = new Map<string, number>();
  const province = new Map<string, number>();
  const industrySection = new Map<string, number>();
  for (const row of rows) {
    countBy(new Set(row.tiers ?? []), tier);
    // A foreign HQ (issue 15) counts under its country's code: it has no province.
    if (row.hq_region_code) countBy([/^\d/.test(row.hq_region_code) ? row.hq_region_code.slice(0, 2) + '0000' : row.hq_region_code], province);
    countBy(new Set(row.industry_codes.flatMap((code) => findIndustry(code)?.section ?? [])), industrySection);
  }
  return { tier: sorted(tier), province: sorted(province), industrySection: sorted(industrySection) };
}
