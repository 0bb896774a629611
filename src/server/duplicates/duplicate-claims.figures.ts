import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { duplicateClaims } from '../db/schema.ts';

/**
 * 甄别 and the figures (issue 17): under the bureau's `holdOutUnderReview` counting rule, the later-recorded project of
 * every pair still open in the queue (project_b_id: pairs keep the smaller id first, ids grow as projects are recorded)
 * is held out of every figure until the pair is resolved — the investment counts once, with the first record. The one
 * predicate the metric queries (projects/metric-credits.ts) use, so every figure, drill-down and bulletin cell agrees.
 */
export function heldOutUnderReview(projectId: AnyPgColumn | SQL): SQL {
  return sql`exists (select 1 from ${duplicateClaims} where ${duplicateClaims.projectBId} = ${projectId} and ${duplicateClaims.status} = 'open')`;
}
