import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, boolean, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { departments, enterprises, leads, projects, units, users } from './schema.ts';

/**
 * Industrial chains (产业链招商, issue 14): the city's chains, kept by the bureau. A chain has links (环节) in three
 * segments, as a tree; projects, leads and enterprises are placed on links; a link's status (强/弱/缺) is computed from
 * what sits on it, never stored. Nothing is deleted once records point to it: links and chains are retired.
 */
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const chains = pgTable(
  'chains',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** The template (data/chains/<key>.json) it was copied from; null when built from scratch. */
    templateKey: text('template_key'),
    /** 链长: a user, usually a city leader. */
    leaderUserId: integer('leader_user_id').references(() => users.id, { onDelete: 'restrict' }),
    /** 牵头部门. */
    leadDepartmentId: integer('lead_department_id').references(() => departments.id, { onDelete: 'restrict' }),
    active: boolean('active').notNull().default(true),
    /** The bureau's thresholds for 强/弱/缺 (ZChainThresholds in src/shared/chains.ts); {} = the defaults. */
    thresholds: jsonb('thresholds').notNull().default({}),
    position: integer('position').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('chains_name_key').on(t.name),
    check('chains_name_check', sql`length(trim(${t.name})) >= 1`),
    check('chains_template_key_check', sql`${t.templateKey} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const chainLinks = pgTable(
  'chain_links',
  {
    id: serial('id').primaryKey(),
    chainId: integer('chain_id')
      .notNull()
      .references(() => chains.id, { onDelete: 'restrict' }),
    /** The link above it; null for a link directly under its segment. Same chain (the composite key below). */
    parentId: integer('parent_id'),
    segment: text('segment').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    industryCodes: text('industry_codes').array().notNull().default(sql`'{}'::text[]`),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    products: text('products').array().notNull().default(sql`'{}'::text[]`),
    /** Order among its siblings. */
    position: integer('position').notNull().default(0),
    /** The template link's key it was copied from. */
    templateKey: text('template_key'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('chain_links_id_chain_key').on(t.id, t.chainId),
    foreignKey({ name: 'chain_links_parent_same_chain_fk', columns: [t.parentId, t.chainId], foreignColumns: [t.id, t.chainId] }).onDelete('restrict'),
    index('chain_links_chain_idx').on(t.chainId, t.parentId, t.position),
    check('chain_links_segment_check', sql`${t.segment} in ('upstream','midstream','downstream')`),
    check('chain_links_name_check', sql`length(trim(${t.name})) >= 1`),
    check('chain_links_parent_check', sql`${t.parentId} <> ${t.id}`),
  ],
);

/** 专班: the chain's task force. */
export const chainMembers = pgTable(
  'chain_members',
  {
    id: serial('id').primaryKey(),
    chainId: integer('chain_id')
      .notNull()
      .references(() => chains.id, { onDelete: 'restrict' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('chain_members_key').on(t.chainId, t.userId),
    check('chain_members_role_check', sql`${t.role} in ('head','member','liaison')`),
  ],
);

/**
 * What sits on a link: exactly one of a project, a lead or an enterprise. Suggested (by the system) or confirmed (by a
 * person). A project or a lead sits on at most one link in the city; an enterprise may sit on several links, once each.
 */
export const chainPlacements = pgTable(
  'chain_placements',
  {
    id: serial('id').primaryKey(),
    linkId: integer('link_id')
      .notNull()
      .references(() => chainLinks.id, { onDelete: 'restrict' }),
    projectId: integer('project_id').references((): AnyPgColumn => projects.id, { onDelete: 'restrict' }),
    leadId: integer('lead_id').references((): AnyPgColumn => leads.id, { onDelete: 'restrict' }),
    enterpriseId: integer('enterprise_id').references((): AnyPgColumn => enterprises.id, { onDelete: 'restrict' }),
    status: text('status').notNull(),
    /** Why it was suggested (the placement rule's reason), kept as shown. */
    reason: text('reason'),
    suggestedBy: integer('suggested_by').references(() => users.id, { onDelete: 'restrict' }),
    suggestedAt: timestamp('suggested_at', { withTimezone: true }),
    confirmedBy: integer('confirmed_by').references(() => users.id, { onDelete: 'restrict' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('chain_placements_project_key').on(t.projectId).where(sql`${t.projectId} is not null`),
    uniqueIndex('chain_placements_lead_key').on(t.leadId).where(sql`${t.leadId} is not null`),
    uniqueIndex('chain_placements_enterprise_key').on(t.enterpriseId, t.linkId).where(sql`${t.enterpriseId} is not null`),
    index('chain_placements_link_idx').on(t.linkId, t.status),
    check('chain_placements_one_record_check', sql`num_nonnulls(${t.projectId}, ${t.leadId}, ${t.enterpriseId}) = 1`),
    check('chain_placements_status_check', sql`${t.status} in ('suggested','confirmed')`),
    check('chain_placements_confirmed_check', sql`(${t.status} = 'confirmed') = (${t.confirmedAt} is not null)`),
  ],
);

/** "Not a fit" (不适合): an enterprise the city will not propose for a link again, with who said so and why. */
export const chainLinkRejections = pgTable(
  'chain_link_rejections',
  {
    id: serial('id').primaryKey(),
    linkId: integer('link_id')
      .notNull()
      .references(() => chainLinks.id, { onDelete: 'restrict' }),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'restrict' }),
    reason: text('reason').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('chain_link_rejections_key').on(t.linkId, t.enterpriseId),
    check('chain_link_rejections_reason_check', sql`length(trim(${t.reason})) >= 1`),
  ],
);

/**
 * The bureau's weights for whom to attract (招谁): one city-wide row (id 1), ZCandidateWeights in
 * src/shared/chain-candidates.ts; no row = DEFAULT_CANDIDATE_WEIGHTS.
 */
export const chainCandidateWeights = pgTable(
  'chain_candidate_weights',
  {
    id: integer('id').primaryKey(),
    weights: jsonb('weights').notNull(),
    updatedBy: integer('updated_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
  },
  (t) => [check('chain_candidate_weights_single_check', sql`${t.id} = 1`)],
);

// Whom to attract: the links' stored candidate lists (schema-chain-candidates.ts).
export * from './schema-chain-candidates.ts';
// Planned outbound trips, which a link's candidates are added to (schema-trip-plans.ts).
export * from './schema-trip-plans.ts';
