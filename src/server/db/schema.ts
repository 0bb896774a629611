import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The unit tree. `path` is "/rootId/…/id/" so that a subtree is a prefix match. */
export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id, { onDelete: 'restrict' }),
    path: text('path').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('units_code_key').on(t.code),
    uniqueIndex('units_path_key').on(t.path),
    index('units_path_pattern_idx').using('btree', sql`${t.path} text_pattern_ops`),
    uniqueIndex('units_single_root_key').on(sql`(true)`).where(sql`${t.parentId} is null`),
    check('units_kind_check', sql`${t.kind} in ('city','county','district','zone','park','town')`),
    check('units_root_is_city_check', sql`(${t.parentId} is null) = (${t.kind} = 'city')`),
    check('units_path_check', sql`${t.path} like '/%/' and ${t.path} like '%/' || ${t.id} || '/'`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    locale: text('locale').notNull().default('zh-CN'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    check('users_role_check', sql`${t.role} in ('bureau','staff','leader','department')`),
    check('users_locale_check', sql`${t.locale} in ('zh-CN','en')`),
    check('users_failed_logins_check', sql`${t.failedLogins} >= 0`),
  ],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Append-only: a trigger refuses UPDATE and DELETE (see migration 0001). No foreign keys on purpose:
 * history outlives the users and units it names.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    requestId: text('request_id'),
    actorUserId: integer('actor_user_id'),
    actorUnitId: integer('actor_unit_id'),
    unitId: integer('unit_id'),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_unit_idx').on(t.unitId),
  ],
);

export const enterprises = pgTable(
  'enterprises',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    creditCode: text('credit_code'),
    hqRegionCode: text('hq_region_code'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enterprises_credit_code_key').on(t.creditCode).where(sql`${t.creditCode} is not null`),
    index('enterprises_unit_idx').on(t.unitId),
    check('enterprises_credit_code_check', sql`${t.creditCode} ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'`),
    check('enterprises_hq_region_check', sql`${t.hqRegionCode} ~ '^[0-9]{6}$'`),
    check('enterprises_name_check', sql`length(trim(${t.name})) >= 2`),
  ],
);

export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    investorEnterpriseId: integer('investor_enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'restrict' }),
    /** 总投资 in whole 元. */
    totalInvestmentYuan: bigint('total_investment_yuan', { mode: 'number' }).notNull(),
    stage: text('stage').notNull().default('lead'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('projects_unit_idx').on(t.unitId),
    index('projects_investor_idx').on(t.investorEnterpriseId),
    check('projects_total_investment_check', sql`${t.totalInvestmentYuan} >= 0`),
    check(
      'projects_stage_check',
      sql`${t.stage} in ('lead','signed','registered','started','producing','inStats','stalled','terminated')`,
    ),
    check('projects_name_check', sql`length(trim(${t.name})) >= 2`),
  ],
);
