import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { projects, users } from './schema.ts';

/**
 * Count once (三明, issue 17): a re-signing, a supplementary agreement, a phase already counted, an expansion
 * (增资扩产, its increment) or a change of investor, recorded on the project it belongs to instead of as a new
 * project (src/domain/count-once.ts). Append-only like the stage history it is shown in. `detail` keeps what the
 * action changed as it was then (the investors' ids and names), a record of history rather than a live reference.
 */
export const projectCountOnce = pgTable(
  'project_count_once',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    action: text('action').notNull(),
    happenedOn: date('happened_on').notNull(),
    reason: text('reason').notNull(),
    /** 增资扩产: the investment added, whole 元. */
    incrementYuan: bigint('increment_yuan', { mode: 'number' }),
    detail: jsonb('detail').notNull().default({}),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'restrict' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('project_count_once_project_idx').on(t.projectId, t.id),
    check('project_count_once_action_check', sql`${t.action} in ('resign','supplement','phase','expansion','investorChange')`),
    check('project_count_once_reason_check', sql`length(trim(${t.reason})) > 0`),
    check('project_count_once_increment_check', sql`(${t.action} = 'expansion') = (${t.incrementYuan} is not null) and coalesce(${t.incrementYuan}, 1) > 0`),
  ],
);
