/**
 * Benchmark: the list pages at province scale, on the embedded database (and on PostgreSQL when
 * ZHAOSHANG_TEST_PG_URL answers). Target: well under 200 ms per page.
 * Run: npm run bench   (figures go to docs/benchmarks.md by hand, with the machine they were taken on)
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';

const COUNTIES = 120;
const PARKS_PER_COUNTY = 4;
const ENTERPRISES = 40_000;
const PROJECTS = 150_000;
const RUNS = 30;

async function seed(database: Database) {
  const { db } = database;
  await migrate(db);
  const hash = await hashPassword('Bench-pass-2026');
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path) values (1, 'P0', '省', 'city', null, '/1/')`);
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path)
    select 1 + c, 'C' || c, '县' || c, 'county', 1, '/1/' || (1 + c) || '/' from generate_series(1, ${COUNTIES}) c`);
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path)
    select 1000 + c * 10 + p, 'C' || c || 'P' || p, '县' || c || '园区' || p, 'park', 1 + c,
           '/1/' || (1 + c) || '/' || (1000 + c * 10 + p) || '/'
    from generate_series(1, ${COUNTIES}) c, generate_series(1, ${PARKS_PER_COUNTY}) p`);
  await db.execute(sql`select setval(pg_get_serial_sequence('units', 'id'), 100000)`);
  await db.execute(sql`insert into users (username, display_name, password_hash, role, unit_id) values
    ('bureau', '局长', ${hash}, 'bureau', 1), ('county7', '七县招商员', ${hash}, 'staff', 8)`);
  // Enterprises and projects spread over counties and their parks.
  await db.execute(sql`insert into enterprises (unit_id, name, hq_region_code)
    select case when e % 3 = 0 then 1000 + (e % ${COUNTIES} + 1) * 10 + (e % ${PARKS_PER_COUNTY} + 1) else e % ${COUNTIES} + 2 end,
           '企业' || e || (array['新能源','新材料','智能制造','生物医药','电子信息'])[e % 5 + 1] || '有限公司', '420600'
    from generate_series(1, ${ENTERPRISES}) e`);
  await db.execute(sql`insert into projects (unit_id, name, investor_enterprise_id, total_investment_yuan, stage)
    select en.unit_id, '项目' || p || (array['锂电池隔膜','正极材料','整车','数据中心','冷链物流'])[p % 5 + 1] || '项目',
           en.id, (p % 500 + 1) * 10000000::bigint,
           (array['lead','signed','registered','started','producing','inStats','stalled','terminated'])[p % 8 + 1]
    from generate_series(1, ${PROJECTS}) p join enterprises en on en.id = (p % ${ENTERPRISES}) + 1`);
  await db.execute(sql`analyze`);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(database: Database, label: string) {
  const app = await buildApp({
    db: database.db,
    databaseKind: database.kind,
    migration: { version: 0, tag: 'bench' },
    clock: () => new Date(),
    auth: { idleMinutes: 30 },
    demo: false,
    secureCookies: false,
    webDist: null,
  });
  await app.ready();
  const cookieOf = async (username: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Bench-pass-2026' } });
    return `zs_session=${r.cookies.find((c) => c.name === 'zs_session')!.value}`;
  };
  const sessions = { bureau: await cookieOf('bureau'), county: await cookieOf('county7') };
  const cases: [string, keyof typeof sessions, string][] = [
    ['projects, page 1 (bureau, whole province)', 'bureau', '/api/projects?page=1&pageSize=20'],
    ['projects, page 200 (bureau)', 'bureau', '/api/projects?page=200&pageSize=20'],
    ['projects, stage filter (bureau)', 'bureau', '/api/projects?stage=started'],
    ['projects, name search (bureau)', 'bureau', `/api/projects?q=${encodeURIComponent('隔膜')}`],
    ['projects, page 1 (county staff, own subtree)', 'county', '/api/projects?page=1&pageSize=20'],
    ['enterprises, page 1 (county staff)', 'county', '/api/enterprises'],
    ['enterprises, name search (bureau)', 'bureau', `/api/enterprises?q=${encodeURIComponent('企业3999')}`],
    ['units, tree (bureau)', 'bureau', '/api/units'],
  ];
  console.log(`\n${label}`);
  console.log('| page | p50 ms | p95 ms | rows |');
  console.log('|---|---|---|---|');
  for (const [name, who, url] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie: sessions[who] } });
      times.push(performance.now() - start);
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      const body = response.json() as { total?: number; items: unknown[] };
      total = body.total ?? body.items.length;
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${total} |`);
  }
  await app.close();
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`data: ${1 + COUNTIES + COUNTIES * PARKS_PER_COUNTY} units, ${ENTERPRISES} enterprises, ${PROJECTS} projects; ${RUNS} runs per page`);

const embedded = await openDatabase({});
let t = performance.now();
await seed(embedded);
console.log(`seeded PGlite in ${((performance.now() - t) / 1000).toFixed(1)} s`);
await measure(embedded, 'PGlite (embedded)');
await embedded.close();

if (await postgresAnswers(TEST_PG_URL)) {
  const name = `zs_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const server = await openDatabase({ databaseUrl: withDatabase(TEST_PG_URL, name) });
  try {
    t = performance.now();
    await seed(server);
    console.log(`seeded PostgreSQL in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await measure(server, 'PostgreSQL 15 (server)');
  } finally {
    await server.close();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
}
