/**
 * The province-scale data of the cockpit benchmark (issue 5): 100 units (a root, 11 cities, 88 counties),
 * 20,000 enterprises, 50,000 projects over three years of stage dates, 300,000 stage records and 200,000 fund
 * entries — 500,000 records behind the figures.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';

export const CITIES = 11;
export const COUNTIES_PER_CITY = 8;
export const UNITS = 1 + CITIES + CITIES * COUNTIES_PER_CITY;
export const PROJECTS = 50_000;
export const STAGE_RECORDS = 300_000;
export const FUND_ENTRIES = 200_000;
export const TODAY = '2026-11-24';

/**
 * The sizes of a seeded province: the benchmarks' by default; CI's verify test (issue 17) seeds the same shape — a
 * province, its cities, their counties, projects over three years of stages, fund entries — at a smaller scale.
 */
export type ProvinceScale = { cities: number; countiesPerCity: number; projects: number; enterprises: number; stageRecords: number; fundEntries: number };
export const PROVINCE_SCALE: ProvinceScale = { cities: CITIES, countiesPerCity: COUNTIES_PER_CITY, projects: PROJECTS, enterprises: 20_000, stageRecords: STAGE_RECORDS, fundEntries: FUND_ENTRIES };

export async function seedProvince(database: Database, scale: ProvinceScale = PROVINCE_SCALE) {
  const { db } = database;
  const { cities: CITIES, countiesPerCity: COUNTIES_PER_CITY, projects: PROJECTS, enterprises: ENTERPRISES, stageRecords: STAGE_RECORDS, fundEntries: FUND_ENTRIES } = scale;
  await migrate(db);
  const hash = await hashPassword('Bench-pass-2026');
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path) values (1, 'S0', '省', 'city', null, '/1/')`);
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path)
    select 1 + c, 'C' || c, '市' || c, 'county', 1, '/1/' || (1 + c) || '/' from generate_series(1, ${CITIES}) c`);
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path)
    select 100 + c * 10 + k, 'C' || c || 'K' || k, '市' || c || '县' || k, 'park', 1 + c, '/1/' || (1 + c) || '/' || (100 + c * 10 + k) || '/'
    from generate_series(1, ${CITIES}) c, generate_series(1, ${COUNTIES_PER_CITY}) k`);
  await db.execute(sql`select setval(pg_get_serial_sequence('units', 'id'), 100000)`);
  await db.execute(sql`insert into users (username, display_name, password_hash, role, unit_id) values
    ('bureau', '省局', ${hash}, 'bureau', 1), ('city3', '三市招商员', ${hash}, 'staff', 4)`);
  await db.execute(sql`insert into enterprises (unit_id, name, hq_region_code)
    select 100 + (e % ${CITIES} + 1) * 10 + (e % ${COUNTIES_PER_CITY} + 1), '企业' || e || '有限公司',
           (array['420600','440300','320100','110101','310118','330100','510100'])[e % 7 + 1]
    from generate_series(1, ${ENTERPRISES}) e`);
  // Signed over 2024-01-01 … today; later stages follow at intervals; every fifth project is still a lead.
  await db.execute(sql`insert into projects (unit_id, name, investor_enterprise_id, total_investment_yuan, contract_investment_yuan,
                        stage, project_type, fund_source, industry_code, three_batch, signed_on, registered_on, started_on, producing_on, in_stats_on)
    select en.unit_id, '项目' || p, en.id, (p % 500 + 1) * 10000000::bigint,
           case when p % 3 = 0 then (p % 400 + 1) * 10000000::bigint end,
           case when s.signed is null then 'lead' when s.producing is not null then 'producing' when s.started is not null then 'started'
                when s.registered is not null then 'registered' else 'signed' end,
           (array['industrial','other'])[p % 2 + 1], (array['outOfProvince','outOfCity','local','foreign'])[p % 4 + 1],
           (array['3841','3612','6531','5990','3824','7010','2710','C'])[p % 8 + 1],
           case when p % 9 = 0 then '2025年第二期' end,
           s.signed, s.registered, s.started, s.producing, s.in_stats
    from generate_series(1, ${PROJECTS}) p
    join enterprises en on en.id = (p % ${ENTERPRISES}) + 1
    cross join lateral (select case when p % 5 = 0 then null else date '2024-01-01' + (p * 7919 % 1059) end as signed) d
    cross join lateral (select d.signed,
                               case when p % 5 >= 2 and d.signed + 40 <= ${TODAY}::date then d.signed + 40 end as registered,
                               case when p % 5 >= 3 and d.signed + 90 <= ${TODAY}::date then d.signed + 90 end as started,
                               case when p % 5 = 4 and d.signed + 240 <= ${TODAY}::date then d.signed + 240 end as producing,
                               case when p % 5 >= 3 and p % 2 = 0 and d.signed + 120 <= ${TODAY}::date then d.signed + 120 end as in_stats) s`);
  // Six stage records a project (advances, with some corrections), and four fund entries a project.
  await db.execute(sql`insert into project_stage_events (project_id, kind, state, happened_on)
    select 1 + (n % ${PROJECTS}), 'advance', (array['signed','registered','started','producing','inStats','signed'])[n / ${PROJECTS} + 1],
           date '2024-01-01' + (n % 1000)
    from generate_series(0, ${STAGE_RECORDS - 1}) n`);
  await db.execute(sql`insert into project_funds (project_id, arrived_on, source, amount_yuan, amount_usd, evidence_ref)
    select 1 + (n % ${PROJECTS}), date '2024-01-01' + (n * 31 % 1059),
           (array['outOfProvince','outOfCity','foreign','outOfProvince'])[n % 4 + 1],
           case when n % 4 = 2 then null else (n % 90 + 1) * 1000000::bigint end,
           case when n % 4 = 2 then (n % 70 + 1) * 10000::bigint end, '银行回单'
    from generate_series(0, ${FUND_ENTRIES - 1}) n`);
  await db.execute(sql`insert into targets (year, unit_id, metric_key, value)
    select 2026, u.id, k.key, k.value from units u
    cross join (values ('signedCount', 400), ('signedContractYuan', 60000000000), ('startedCount', 200), ('fundsArrivedDomesticYuan', 20000000000)) k(key, value)
    where u.id <= ${1 + CITIES}`);
  await db.execute(sql`analyze`);
}

/**
 * The seed's stage records are load only (random states and days); `zhaoshang verify` folds every project's history
 * into its dates, so for it each project's records are replaced by the ones its dates say, and a project that entered
 * the statistics (入库) at 开工 or 投产 is at stage 入库. Answers how many records there are.
 */
export async function seedOwnStageRecords(database: Database): Promise<number> {
  const { db } = database;
  await db.execute(sql`alter table project_stage_events disable trigger user`);
  await db.execute(sql`delete from project_stage_events`);
  await db.execute(sql`alter table project_stage_events enable trigger user`);
  await db.execute(sql`insert into project_stage_events (project_id, kind, state, happened_on)
    select p.id, 'advance', s.state, s.day from projects p
    cross join lateral (values ('signed', p.signed_on), ('registered', p.registered_on), ('started', p.started_on),
                               ('producing', p.producing_on), ('inStats', p.in_stats_on)) s(state, day)
    where s.day is not null`);
  await db.execute(sql`update projects set stage = 'inStats' where in_stats_on is not null`);
  const [events] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from project_stage_events`);
  return events!.n;
}
