import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  date,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
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

/** 职能部门 (发改, 资规, 住建, 供电…): they receive the problems projects raise. A department sits at a unit level. */
export const departments = pgTable(
  'departments',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('departments_unit_name_key').on(t.unitId, t.name), check('departments_name_check', sql`length(trim(${t.name})) > 0`)],
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
    /** For department users: the department whose routed problems they see and act on. */
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'restrict' }),
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
 * Failed logins counted per account name (known or not, so both answer alike), per account name and client
 * address, and per client address: delays that grow, then the account's lock (src/domain/login-throttle.ts).
 * Keys are hashes, so a password typed into the name field is not kept.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    key: text('key').primaryKey(),
    kind: text('kind').notNull(),
    /** The account key this row counts for (account and pair rows), so the bureau's unlock clears them all. */
    account: text('account'),
    failures: integer('failures').notNull().default(0),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [
    index('login_throttles_account_idx').on(t.account),
    check('login_throttles_kind_check', sql`${t.kind} in ('account', 'pair', 'address')`),
    check('login_throttles_failures_check', sql`${t.failures} >= 0`),
  ],
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
    /** The ledger import that made the change, if one did. */
    importBatchId: integer('import_batch_id'),
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
    /**
     * Where its headquarters is: a GB/T 2260 code in China (香港, 澳门, 台湾 as 810000, 820000, 710000), or abroad an
     * ISO 3166-1 alpha-2 country code (DE, JP, SG …; never CN, HK, MO, TW). Issue 15's foreign HQ, migration 0052.
     */
    hqRegionCode: text('hq_region_code'),
    /** The city of a foreign HQ as written (慕尼黑, Osaka); only beside a country code. */
    hqCity: text('hq_city'),
    /**
     * 世界500强 (Fortune Global 500): the assessment may give a bonus for projects such an investor signs. Derived from
     * the tier entries (issue 13, docs/decisions.md): on the latest 世界500强 list on record or the one before.
     */
    fortuneGlobal500: boolean('fortune_global_500').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // The library's public facts (issue 13). `unitId` above is the unit that recorded the enterprise (录入单位).
    englishName: text('english_name'),
    /** GB/T 4754 codes (section letter or 2–4 digits). */
    industryCodes: text('industry_codes').array().notNull().default(sql`'{}'::text[]`),
    registeredCapitalYuan: bigint('registered_capital_yuan', { mode: 'number' }),
    foundedOn: date('founded_on', { mode: 'string' }),
    businessScope: text('business_scope'),
    listingExchange: text('listing_exchange'),
    listingTicker: text('listing_ticker'),
    sizeBand: text('size_band'),
    website: text('website'),
    /** The group tree: the parent enterprise (no cycles, checked in the service). */
    parentEnterpriseId: integer('parent_enterprise_id').references((): AnyPgColumn => enterprises.id, { onDelete: 'restrict' }),
    /** Registered or operating in the city, in this unit; null = a target elsewhere. */
    localUnitId: integer('local_unit_id').references(() => units.id, { onDelete: 'restrict' }),
    /** A duplicate the bureau merged into this enterprise (issue 13): kept so the merge can be undone, hidden from search and lists. */
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => enterprises.id, { onDelete: 'restrict' }),
    /**
     * The source region of its investments (domain.md §7, issue 15): the HQ of the highest enterprise up its group tree
     * whose HQ is known — its parent's source region, else its own HQ. Never written by the application: kept by the
     * database's triggers (migration 0050) whenever an HQ or a parent changes, down the whole tree, in the same
     * transaction; the heat map groups by it.
     */
    sourceRegionCode: text('source_region_code'),
  },
  (t) => [
    uniqueIndex('enterprises_credit_code_key').on(t.creditCode).where(sql`${t.creditCode} is not null`),
    index('enterprises_unit_idx').on(t.unitId),
    index('enterprises_parent_idx').on(t.parentEnterpriseId),
    index('enterprises_local_unit_idx').on(t.localUnitId),
    // Deleting an enterprise (a revert removing the investors it added) checks nothing was merged into it: by index.
    index('enterprises_merged_into_idx').on(t.mergedIntoId).where(sql`${t.mergedIntoId} is not null`),
    check('enterprises_credit_code_check', sql`${t.creditCode} ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'`),
    check('enterprises_hq_region_check', sql`${t.hqRegionCode} ~ '^[0-9]{6}$' or (${t.hqRegionCode} ~ '^[A-Z]{2}$' and ${t.hqRegionCode} not in ('CN', 'HK', 'MO', 'TW'))`),
    check('enterprises_hq_city_check', sql`${t.hqCity} is null or (${t.hqRegionCode} ~ '^[A-Z]{2}$' and length(trim(${t.hqCity})) between 1 and 100)`),
    check('enterprises_name_check', sql`length(trim(${t.name})) >= 2`),
    check('enterprises_capital_check', sql`${t.registeredCapitalYuan} >= 0`),
    check('enterprises_size_band_check', sql`${t.sizeBand} in ('large','medium','small','micro')`),
    check('enterprises_parent_check', sql`${t.parentEnterpriseId} <> ${t.id}`),
  ],
);

/** An enterprise's other names (issue 13): former names, 简称, English names and aliases. */
export const enterpriseNames = pgTable(
  'enterprise_names',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('enterprise_names_key').on(t.enterpriseId, t.kind, t.name),
    index('enterprise_names_name_idx').on(t.name),
    check('enterprise_names_kind_check', sql`${t.kind} in ('former','short','english','alias')`),
    check('enterprise_names_name_check', sql`length(trim(${t.name})) >= 1`),
  ],
);

/** Tiers as dated list entries (issue 13): 2024 世界500强 #…, 2023 专精特新"小巨人" 第五批 — who was on which list when. */
export const enterpriseTiers = pgTable(
  'enterprise_tiers',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    /** A code of src/domain/enterprise-tiers.ts. */
    list: text('list').notNull(),
    year: integer('year').notNull(),
    rank: integer('rank'),
    batch: text('batch'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('enterprise_tiers_key').on(t.enterpriseId, t.list, t.year),
    index('enterprise_tiers_list_idx').on(t.list, t.year),
    check(
      'enterprise_tiers_list_check',
      sql`${t.list} in ('fortune_global_500','china_500','private_500','central_soe','soe','listed','little_giant','srdi','high_tech','unicorn','industry_leader')`,
    ),
    check('enterprise_tiers_year_check', sql`${t.year} between 1900 and 2200`),
    check('enterprise_tiers_rank_check', sql`${t.rank} >= 1`),
  ],
);

/** Contacts at an enterprise (issue 13): personal data, kept per unit that collected them and read in its subtree. */
export const enterpriseContacts = pgTable(
  'enterprise_contacts',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'restrict' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('enterprise_contacts_enterprise_idx').on(t.enterpriseId),
    index('enterprise_contacts_unit_idx').on(t.unitId),
    check('enterprise_contacts_name_check', sql`length(trim(${t.name})) >= 1`),
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
    /** 首报单位: the unit that reported the project first (credit may be split with the 落地单位, unitId). */
    reportedUnitId: integer('reported_unit_id').references(() => units.id, { onDelete: 'restrict' }),
    projectType: text('project_type').notNull().default('industrial'),
    /** GB/T 4754-2017 code of what the finished project produces. */
    industryCode: text('industry_code'),
    /** 合同投资额 in whole 元. */
    contractInvestmentYuan: bigint('contract_investment_yuan', { mode: 'number' }),
    fundSource: text('fund_source'),
    /** 外资 in whole US dollars (shown in 万美元). */
    foreignInvestmentUsd: bigint('foreign_investment_usd', { mode: 'number' }),
    isMajor: boolean('is_major').notNull().default(false),
    /** The "三个一批" batch the project was entered in, e.g. "2024年第二期". */
    threeBatch: text('three_batch'),
    /** The amounts are estimates (not from a signed contract): the counting rules may leave such projects out. */
    amountsEstimated: boolean('amounts_estimated').notNull().default(false),
    responsibleLeader: text('responsible_leader'),
    responsibleOfficerId: integer('responsible_officer_id').references(() => users.id, { onDelete: 'restrict' }),
    /** Shown instead of the real name to users outside the project's own unit. */
    codeName: text('code_name'),
    /** 项目编号: the bureau's own code for the project, as its ledgers write it; a ledger import's key. */
    code: text('code'),
    /** 备注 as the ledger keeps it. */
    note: text('note'),
    /**
     * 本市产业: the city's own word for the project's industry (智能制造, 现代食品…, issue 12) — a name from the bureau's
     * list (local_industries) when the word is one of its names or synonyms, otherwise the word as the ledger wrote it.
     */
    localIndustry: text('local_industry'),
    // The dates each stage happened, folded from project_stage_events (kept here to filter and count fast).
    signedOn: date('signed_on'),
    registeredOn: date('registered_on'),
    startedOn: date('started_on'),
    producingOn: date('producing_on'),
    inStatsOn: date('in_stats_on'),
    lastEventOn: date('last_event_on'),
    // The deadline state, recomputed whenever stages or rules change: the earliest open due date and the earliest
    // day any open deadline turns "due soon". Status against today is then a comparison in SQL.
    nextDueOn: date('next_due_on'),
    nextDueRule: text('next_due_rule'),
    warnFromOn: date('warn_from_on'),
    /**
     * Set while the bureau's 甄别 has merged this project into another (issue 17): the record and its stage history stay
     * with its unit, it counts in no figure and is proposed in no pair (src/server/duplicates/project-merge.service.ts).
     */
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => projects.id, { onDelete: 'restrict' }),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('projects_unit_idx').on(t.unitId),
    check('projects_merged_into_check', sql`${t.mergedIntoId} <> ${t.id}`),
    // The 督办 list counts the projects due soon or overdue on every page: with the warning day and the unit in the
    // index, that count reads the index alone (3.8 ms instead of 11 ms for 17,000 of 50,000 projects).
    index('projects_next_due_idx').on(t.nextDueOn, t.warnFromOn, t.unitId),
    index('projects_investor_idx').on(t.investorEnterpriseId),
    uniqueIndex('projects_code_key').on(t.code).where(sql`${t.code} is not null`),
    check('projects_total_investment_check', sql`${t.totalInvestmentYuan} >= 0`),
    check(
      'projects_stage_check',
      sql`${t.stage} in ('lead','signed','registered','started','producing','inStats','stalled','terminated')`,
    ),
    check('projects_name_check', sql`length(trim(${t.name})) >= 2`),
    check('projects_type_check', sql`${t.projectType} in ('industrial','other')`),
    check('projects_industry_code_check', sql`${t.industryCode} ~ '^([A-T]|[0-9]{2,4})$'`),
    check('projects_contract_investment_check', sql`${t.contractInvestmentYuan} >= 0`),
    check('projects_foreign_investment_check', sql`${t.foreignInvestmentUsd} >= 0`),
    check('projects_fund_source_check', sql`${t.fundSource} in ('outOfProvince','outOfCity','local','foreign')`),
    index('projects_industry_idx').on(t.industryCode),
    check(
      'projects_stage_dates_order_check',
      sql`coalesce(${t.signedOn} <= ${t.registeredOn}, true) and coalesce(${t.signedOn} <= ${t.startedOn}, true)
          and coalesce(${t.startedOn} <= ${t.producingOn}, true) and coalesce(${t.startedOn} <= ${t.inStatsOn}, true)`,
    ),
  ],
);

/**
 * How many projects each unit holds, kept by a trigger on projects (migration 0008) in the same transaction as every
 * insert, delete or move: the unfiltered lists read their exact total here instead of counting every row.
 */
export const projectUnitCounts = pgTable(
  'project_unit_counts',
  {
    unitId: integer('unit_id')
      .primaryKey()
      .references(() => units.id, { onDelete: 'cascade' }),
    projects: bigint('projects', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('project_unit_counts_check', sql`${t.projects} >= 0`)],
);

/**
 * The city's own industry words (issue 12): its "leading industries" (智能制造, 新一代信息技术, 双碳科技…) as its ledgers
 * write them, each with other spellings and, where one fits, the GB/T 4754 code it stands for. Kept by the bureau.
 */
export const localIndustries = pgTable(
  'local_industries',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** GB/T 4754-2017 code the word maps to (a section letter or 2–4 digits); null when none fits. */
    industryCode: text('industry_code'),
    /** Other spellings and short forms ledgers use for it. */
    synonyms: jsonb('synonyms').$type<string[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('local_industries_name_key').on(t.name),
    check('local_industries_code_check', sql`${t.industryCode} ~ '^([A-T]|[0-9]{2,4})$'`),
  ],
);

/** Deadline rules as data (domain.md §2), set by the bureau; migration 0002 seeds 26211. */
export const deadlineRules = pgTable(
  'deadline_rules',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    fromStage: text('from_stage').notNull(),
    toStage: text('to_stage').notNull(),
    amount: integer('amount').notNull(),
    unit: text('unit').notNull(),
    warnBeforeDays: integer('warn_before_days').notNull(),
    colourOnTrack: text('colour_on_track').notNull().default('green'),
    colourDueSoon: text('colour_due_soon').notNull().default('yellow'),
    colourOverdue: text('colour_overdue').notNull().default('red'),
    active: boolean('active').notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deadline_rules_key_key').on(t.key),
    check('deadline_rules_amount_check', sql`${t.amount} > 0`),
    check('deadline_rules_warn_check', sql`${t.warnBeforeDays} >= 0`),
    check('deadline_rules_unit_check', sql`${t.unit} in ('months','days')`),
    check(
      'deadline_rules_stages_check',
      sql`${t.fromStage} in ('signed','registered','started','producing') and ${t.toStage} in ('registered','started','producing','inStats')`,
    ),
  ],
);

/** Append-only history of a project's stages; corrections are later rows pointing at the row they correct. */
export const projectStageEvents = pgTable(
  'project_stage_events',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    kind: text('kind').notNull(),
    state: text('state').notNull(),
    happenedOn: date('happened_on').notNull(),
    evidence: jsonb('evidence').notNull().default({}),
    reason: text('reason'),
    correctsEventId: integer('corrects_event_id').references((): AnyPgColumn => projectStageEvents.id, { onDelete: 'restrict' }),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'restrict' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('project_stage_events_project_idx').on(t.projectId, t.id),
    // The foreign key's check when events are deleted (a revert): without it, each deleted event scanned the table.
    index('project_stage_events_corrects_idx').on(t.correctsEventId).where(sql`${t.correctsEventId} is not null`),
    check('project_stage_events_kind_check', sql`${t.kind} in ('advance','resume','stall','terminate','correct','revoke')`),
    check('project_stage_events_corrects_check', sql`(${t.kind} in ('correct','revoke')) = (${t.correctsEventId} is not null)`),
    check(
      'project_stage_events_reason_check',
      sql`${t.kind} not in ('stall','terminate','correct','revoke') or length(trim(coalesce(${t.reason}, ''))) > 0`,
    ),
  ],
);

/**
 * 到位资金: money that actually arrived for a project, dated, by source, with its evidence. Domestic money is in
 * whole 元, foreign capital in whole US dollars (reported in 万美元). Entries are never edited; a mistaken entry
 * is voided with a reason and stays visible.
 */
export const projectFunds = pgTable(
  'project_funds',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    arrivedOn: date('arrived_on').notNull(),
    source: text('source').notNull(),
    amountYuan: bigint('amount_yuan', { mode: 'number' }),
    amountUsd: bigint('amount_usd', { mode: 'number' }),
    evidenceRef: text('evidence_ref').notNull(),
    note: text('note'),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'restrict' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidedBy: integer('voided_by').references(() => users.id, { onDelete: 'restrict' }),
    voidReason: text('void_reason'),
  },
  (t) => [
    index('project_funds_project_idx').on(t.projectId),
    check('project_funds_source_check', sql`${t.source} in ('outOfProvince','outOfCity','local','foreign')`),
    check(
      'project_funds_amount_check',
      sql`case when ${t.source} = 'foreign' then ${t.amountUsd} > 0 and ${t.amountYuan} is null
               else ${t.amountYuan} > 0 and ${t.amountUsd} is null end`,
    ),
    check('project_funds_evidence_check', sql`length(trim(${t.evidenceRef})) > 0`),
    check('project_funds_void_check', sql`(${t.voidedAt} is null) = (${t.voidReason} is null)`),
  ],
);

/**
 * In-app reminders. One row per (project, deadline, due date, level, recipient): the unique key is what makes the
 * reminder job safe to run twice or to resume after a crash — a second insert of the same reminder does nothing.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    /** "user:<id>" for a person, "unit:<id>" for everyone of a unit. */
    recipient: text('recipient').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'restrict' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    /** A deadline reminder is about a project; a follow-up reminder about a lead (issue 6). */
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    leadId: integer('lead_id').references((): AnyPgColumn => leads.id, { onDelete: 'cascade' }),
    ruleKey: text('rule_key').notNull(),
    dueOn: date('due_on').notNull(),
    /**
     * A deadline's 'dueSoon' / 'overdue'; or a 甄别 notice to a project's unit (ruleKey 'duplicateReview', issue 17):
     * 'underReview' when a pair with its project opens (dueOn the day it was detected), or the bureau's decision —
     * 'notDuplicate', 'creditSplit', 'merged', 'mergeUndone' (dueOn the day decided, `actorUserId` the decider).
     */
    level: text('level').notNull(),
    /** Who decided a 甄别 notice's outcome (shown with their unit); null for the job's reminders. */
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_once_key').on(t.projectId, t.ruleKey, t.dueOn, t.level, t.recipient),
    uniqueIndex('notifications_lead_once_key').on(t.leadId, t.ruleKey, t.dueOn, t.level, t.recipient).where(sql`${t.leadId} is not null`),
    check('notifications_subject_check', sql`(${t.projectId} is null) <> (${t.leadId} is null)`),
    index('notifications_user_idx').on(t.userId, t.readAt),
    index('notifications_unit_idx').on(t.unitId, t.readAt),
    check('notifications_level_check', sql`${t.level} in ('dueSoon','overdue','underReview','notDuplicate','creditSplit','merged','mergeUndone')`),
    check('notifications_recipient_check', sql`${t.recipient} ~ '^(user|unit):[0-9]+$'`),
  ],
);

/** A unit's group robot (企业微信 / 钉钉) that receives its daily reminder digest. */
export const unitWebhooks = pgTable(
  'unit_webhooks',
  {
    unitId: integer('unit_id')
      .primaryKey()
      .references(() => units.id, { onDelete: 'restrict' }),
    kind: text('kind').notNull(),
    url: text('url').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('unit_webhooks_kind_check', sql`${t.kind} in ('wecom','dingtalk')`),
    check('unit_webhooks_url_check', sql`${t.url} ~ '^https?://'`),
  ],
);

/** The outbox of webhook messages: one digest per unit and day, sent at least once, retried until it goes. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    day: date('day').notNull(),
    payload: jsonb('payload').notNull(),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_once_key').on(t.unitId, t.day),
    check('webhook_deliveries_state_check', sql`${t.state} in ('pending','sent','failed')`),
  ],
);

/** When each scheduled job last completed a run, so a restart knows what is still to do. */
export const jobRuns = pgTable('job_runs', {
  name: text('name').primaryKey(),
  lastDay: date('last_day'),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
});

/** 问题台账: a blocker a project raised, routed to a department with a due date, escalated to the city when overdue. */
export const problems = pgTable(
  'problems',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    category: text('category').notNull(),
    description: text('description').notNull(),
    departmentId: integer('department_id').references(() => departments.id, { onDelete: 'restrict' }),
    dueOn: date('due_on'),
    state: text('state').notNull().default('open'),
    /** 'unit' while the project's unit handles it; 'city' once escalated. */
    level: text('level').notNull().default('unit'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('problems_project_idx').on(t.projectId),
    index('problems_department_idx').on(t.departmentId, t.state),
    check('problems_category_check', sql`${t.category} in ('land','approval','funding','utilities','talent','other')`),
    check('problems_state_check', sql`${t.state} in ('open','resolved')`),
    check('problems_level_check', sql`${t.level} in ('unit','city')`),
    check('problems_resolved_check', sql`(${t.state} = 'resolved') = (${t.resolvedAt} is not null and ${t.resolution} is not null)`),
    check('problems_description_check', sql`length(trim(${t.description})) > 0`),
  ],
);

/** What happened on a problem: 领导批示 (instructions), progress, escalation, resolution. Append-only. */
export const problemNotes = pgTable(
  'problem_notes',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'restrict' }),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('problem_notes_problem_idx').on(t.problemId),
    check('problem_notes_kind_check', sql`${t.kind} in ('instruction','progress','escalation','resolution','assignment')`),
  ],
);

/** Comments on a project's page, part of its timeline. Append-only. */
export const projectComments = pgTable(
  'project_comments',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'restrict' }),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('project_comments_project_idx').on(t.projectId), check('project_comments_text_check', sql`length(trim(${t.text})) > 0`)],
);

/** A user's named filters of the project list. */
export const savedFilters = pgTable(
  'saved_filters',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    query: jsonb('query').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('saved_filters_user_name_key').on(t.userId, t.name)],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Evidence files (photos, scans) live in the database, so one backup holds everything and the embedded and
 * server deployments behave the same. Size and type are limited by the service.
 */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    stageEventId: integer('stage_event_id').references(() => projectStageEvents.id, { onDelete: 'restrict' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'restrict' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_files_project_idx').on(t.projectId),
    index('evidence_files_stage_event_idx').on(t.stageEventId),
    check('evidence_files_size_check', sql`${t.size} > 0 and ${t.size} = octet_length(${t.content})`),
  ],
);

/**
 * Ledger imports (issue 4). A batch is one uploaded file: its bytes and options are kept so the preview can be
 * re-read with another mapping, the error file rebuilt, and the commit re-checked against the data as it is then.
 */
export const importBatches = pgTable(
  'import_batches',
  {
    id: serial('id').primaryKey(),
    /** The unit the import was made for: rows without a 所属单位 land here; the batch is seen within its scope. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    fileName: text('file_name').notNull(),
    /** The uploaded file's size; its bytes are in `import_batch_files`, complete once their sizes add up to it. */
    fileBytes: integer('file_bytes').notNull(),
    options: jsonb('options').notNull().default({}),
    status: text('status').notNull().default('previewed'),
    /** The last preview: its summary here, its rows in `import_batch_rows`. */
    summary: jsonb('summary').notNull().default({}),
    /** How many preview rows `import_batch_rows` holds once all its pieces are written; null while they are not. */
    previewRows: integer('preview_rows'),
    createdAt: createdAt(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    revertedAt: timestamp('reverted_at', { withTimezone: true }),
  },
  (t) => [
    index('import_batches_unit_idx').on(t.unitId, t.id),
    check('import_batches_status_check', sql`${t.status} in ('previewed','committed','reverting','reverted')`),
  ],
);

/**
 * A batch's preview rows in pieces of a few thousand (issue 18): one jsonb value of 200,000 rows held the embedded
 * database, and with it every other request, for 10 s; pieces are written one statement each, others served between.
 */
export const importBatchRows = pgTable(
  'import_batch_rows',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    piece: integer('piece').notNull(),
    rows: jsonb('rows').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.piece] })],
);

/** A batch's uploaded file in pieces of 1 MB (issue 18), written one statement each for the reason above. */
export const importBatchFiles = pgTable(
  'import_batch_files',
  {
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    piece: integer('piece').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.piece] })],
);

/** What a committed batch did to each project: created it, or changed it from `before` to `after`. */
export const importItems = pgTable(
  'import_items',
  {
    id: serial('id').primaryKey(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'restrict' }),
    rowNumber: integer('row_number').notNull(),
    /** The sheet the row is on, when the workbook had several (issue 12); null for a single sheet. */
    sheet: text('sheet'),
    action: text('action').notNull(),
    // No foreign key: a reverted batch's created projects are gone, and its items stay as the record of what was.
    projectId: integer('project_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after').notNull(),
    /** Stage records the batch appended to the project. */
    stageEventIds: jsonb('stage_event_ids').notNull().default([]),
    /** An investor enterprise the batch added for this row. */
    createdEnterpriseId: integer('created_enterprise_id'),
  },
  (t) => [
    index('import_items_batch_idx').on(t.batchId),
    index('import_items_project_idx').on(t.projectId),
    check('import_items_action_check', sql`${t.action} in ('create','update')`),
  ],
);

/** A unit's confirmed column mapping for ledgers with a given header, applied to the next such file. */
export const importTemplates = pgTable(
  'import_templates',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    headerKey: text('header_key').notNull(),
    mapping: jsonb('mapping').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('import_templates_unit_header_key').on(t.unitId, t.headerKey)],
);

/** Yearly targets (目标任务, issue 5): per year × unit × metric, set by the bureau; progress is always computed. */
export const targets = pgTable(
  'targets',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    metricKey: text('metric_key').notNull(),
    /** In the metric's own unit: whole 元, whole US dollars or a count. */
    value: bigint('value', { mode: 'number' }).notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('targets_year_unit_metric_key').on(t.year, t.unitId, t.metricKey),
    check('targets_value_check', sql`${t.value} > 0`),
    check('targets_year_check', sql`${t.year} between 2000 and 2100`),
  ],
);

/**
 * What the metric catalogue counts (issue 5, domain.md §3 "不予认定"): excluded sources and industries, the
 * thresholds. One row for the installation, set by the bureau; absent means the defaults.
 */
export const metricRules = pgTable(
  'metric_rules',
  {
    id: integer('id').primaryKey(),
    rules: jsonb('rules').notNull(),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: updatedAt(),
  },
  (t) => [check('metric_rules_one_row', sql`${t.id} = 1`)],
);

/**
 * Closed months (issue 5): the bureau closes a month after issuing its bulletin. `figures` is the snapshot the
 * closed bulletins are read from — per unit its metrics from 1 January and a year earlier, its name and parent,
 * and the targets as they stood — so a closed bulletin reproduces exactly whatever changes later.
 */
export const monthCloses = pgTable(
  'month_closes',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    figures: jsonb('figures').notNull(),
    closedBy: integer('closed_by').references(() => users.id, { onDelete: 'restrict' }),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('month_closes_year_month_key').on(t.year, t.month), check('month_closes_month_check', sql`${t.month} between 1 and 12`)],
);

/** A change to figures of a closed month, made with a reason; the next bulletin lists it (issue 5). */
export const corrections = pgTable(
  'corrections',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    /** The earliest closed month the change touches, "2026-09". */
    closedMonth: text('closed_month').notNull(),
    /** The latest close when the correction was made: the bulletin of the month after that close lists it. */
    afterCloseId: integer('after_close_id')
      .notNull()
      .references(() => monthCloses.id, { onDelete: 'restrict' }),
    /** What changed, in words ("签约 2026-09-20", "到位资金 500万元 作废"). */
    summary: text('summary').notNull(),
    reason: text('reason').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'restrict' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('corrections_recorded_at_idx').on(t.recordedAt),
    index('corrections_project_idx').on(t.projectId),
    check('corrections_reason_check', sql`length(trim(${t.reason})) > 0`),
    check('corrections_month_check', sql`${t.closedMonth} ~ '^[0-9]{4}-[0-9]{2}$'`),
  ],
);

/**
 * Assessment schemes (考核, issue 5): the assessing unit (e.g. the city) scores its sub-units by weighted indicators
 * and rules that deduct or add points; `indicators` and `rules` are validated by src/shared/assessments.ts.
 */
export const assessmentSchemes = pgTable('assessment_schemes', {
  id: serial('id').primaryKey(),
  unitId: integer('unit_id')
    .notNull()
    .references(() => units.id, { onDelete: 'restrict' }),
  name: text('name').notNull(),
  indicators: jsonb('indicators').notNull(),
  rules: jsonb('rules').notNull(),
  bottomCount: integer('bottom_count').notNull().default(3),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'restrict' }),
  updatedAt: updatedAt(),
});

/** Points the bureau deducts or adds by hand for a unit and month (e.g. −0.2 per falsified project), with a reason. */
export const assessmentAdjustments = pgTable(
  'assessment_adjustments',
  {
    id: serial('id').primaryKey(),
    schemeId: integer('scheme_id')
      .notNull()
      .references(() => assessmentSchemes.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    label: text('label').notNull(),
    /** Hundredths of a point per item: −20 is −0.20. */
    pointsEachHundredths: integer('points_each_hundredths').notNull(),
    count: integer('count').notNull(),
    reason: text('reason').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'restrict' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** A mistaken adjustment is withdrawn with a reason: it stops counting and stays on the record. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [
    check('assessment_adjustments_withdrawn_check', sql`(${t.withdrawnAt} is null) = (${t.withdrawnReason} is null)`),
    index('assessment_adjustments_scheme_idx').on(t.schemeId, t.year, t.month),
    check('assessment_adjustments_count_check', sql`${t.count} > 0`),
    check('assessment_adjustments_month_check', sql`${t.month} between 1 and 12`),
  ],
);

/**
 * Leads (线索 / 意向信息, issue 6): an enterprise's interest, from where it came, followed until it becomes a project
 * or is dropped with a reason. `enterpriseName` is the name as given when no enterprise is on record yet.
 */
export const leads = pgTable(
  'leads',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id, { onDelete: 'restrict' }),
    enterpriseName: text('enterprise_name').notNull(),
    creditCode: text('credit_code'),
    industryCode: text('industry_code'),
    intendedAmountYuan: bigint('intended_amount_yuan', { mode: 'number' }),
    source: text('source').notNull(),
    state: text('state').notNull().default('new'),
    collectedOn: date('collected_on').notNull(),
    followUpOn: date('follow_up_on'),
    note: text('note'),
    droppedReason: text('dropped_reason'),
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    reporterId: integer('reporter_id').references(() => users.id, { onDelete: 'restrict' }),
    /** Collected by a resident team, or on a trip. */
    teamId: integer('team_id').references((): AnyPgColumn => residentTeams.id, { onDelete: 'restrict' }),
    tripId: integer('trip_id').references((): AnyPgColumn => trips.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('leads_unit_idx').on(t.unitId),
    index('leads_project_idx').on(t.projectId),
    index('leads_enterprise_idx').on(t.enterpriseId),
    check('leads_state_check', sql`${t.state} in ('new','following','converted','dropped')`),
    check(
      'leads_source_check',
      sql`${t.source} in ('resident','squad','investorReferral','chamber','agency','hometown','fair','online','other')`,
    ),
    check('leads_converted_check', sql`(${t.state} = 'converted') = (${t.projectId} is not null)`),
    check('leads_dropped_check', sql`${t.state} <> 'dropped' or length(trim(coalesce(${t.droppedReason}, ''))) > 0`),
    check('leads_amount_check', sql`${t.intendedAmountYuan} >= 0`),
    check('leads_name_check', sql`length(trim(${t.enterpriseName})) >= 2`),
  ],
);

/**
 * Who may lead a trip (带队级别, issue 6): the bureau's list, each level with its role for the metrics — 'principal'
 * (主要领导) and 'leader' (分管领导, 县区党政主要负责人) count as leader-led trips. Levels in use are deactivated, never
 * deleted; the defaults are seeded by the migration.
 */
export const leaderLevels = pgTable(
  'leader_levels',
  {
    key: text('key').primaryKey(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    role: text('role').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [check('leader_levels_role_check', sql`${t.role} in ('principal','leader','other')`), check('leader_levels_key_check', sql`${t.key} ~ '^[A-Za-z][A-Za-z0-9]{0,29}$'`)],
);

/** Resident teams (驻点招商 / 驻外小分队, issue 6): a unit's team in a host city for a period; leads and visits roll up. */
export const residentTeams = pgTable(
  'resident_teams',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    hostRegionCode: text('host_region_code').notNull(),
    members: jsonb('members').notNull().default([]),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('resident_teams_unit_idx').on(t.unitId), check('resident_teams_period_check', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`)],
);

/**
 * Outbound trips (外出招商, issue 6): who led it and at what level, the days away, the cities in order (GB/T 2260
 * codes); the enterprises visited are visits with this trip's id.
 */
export const trips = pgTable(
  'trips',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    leaderName: text('leader_name').notNull(),
    leaderLevel: text('leader_level')
      .notNull()
      .references((): AnyPgColumn => leaderLevels.key, { onDelete: 'restrict' }),
    participants: text('participants'),
    fromOn: date('from_on').notNull(),
    toOn: date('to_on').notNull(),
    cities: jsonb('cities').notNull().default([]),
    teamId: integer('team_id').references(() => residentTeams.id, { onDelete: 'restrict' }),
    notes: text('notes'),
    nextStep: text('next_step'),
    followUpOn: date('follow_up_on'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('trips_unit_idx').on(t.unitId, t.fromOn),
    check('trips_dates_check', sql`${t.toOn} >= ${t.fromOn}`),
  ],
);

/** Visits, talks and receptions (拜访 / 洽谈 / 来访接待, issue 6), on a trip or not; on the enterprise's and project's timeline. */
export const visits = pgTable(
  'visits',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    tripId: integer('trip_id').references(() => trips.id, { onDelete: 'cascade' }),
    teamId: integer('team_id').references(() => residentTeams.id, { onDelete: 'restrict' }),
    kind: text('kind').notNull(),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id, { onDelete: 'restrict' }),
    enterpriseName: text('enterprise_name').notNull(),
    projectId: integer('project_id').references(() => projects.id, { onDelete: 'restrict' }),
    visitedOn: date('visited_on').notNull(),
    peopleMet: text('people_met'),
    notes: text('notes'),
    nextStep: text('next_step'),
    followUpOn: date('follow_up_on'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('visits_unit_idx').on(t.unitId, t.visitedOn),
    index('visits_project_idx').on(t.projectId),
    index('visits_trip_idx').on(t.tripId),
    index('visits_enterprise_idx').on(t.enterpriseId),
    check('visits_kind_check', sql`${t.kind} in ('visit','talks','reception')`),
  ],
);

/**
 * Events (推介会, 洽谈会, 签约仪式, 展会 such as 进博会 / 华创会 / 投洽会, "三个一批" batches; issue 6): where and when,
 * organised by which unit; the projects signed there are linked, and the event keeps their cohort.
 */
export const events = pgTable(
  'events',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    place: text('place'),
    heldOn: date('held_on').notNull(),
    note: text('note'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('events_unit_idx').on(t.unitId, t.heldOn),
    check('events_kind_check', sql`${t.kind} in ('promotion','talks','signing','fair','threeBatch','other')`),
  ],
);

/** A project signed at an event (one event per project at most: where it was signed). */
export const eventProjects = pgTable(
  'event_projects',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('event_projects_project_key').on(t.projectId), index('event_projects_event_idx').on(t.eventId)],
);

/**
 * A merge of two records of one enterprise (issue 13): what moved from the merged record to the survivor, by table and
 * id (`moved`), so that undoing it puts back exactly that. `undoneAt` set once undone; a record merges at most once at a time.
 */
export const enterpriseMerges = pgTable(
  'enterprise_merges',
  {
    id: serial('id').primaryKey(),
    survivorId: integer('survivor_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'restrict' }),
    mergedId: integer('merged_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'restrict' }),
    moved: jsonb('moved').notNull(),
    reason: text('reason'),
    mergedBy: integer('merged_by').references(() => users.id, { onDelete: 'restrict' }),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
    undoneBy: integer('undone_by').references(() => users.id, { onDelete: 'restrict' }),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    index('enterprise_merges_survivor_idx').on(t.survivorId),
    uniqueIndex('enterprise_merges_active_key').on(t.mergedId).where(sql`${t.undoneAt} is null`),
    check('enterprise_merges_self_check', sql`${t.survivorId} <> ${t.mergedId}`),
  ],
);

/**
 * Enterprise list imports (issue 13 "Filling it"): one uploaded list (a 500强 list, a batch of 小巨人, a park's
 * enterprises) with its list code, year and batch; the rows as read (`rows`) and previewed (`summary`); once committed,
 * the tier entries and enterprises it added, so that a revert removes exactly those.
 */
export const enterpriseListImports = pgTable(
  'enterprise_list_imports',
  {
    id: serial('id').primaryKey(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    fileName: text('file_name').notNull(),
    list: text('list').notNull(),
    year: integer('year').notNull(),
    batch: text('batch'),
    status: text('status').notNull().default('previewed'),
    rows: jsonb('rows').notNull().default([]),
    refusals: jsonb('refusals').notNull().default([]),
    summary: jsonb('summary').notNull().default({}),
    createdTierIds: integer('created_tier_ids').array().notNull().default(sql`'{}'::int[]`),
    createdEnterpriseIds: integer('created_enterprise_ids').array().notNull().default(sql`'{}'::int[]`),
    /** The file as uploaded, for the error file (its refused rows as written); null for imports made before it was kept. */
    content: bytea('content'),
    /** The header's columns as read: each label, the column recognised (null: not read), in order. */
    columns: jsonb('columns').notNull().default([]),
    /** Facts the commit filled on enterprises already in the library ({ enterpriseId, field, value }), for the revert. */
    filledFacts: jsonb('filled_facts').notNull().default([]),
    createdAt: createdAt(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    revertedAt: timestamp('reverted_at', { withTimezone: true }),
  },
  (t) => [check('enterprise_list_imports_status_check', sql`${t.status} in ('previewed','committed','reverted')`)],
);

// Industrial chains (issue 14) live in a file of their own.
export * from './schema-chains.ts';
export * from './schema-chain-targets.ts';
// Duplicate claims across units (issue 17).
export * from './schema-duplicate-claims.ts';
// Stage verification, 核实 (issue 17).
export * from './schema-stage-verifications.ts';
// The heat map's priority regions (issue 15).
export * from './schema-heatmap.ts';
// Count once, 三明 rules (issue 17).
export * from './schema-count-once.ts';
