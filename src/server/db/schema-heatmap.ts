import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { users } from './schema.ts';

/**
 * The city's priority source regions (issue 15, domain.md §7): the list of its investment plan, kept by the bureau —
 * each a name and the GB/T 2260 divisions or ISO countries it covers — outlined on the heat map with its totals.
 * One row for the installation; absent means none chosen yet.
 */
export const heatmapPriorityRegions = pgTable(
  'heatmap_priority_regions',
  {
    id: integer('id').primaryKey(),
    regions: jsonb('regions').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('heatmap_priority_regions_one_row', sql`${t.id} = 1`)],
);
