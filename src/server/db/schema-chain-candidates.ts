import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { enterprises } from './schema.ts';
import { chainLinks } from './schema-chains.ts';

/**
 * Whom to attract, fast (issue 14): per link, the best `k` enterprises of the library by the part of the score that does
 * not depend on who asks (everything but the relationship factors), with their reasons, rebuilt off the request path
 * (src/server/chains/candidate-lists.job.ts). A request adds the caller's relationship points to it and stays exact
 * (src/server/chains/stored-candidates.ts); a list is used only while it was computed from the current weights, the
 * link's current codes and terms and an unchanged library (`stale` is set by triggers on the library's tables).
 */
export const chainLinkCandidateLists = pgTable(
  'chain_link_candidate_lists',
  {
    linkId: integer('link_id')
      .primaryKey()
      .references(() => chainLinks.id, { onDelete: 'cascade' }),
    /** Set by a statement on enterprises, enterprise_names or enterprise_tiers (triggers); cleared when a rebuild starts. */
    stale: boolean('stale').notNull().default(true),
    /** A rebuild is under way (since then): the rows are not to be used. */
    buildingSince: timestamp('building_since', { withTimezone: true }),
    /** The weights, the link's codes / keywords / products and the document frequencies the list was computed with. */
    weights: jsonb('weights').notNull(),
    link: jsonb('link').notNull(),
    documentFrequency: jsonb('document_frequency').notNull(),
    /** How many were asked for; `complete` = fewer scored anything, so every enterprise not listed scores 0 without relationship. */
    k: integer('k').notNull(),
    complete: boolean('complete').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    /** How long the rebuild took (ms), for docs/benchmarks.md. */
    buildMs: integer('build_ms').notNull(),
  },
  (t) => [check('chain_link_candidate_lists_k_check', sql`${t.k} >= 1`)],
);

export const chainLinkCandidates = pgTable(
  'chain_link_candidates',
  {
    linkId: integer('link_id')
      .notNull()
      .references(() => chainLinks.id, { onDelete: 'cascade' }),
    /** 1 = best (score desc, then enterprise id). */
    rank: integer('rank').notNull(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The score without the relationship factors, and its reasons (TCandidateReason[]) as scoring gave them. */
    baseScore: integer('base_score').notNull(),
    reasons: jsonb('reasons').notNull(),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.rank] }), index('chain_link_candidates_enterprise_idx').on(t.linkId, t.enterpriseId)],
);
