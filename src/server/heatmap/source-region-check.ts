import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../projects/metrics.queries.ts';

export type SourceRegionDifference = { id: number; name: string; stored: string | null; expected: string | null };

/**
 * The enterprises whose stored source region (migration 0050, kept by triggers) is not the one their group tree gives
 * — the HQ of the highest enterprise up the tree whose HQ is known, a foreign country included (issue 15) — computed
 * afresh from every tree's top down, as `sourceRegionCode` in the domain does. Empty when the triggers kept it.
 * For `zhaoshang verify`; one statement, at most `limit` rows.
 */
export async function sourceRegionDifferences(db: Db, limit = 50): Promise<SourceRegionDifference[]> {
  const result = await db.execute(sql`
    with recursive tree(id, source, depth) as (
      select id, hq_region_code, 0 from enterprises where parent_enterprise_id is null
      union all
      select e.id, coalesce(tree.source, e.hq_region_code), tree.depth + 1 from enterprises e join tree on e.parent_enterprise_id = tree.id where tree.depth < 100
    )
    select e.id, e.name, e.source_region_code as stored, tree.source as expected
    from enterprises e join tree on tree.id = e.id
    where e.source_region_code is distinct from tree.source
    order by e.id
    limit ${limit}`);
  return rowsOf<{ id: number; name: string; stored: string | null; expected: string | null }>(result).map((r) => ({ id: Number(r.id), name: r.name, stored: r.stored, expected: r.expected }));
}
