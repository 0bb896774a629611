import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { projects, users } from './schema.ts';

/**
 * Duplicate claims (issue 17, 甄别): a pair of projects of different units that look like one investment recorded
 * twice, found on create / update / ledger import and by the periodic re-scan (src/server/duplicates/). One row per
 * pair, the smaller project id first. An open pair is re-scored as its projects change and dropped when it no longer
 * scores; a decided pair (not a duplicate, credit split, merged) is never proposed again and never re-scored.
 */
export const duplicateClaims = pgTable(
  'duplicate_claims',
  {
    id: serial('id').primaryKey(),
    projectAId: integer('project_a_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    projectBId: integer('project_b_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** 0…1000: thousandths (src/domain/duplicate-claims.ts). */
    scorePermille: integer('score_permille').notNull(),
    /** The domain's reasons, as data: rendered in the reader's language. */
    reasons: jsonb('reasons').notNull().default([]),
    status: text('status').notNull().default('open'),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: integer('resolved_by').references(() => users.id, { onDelete: 'restrict' }),
    /** What the decision did, e.g. { keptProjectId, creditedUnitId, sharePercent } for a credit split. */
    resolution: jsonb('resolution'),
    reason: text('reason'),
  },
  (t) => [
    uniqueIndex('duplicate_claims_pair_key').on(t.projectAId, t.projectBId),
    index('duplicate_claims_project_b_idx').on(t.projectBId),
    index('duplicate_claims_open_idx').on(t.scorePermille).where(sql`${t.status} = 'open'`),
    check('duplicate_claims_order_check', sql`${t.projectAId} < ${t.projectBId}`),
    check('duplicate_claims_score_check', sql`${t.scorePermille} between 0 and 1000`),
    check('duplicate_claims_status_check', sql`${t.status} in ('open','notDuplicate','creditSplit','merged')`),
    check('duplicate_claims_resolved_check', sql`(${t.status} = 'open') = (${t.resolvedAt} is null)`),
  ],
);

/**
 * A merge decided in the 甄别 queue (issue 17): the merged project's records moved to the survivor, listed by kind and
 * id (`moved`) with what the merged project's row held before (its deadline columns), so that undoing it puts back
 * exactly that. `undoneAt` set once undone; a project is merged at most once at a time.
 */
export const projectMerges = pgTable(
  'project_merges',
  {
    id: serial('id').primaryKey(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => duplicateClaims.id, { onDelete: 'restrict' }),
    survivorId: integer('survivor_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    mergedId: integer('merged_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    moved: jsonb('moved').notNull(),
    reason: text('reason').notNull(),
    mergedBy: integer('merged_by').references(() => users.id, { onDelete: 'restrict' }),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
    undoneBy: integer('undone_by').references(() => users.id, { onDelete: 'restrict' }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoReason: text('undo_reason'),
  },
  (t) => [
    index('project_merges_claim_idx').on(t.claimId),
    index('project_merges_survivor_idx').on(t.survivorId),
    uniqueIndex('project_merges_active_key').on(t.mergedId).where(sql`${t.undoneAt} is null`),
    check('project_merges_self_check', sql`${t.survivorId} <> ${t.mergedId}`),
    check('project_merges_undone_check', sql`(${t.undoneAt} is null) = (${t.undoReason} is null)`),
  ],
);
