import { sql, type SQL } from 'drizzle-orm';
import { projects } from '../db/schema.ts';
import type { ScopeRules } from '../../domain/metrics.ts';
import { heldOutUnderReview } from '../duplicates/duplicate-claims.figures.ts';

/**
 * A project's credit in SQL, as the domain's `creditShares` / `creditedAmount` define it: the 落地单位 counts the
 * whole project, unless the bureau splits credit with the 首报单位 — then a project reported first by another unit
 * gives that unit its configured share and its 落地单位 the rest. The metric queries read projects through this
 * source: one row per credit, with the unit credited, its weight in percent and its part of any amount.
 */
export type CreditSource = {
  /** The FROM items: projects, and with a split each project's credits beside it. */
  from: SQL;
  /** Rows that are no credit at all (a split's missing 首报单位, a 100 % share's empty 落地 part). */
  where: SQL;
  /** The unit credited. */
  unitId: SQL;
  /** The credit's weight in percent: 100 when the project is wholly the unit's. */
  percent: SQL;
  /** The credit's part of an amount, in whole 元 or US dollars; the parts add up to the amount exactly. */
  amount(whole: SQL): SQL;
};

/**
 * A project the bureau's 甄别 merged into another is no credit at all: its survivor counts the investment once; under
 * `holdOutUnderReview`, neither is the later project of a pair still under review (issue 17). Figures that read
 * projects outside a credit source (events' signed projects, leads' signings) ask this too.
 */
export function projectCounts(rules: Pick<ScopeRules, 'holdOutUnderReview'>): SQL {
  const notMerged = sql`${projects.mergedIntoId} is null`;
  return rules.holdOutUnderReview ? sql`${notMerged} and not ${heldOutUnderReview(projects.id)}` : notMerged;
}

export function creditSource(rules: Pick<ScopeRules, 'reportingUnitSharePercent' | 'holdOutUnderReview'>): CreditSource {
  const notMerged = projectCounts(rules);
  const share = Math.trunc(rules.reportingUnitSharePercent ?? 0);
  if (share <= 0) {
    // The default: no lateral rows, the plain projects table the indexes serve.
    return { from: sql`${projects}`, where: notMerged, unitId: sql`${projects.unitId}`, percent: sql`100`, amount: (whole) => whole };
  }
  const split = sql`(${projects.reportedUnitId} is not null and ${projects.reportedUnitId} <> ${projects.unitId})`;
  const reported = (whole: SQL) => sql`((${whole}) * ${share}::int + 50) / 100`;
  return {
    from: sql`${projects} cross join lateral (values (${projects.unitId}, 'landing'), (${projects.reportedUnitId}, 'reporting')) as credit(unit_id, role)`,
    where: sql`${notMerged} and (credit.role = 'landing' and (not ${split} or ${share}::int < 100) or credit.role = 'reporting' and ${split})`,
    unitId: sql`credit.unit_id`,
    percent: sql`(case when credit.role = 'reporting' then ${share}::int when ${split} then ${100 - share}::int else 100 end)`,
    amount: (whole) => sql`(case when credit.role = 'reporting' then ${reported(whole)} when ${split} then (${whole}) - ${reported(whole)} else (${whole}) end)`,
  };
}
