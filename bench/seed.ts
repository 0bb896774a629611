/** The benchmark city: 601 units, 20,000 enterprises and BENCH_PROJECTS projects spread over the lifecycle. */
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';

export const COUNTIES = 120;
export const PARKS_PER_COUNTY = 4;
export const ENTERPRISES = 20_000;
export const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 50_000);

export async function seed(database: Database) {
  const { db } = database;
  await migrate(db);
  const hash = await hashPassword('Bench-pass-2026');
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path) values (1, 'P0', '市', 'city', null, '/1/')`);
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path)
    select 1 + c, 'C' || c, '县' || c, 'county', 1, '/1/' || (1 + c) || '/' from generate_series(1, ${COUNTIES}) c`);
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path)
    select 1000 + c * 10 + p, 'C' || c || 'P' || p, '县' || c || '园区' || p, 'park', 1 + c,
           '/1/' || (1 + c) || '/' || (1000 + c * 10 + p) || '/'
    from generate_series(1, ${COUNTIES}) c, generate_series(1, ${PARKS_PER_COUNTY}) p`);
  await db.execute(sql`select setval(pg_get_serial_sequence('units', 'id'), 100000)`);
  await db.execute(sql`insert into users (username, display_name, password_hash, role, unit_id) values
    ('bureau', '局长', ${hash}, 'bureau', 1), ('county7', '七县招商员', ${hash}, 'staff', 8)`);
  await db.execute(sql`insert into enterprises (unit_id, name, hq_region_code)
    select case when e % 3 = 0 then 1000 + (e % ${COUNTIES} + 1) * 10 + (e % ${PARKS_PER_COUNTY} + 1) else e % ${COUNTIES} + 2 end,
           '企业' || e || (array['新能源','新材料','智能制造','生物医药','电子信息'])[e % 5 + 1] || '有限公司',
           (array['420600','440300','320100','110101','310118'])[e % 5 + 1]
    from generate_series(1, ${ENTERPRISES}) e`);
  // Stages spread over the lifecycle, signed within the last ~13 months, with the folded deadline columns that the
  // 26211 rules give (registration 2 months after signing, statistics 2 months after the start).
  await db.execute(sql`insert into projects (unit_id, name, investor_enterprise_id, total_investment_yuan, stage,
                        industry_code, is_major, signed_on, started_on, next_due_on, next_due_rule, warn_from_on, last_event_on)
    select en.unit_id, '项目' || p || (array['锂电池隔膜','正极材料','整车','数据中心','冷链物流'])[p % 5 + 1] || '项目',
           en.id, (p % 500 + 1) * 10000000::bigint, s.stage,
           (array['3841','3612','6531','5990','3824'])[p % 5 + 1], p % 10 = 0,
           s.signed, s.started,
           case when s.stage = 'signed' then s.signed + interval '2 months' when s.stage = 'started' then s.started + interval '2 months' end,
           case when s.stage = 'signed' then 'signedToRegistered' when s.stage = 'started' then 'startedToInStats' end,
           case when s.stage = 'signed' then s.signed + interval '2 months' - interval '15 days'
                when s.stage = 'started' then s.started + interval '2 months' - interval '15 days' end,
           coalesce(s.started, s.signed)
    from generate_series(1, ${PROJECTS}) p
    join enterprises en on en.id = (p % ${ENTERPRISES}) + 1
    cross join lateral (select (array['lead','signed','started','producing','inStats'])[p % 5 + 1] as stage,
                               case when p % 5 = 0 then null else current_date - (p % 400) end as signed,
                               case when p % 5 >= 2 then current_date - (p % 400) + 30 end as started) s`);
  await db.execute(sql`analyze`);
}
