import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './schema.ts';
import { chains } from './schema-chains.ts';

/**
 * A chain's yearly targets (issue 14: "the targets grid gains chain rows"): per year × chain × metric, set by the
 * bureau, read by everyone; progress is computed from the projects confirmed on the chain's links, never typed in.
 * A sibling of `targets` rather than a nullable chain_id there: every reader of `targets` (bulletin, assessment,
 * month close, the xlsx) takes a row for a unit, and a chain target belongs to the city, not to a unit.
 */
export const chainTargets = pgTable(
  'chain_targets',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    chainId: integer('chain_id')
      .notNull()
      .references(() => chains.id, { onDelete: 'restrict' }),
    metricKey: text('metric_key').notNull(),
    /** In the metric's own unit: whole 元, whole US dollars or a count. */
    value: bigint('value', { mode: 'number' }).notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('chain_targets_year_chain_metric_key').on(t.year, t.chainId, t.metricKey),
    check('chain_targets_value_check', sql`${t.value} > 0`),
    check('chain_targets_year_check', sql`${t.year} between 2000 and 2100`),
  ],
);
