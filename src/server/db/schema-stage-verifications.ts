import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, projects, projectStageEvents, users } from './schema.ts';

/**
 * 核实 (issue 17): the bureau's verification settings — which stages wait for confirmation from which amount, who
 * reviews, whether official figures count confirmed changes only — as one row (src/domain/stage-verification.ts).
 */
export const verificationSettings = pgTable(
  'verification_settings',
  {
    id: integer('id').primaryKey(),
    settings: jsonb('settings').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('verification_settings_one_row', sql`${t.id} = 1`)],
);

/**
 * One reported stage change under verification: reported → confirmed, or → rejected (with a reason) → reported
 * again when the unit resubmits; withdrawn when the change itself is revoked. The stage change stays in the history
 * whatever happens here; official figures leave out a stage whose change is reported or rejected (the metric
 * queries' `confirmedStage`).
 */
export const stageVerifications = pgTable(
  'stage_verifications',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    stageEventId: integer('stage_event_id')
      .notNull()
      .references(() => projectStageEvents.id, { onDelete: 'cascade' }),
    stage: text('stage').notNull(),
    status: text('status').notNull().default('reported'),
    reviewerDepartmentId: integer('reviewer_department_id').references(() => departments.id, { onDelete: 'restrict' }),
    /** When it was (last) reported: the waiting time counts from here. */
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    reportedBy: integer('reported_by').references(() => users.id, { onDelete: 'restrict' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'restrict' }),
    /** The reviewer's reason (a rejection needs one) or note. */
    reason: text('reason'),
    /** Every step as { status, at, by, reason } — the unit sees why it was sent back, even after resubmitting. */
    steps: jsonb('steps').notNull().default([]),
  },
  (t) => [
    uniqueIndex('stage_verifications_event_key').on(t.stageEventId),
    // Deleting a project (an import's revert deletes thousands) checks this table for rows that point at it: without
    // an index on the column every deletion scanned the whole table.
    index('stage_verifications_project_idx').on(t.projectId),
    // Official figures ask, per project and stage, whether a change still waits: only those rows are indexed.
    index('stage_verifications_open_idx').on(t.projectId, t.stage).where(sql`${t.status} in ('reported','rejected')`),
    index('stage_verifications_queue_idx').on(t.reportedAt).where(sql`${t.status} = 'reported'`),
    check('stage_verifications_status_check', sql`${t.status} in ('reported','confirmed','rejected','withdrawn')`),
    check('stage_verifications_stage_check', sql`${t.stage} in ('signed','registered','started','producing','inStats')`),
    check('stage_verifications_rejected_check', sql`${t.status} <> 'rejected' or length(trim(coalesce(${t.reason}, ''))) > 0`),
  ],
);
