import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { enterprises, units, users } from './schema.ts';
import { chainLinks } from './schema-chains.ts';

/**
 * Planned outbound trips (外出招商计划, issue 14 "add to a trip plan"): a unit's trip before it happens — its title, the
 * days it is planned for, and the enterprises to call on, each added from a chain link's candidates or by hand. A plan
 * is not a trip: trips (schema.ts) record what happened and count in the figures; a plan counts in none.
 */
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const tripPlans = pgTable(
  'trip_plans',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    fromOn: date('from_on').notNull(),
    toOn: date('to_on').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('trip_plans_unit_idx').on(t.unitId, t.toOn),
    check('trip_plans_dates_check', sql`${t.toOn} >= ${t.fromOn}`),
    check('trip_plans_title_check', sql`length(trim(${t.title})) >= 1`),
  ],
);

/** An enterprise to call on during a planned trip (once per plan); the link it was proposed for, when it came from one. */
export const tripPlanStops = pgTable(
  'trip_plan_stops',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => tripPlans.id, { onDelete: 'restrict' }),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'restrict' }),
    linkId: integer('link_id').references(() => chainLinks.id, { onDelete: 'restrict' }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('trip_plan_stops_key').on(t.planId, t.enterpriseId), index('trip_plan_stops_enterprise_idx').on(t.enterpriseId)],
);
