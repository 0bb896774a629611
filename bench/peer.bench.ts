/**
 * Benchmark against the peer (issue 19): Directus 11 — the data platform a bureau's IT team would put over the same
 * tables — zhaoshang, and the best single SQL statement for the same answer, over ONE PostgreSQL database of the
 * province bench data (bench/cockpit.seed.ts), interleaved round by round so all three see the same machine.
 *
 * For each aggregate endpoint: requests/s at 50 clients (autocannon over HTTP for the two servers; for the SQL, 50
 * callers on a pool of 10 connections — zhaoshang's own pool size — in this process), the median of the rounds, the
 * ratios zhaoshang ÷ Directus (goal ≥ 2) and zhaoshang ÷ SQL (goal ≥ 0.8), and CPU seconds per request: the server
 * process's (Node) and the database's (the PostgreSQL backends of the bench database, from /proc).
 *
 * Directus is installed outside the repository (it runs on Node 20; install scripts skipped):
 *   mkdir -p /tmp/directus && cd /tmp/directus && npm install directus@11.16.1 --ignore-scripts
 * Run: npm run bench:peer   (DIRECTUS_DIR=/tmp/directus, PEER_PROJECTS=50000, PEER_SECONDS=5, PEER_ROUNDS=3).
 * Without Directus installed it measures zhaoshang and the SQL only, and says so.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';
import { PROVINCE_SCALE, TODAY, seedProvince } from './cockpit.seed.ts';

const DIRECTUS_DIR = process.env.DIRECTUS_DIR ?? '/tmp/directus';
const PROJECTS = Number(process.env.PEER_PROJECTS ?? PROVINCE_SCALE.projects);
const SECONDS = Number(process.env.PEER_SECONDS ?? 5);
const ROUNDS = Number(process.env.PEER_ROUNDS ?? 3);
const CONNECTIONS = 50;
const FROM = '2026-01-01';
const TO = TODAY;
const YTD = `from=${FROM}&to=${TO}`;

// The bureau's default rules (src/domain/metrics.ts DEFAULT_SCOPE_RULES), written out in the hand-made statements.
const COUNTED = `p.merged_into_id is null and coalesce(p.fund_source, '') <> 'local' and not (coalesce(p.industry_code, '') like '70%')`;
const SIGNED_YTD = `p.signed_on between '${FROM}' and '${TO}'`;

/**
 * The endpoints: zhaoshang's request; the best single statement giving the same answer (the limit); Directus's nearest
 * equivalent (its aggregate API groups by a column — it cannot roll a unit tree up to the chosen level or join the
 * investor's region, so its answer is the per-leaf-unit one, which is less work than zhaoshang's).
 */
type Case = { name: string; zhaoshang: string; sql: string; directus: string | null };
const filter = (parts: string[]) => parts.map((p, i) => p.replace(/^/, `filter[_and][${i}]`)).join('&');
const DIRECTUS_COUNTED = [`[merged_into_id][_null]=true`, `[fund_source][_neq]=local`, `[signed_on][_between]=${FROM},${TO}`];
const CASES: Case[] = [
  {
    name: 'breakdown by unit (contracted investment, cities of the province)',
    zhaoshang: `/api/cockpit/breakdown?${YTD}&key=signedContractYuan&by=unit`,
    sql: `select split_part(u.path, '/', 3) as g, sum(per_unit.s) from (
            select p.unit_id, sum(coalesce(p.contract_investment_yuan, p.total_investment_yuan)) as s from projects p where ${COUNTED} and ${SIGNED_YTD} group by 1
          ) per_unit join units u on u.id = per_unit.unit_id group by rollup (split_part(u.path, '/', 3))`,
    directus: `/items/projects?aggregate[sum]=contract_investment_yuan&groupBy[]=unit_id&${filter(DIRECTUS_COUNTED)}&limit=-1`,
  },
  {
    name: 'breakdown by industry (projects signed)',
    zhaoshang: `/api/cockpit/breakdown?${YTD}&key=signedCount&by=industry`,
    sql: `select coalesce(left(p.industry_code, 2), '') as g, count(*) from projects p where ${COUNTED} and ${SIGNED_YTD} group by rollup (coalesce(left(p.industry_code, 2), ''))`,
    directus: `/items/projects?aggregate[count]=id&groupBy[]=industry_code&${filter(DIRECTUS_COUNTED)}&limit=-1`,
  },
  {
    name: 'breakdown by stage (projects signed)',
    zhaoshang: `/api/cockpit/breakdown?${YTD}&key=signedCount&by=stage`,
    sql: `select p.stage, count(*) from projects p where ${COUNTED} and ${SIGNED_YTD} group by rollup (p.stage)`,
    directus: `/items/projects?aggregate[count]=id&groupBy[]=stage&${filter(DIRECTUS_COUNTED)}&limit=-1`,
  },
  {
    name: 'breakdown by source region (projects signed, by province)',
    zhaoshang: `/api/cockpit/breakdown?${YTD}&key=signedCount&by=region`,
    sql: `select coalesce(left(e.source_region_code, 2) || '0000', '') as g, count(*) from projects p left join enterprises e on e.id = p.investor_enterprise_id
          where ${COUNTED} and ${SIGNED_YTD} group by rollup (coalesce(left(e.source_region_code, 2) || '0000', ''))`,
    directus: null,
  },
  {
    name: 'monthly trend (contracted investment, this year and last)',
    zhaoshang: '/api/cockpit/trend?key=signedContractYuan&year=2026',
    sql: `select to_char(p.signed_on, 'YYYY-MM'), sum(coalesce(p.contract_investment_yuan, p.total_investment_yuan)) from projects p
          where ${COUNTED} and p.signed_on between '2025-01-01' and '2026-12-31' group by 1`,
    directus: `/items/projects?aggregate[sum]=contract_investment_yuan&groupBy[]=year(signed_on)&groupBy[]=month(signed_on)&filter[_and][0][merged_into_id][_null]=true&filter[_and][1][fund_source][_neq]=local&filter[_and][2][signed_on][_between]=2025-01-01,2026-12-31&limit=-1`,
  },
  {
    name: 'cockpit cards (13 project and fund figures, this year and last)',
    zhaoshang: `/api/cockpit?${YTD}`,
    // Every card of projects and funds, both periods, in one statement.
    sql: cardsStatement(),
    directus: `/items/projects?aggregate[count]=id&aggregate[sum]=contract_investment_yuan&${filter(DIRECTUS_COUNTED)}`,
  },
  {
    name: 'monthly bulletin (5 figures per city, ranks)',
    zhaoshang: '/api/bulletin?year=2026&month=10',
    sql: `select split_part(u.path, '/', 3) as g, sum(per_unit.n), sum(per_unit.c), sum(per_unit.sn), sum(per_unit.st) from (
            select p.unit_id, count(*) filter (where p.signed_on between '2026-01-01' and '2026-10-31') as n,
              sum(coalesce(p.contract_investment_yuan, p.total_investment_yuan)) filter (where p.signed_on between '2026-01-01' and '2026-10-31') as c,
              count(*) filter (where p.started_on between '2026-01-01' and '2026-10-31') as sn,
              sum(p.total_investment_yuan) filter (where p.started_on between '2026-01-01' and '2026-10-31') as st
            from projects p where ${COUNTED} and (p.signed_on between '2025-01-01' and '2026-10-31' or p.started_on between '2025-01-01' and '2026-10-31') group by 1
          ) per_unit join units u on u.id = per_unit.unit_id group by rollup (split_part(u.path, '/', 3))`,
    directus: `/items/projects?aggregate[count]=id&aggregate[sum]=contract_investment_yuan&groupBy[]=unit_id&filter[_and][0][merged_into_id][_null]=true&filter[_and][1][fund_source][_neq]=local&filter[_and][2][signed_on][_between]=2026-01-01,2026-10-31&limit=-1`,
  },
];

/** The cards' figures over projects and fund entries for both periods, as one statement. */
function cardsStatement(): string {
  const periods = [
    [FROM, TO],
    ['2025-01-01', `2025${TO.slice(4)}`],
  ];
  const columns = periods.flatMap(([from, to]) => {
    const on = (column: string) => `p.${column} between '${from}' and '${to}'`;
    return [
      `count(*) filter (where ${on('signed_on')})`,
      `sum(coalesce(p.contract_investment_yuan, p.total_investment_yuan)) filter (where ${on('signed_on')})`,
      `count(*) filter (where ${on('signed_on')} and p.total_investment_yuan >= 100000000)`,
      `count(*) filter (where ${on('signed_on')} and p.total_investment_yuan >= 1000000000)`,
      `count(*) filter (where ${on('signed_on')} and p.total_investment_yuan >= case p.project_type when 'industrial' then 30000000 else 100000000 end)`,
      `count(*) filter (where ${on('started_on')})`,
      `sum(p.total_investment_yuan) filter (where ${on('started_on')})`,
      `count(*) filter (where ${on('producing_on')})`,
      `count(*) filter (where ${on('in_stats_on')})`,
      `count(*) filter (where ${on('signed_on')} and p.three_batch is not null)`,
      `count(*) filter (where ${on('signed_on')} and (p.registered_on <= '${to}' or p.started_on <= '${to}' or p.producing_on <= '${to}' or p.in_stats_on <= '${to}'))`,
      `(select sum(f.amount_yuan) filter (where f.source = 'outOfProvince') || '/' || sum(f.amount_usd) filter (where f.source = 'foreign')
          from project_funds f join projects p on p.id = f.project_id where f.voided_at is null and f.arrived_on between '${from}' and '${to}' and f.source in ('outOfProvince', 'foreign') and ${COUNTED})`,
    ];
  });
  const anyDate = periods
    .flatMap(([from, to]) => ['signed_on', 'started_on', 'producing_on', 'in_stats_on'].map((c) => `p.${c} between '${from}' and '${to}'`))
    .join(' or ');
  return `select ${columns.join(', ')} from projects p where ${COUNTED} and (${anyDate})`;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** CPU seconds (user + system) of a process, from /proc. */
const cpuOf = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};
const uptime = () => `load ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`;

if (!(await postgresAnswers(TEST_PG_URL))) throw new Error(`the peer benchmark needs PostgreSQL at ${TEST_PG_URL}`);
const name = `zs_peer_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: TEST_PG_URL });
await admin.connect();
await admin.query(`create database ${name}`);
const databaseUrl = withDatabase(TEST_PG_URL, name);
const children: ChildProcess[] = [];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

/** CPU seconds of the bench database's PostgreSQL backends (the server runs on this machine). */
async function databaseCpu(): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]);
  return rows.reduce((sum, { pid }) => sum + cpuOf(pid), 0);
}

try {
  console.log(`# peer benchmark: ${PROJECTS} projects, ${CONNECTIONS} clients, ${ROUNDS} rounds of ${SECONDS} s; ${uptime()}`);
  const seeding = performance.now();
  const database = await openDatabase({ databaseUrl });
  const scale = PROJECTS / PROVINCE_SCALE.projects;
  await seedProvince(database, {
    ...PROVINCE_SCALE,
    projects: PROJECTS,
    enterprises: Math.max(100, Math.round(PROVINCE_SCALE.enterprises * scale)),
    stageRecords: Math.round(PROVINCE_SCALE.stageRecords * scale),
    fundEntries: Math.round(PROVINCE_SCALE.fundEntries * scale),
  });
  await database.close();
  console.log(`seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);

  // zhaoshang as deployed (`zhaoshang serve`, one worker), in a child process.
  const zsPort = await freePort();
  const zs = fork('bench/soak-server.ts', [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(zsPort), HOST: '127.0.0.1', ZHAOSHANG_DEMO: '0', ZHAOSHANG_WORKERS: '1', ZHAOSHANG_REMINDERS: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(zs);
  await new Promise<void>((resolve, reject) => {
    zs.once('message', () => resolve());
    zs.once('exit', (code) => reject(new Error(`zhaoshang exited (${code}) before listening`)));
  });
  const zsBase = `http://127.0.0.1:${zsPort}`;
  const login = await fetch(`${zsBase}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bureau', password: 'Bench-pass-2026' }) });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = /zs_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];

  // Directus 11 over the same database: its own tables beside ours, an admin with a static token.
  const directusBin = join(DIRECTUS_DIR, 'node_modules', 'directus', 'cli.js');
  let directus: { base: string; token: string; pid: number } | null = null;
  if (existsSync(directusBin)) {
    const token = randomBytes(16).toString('hex');
    const port = await freePort();
    const env = {
      ...process.env,
      DB_CLIENT: 'pg',
      DB_CONNECTION_STRING: databaseUrl,
      DB_POOL__MAX: '10',
      KEY: randomBytes(16).toString('hex'),
      SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: 'bench@example.com',
      ADMIN_PASSWORD: 'Bench-pass-2026',
      ADMIN_TOKEN: token,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TELEMETRY: 'false',
      CACHE_ENABLED: 'false',
      RATE_LIMITER_ENABLED: 'false',
      // Its load shedding (503 when the event loop lags) would turn a loaded machine into errors, not slower answers.
      PRESSURE_LIMITER_ENABLED: 'false',
      QUERY_LIMIT_MAX: '-1',
    };
    const preload = join(process.cwd(), 'bench', 'directus-without-isolated-vm.cjs');
    const run = (args: string[]) => spawn(process.execPath, ['--require', preload, directusBin, ...args], { cwd: DIRECTUS_DIR, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const bootstrap = run(['bootstrap']);
    const code = await new Promise<number | null>((resolve) => bootstrap.once('exit', resolve));
    if (code !== 0) throw new Error(`directus bootstrap exited ${code}`);
    const server = run(['start']);
    children.push(server);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/server/health`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 120) throw new Error('Directus did not answer /server/health in 60 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    directus = { base, token, pid: server.pid! };
  } else {
    console.log(`\nDirectus is not installed at ${DIRECTUS_DIR}: measuring zhaoshang and the SQL only.`);
  }

  type Sample = { rps: number; nodeCpu: number; dbCpu: number };
  async function overHttp(base: string, path: string, headers: Record<string, string>, pid: number): Promise<Sample> {
    const [cpu0, db0] = [cpuOf(pid), await databaseCpu()];
    const result = await new Promise<autocannon.Result>((resolve, reject) =>
      autocannon({ url: base, connections: CONNECTIONS, duration: SECONDS, requests: [{ method: 'GET', path, headers }] }, (error, r) => (error ? reject(error) : resolve(r))),
    );
    const [cpu1, db1] = [cpuOf(pid), await databaseCpu()];
    // Only answers count; a few failures are reported, more than 1 % stop the run.
    const n = result.requests.total - result.non2xx;
    if (result.non2xx + result.errors > 0) console.log(`  ${base}${path}: ${result.non2xx} non-2xx, ${result.errors} errors of ${result.requests.total}`);
    if (n === 0 || (result.non2xx + result.errors) / result.requests.total > 0.01) {
      throw new Error(`${base}${path}: ${n} answers in ${SECONDS} s, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    }
    return { rps: n / SECONDS, nodeCpu: (cpu1 - cpu0) / n, dbCpu: (db1 - db0) / n };
  }
  async function overSql(text: string): Promise<Sample> {
    const [cpu0, db0] = [process.cpuUsage(), await databaseCpu()];
    let n = 0;
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          await pool.query(text);
          n += 1;
        }
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    return { rps: n / SECONDS, nodeCpu: (cpu.user + cpu.system) / 1e6 / n, dbCpu: ((await databaseCpu()) - db0) / n };
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ms = (seconds: number) => (seconds * 1000).toFixed(2);
  const rows: string[] = [];
  for (const c of CASES) {
    // Warm-up: each answers once, and must answer.
    const check = await fetch(zsBase + c.zhaoshang, { headers: { cookie } });
    if (!check.ok) throw new Error(`${c.zhaoshang}: ${check.status} ${await check.text()}`);
    if (directus && c.directus) {
      const r = await fetch(directus.base + c.directus, { headers: { authorization: `Bearer ${directus.token}` } });
      if (!r.ok) throw new Error(`Directus ${c.directus}: ${r.status} ${await r.text()}`);
    }
    await pool.query(c.sql);
    const samples: Record<'zs' | 'directus' | 'sql', Sample[]> = { zs: [], directus: [], sql: [] };
    for (let round = 0; round < ROUNDS; round++) {
      samples.zs.push(await overHttp(zsBase, c.zhaoshang, { cookie }, zs.pid!));
      if (directus && c.directus) {
        // A peer that fails under the load is reported as such, and the others are still measured.
        const sample = await overHttp(directus.base, c.directus, { authorization: `Bearer ${directus.token}` }, directus.pid).catch((error: Error) => (console.log(`  Directus: ${error.message}`), null));
        if (sample) samples.directus.push(sample);
      }
      samples.sql.push(await overSql(c.sql));
    }
    const of = (list: Sample[]) => (list.length === 0 ? null : { rps: median(list.map((s) => s.rps)), nodeCpu: median(list.map((s) => s.nodeCpu)), dbCpu: median(list.map((s) => s.dbCpu)) });
    const [z, d, s] = [of(samples.zs)!, of(samples.directus), of(samples.sql)!];
    const cell = (x: { rps: number; nodeCpu: number; dbCpu: number } | null) => (x ? `${x.rps.toFixed(0)} (${ms(x.nodeCpu)} + ${ms(x.dbCpu)})` : 'n/a');
    rows.push(`| ${c.name} | ${cell(z)} | ${cell(d)} | ${cell(s)} | ${d ? (z.rps / d.rps).toFixed(2) : 'n/a'} | ${(z.rps / s.rps).toFixed(2)} |`);
    console.log(rows.at(-1));
  }
  console.log(`\n#### Peer comparison, ${PROJECTS} projects, ${CONNECTIONS} clients, medians of ${ROUNDS} interleaved rounds of ${SECONDS} s; ${uptime()}\n`);
  console.log('| endpoint | zhaoshang req/s (Node + PostgreSQL CPU ms/req) | Directus 11 | best SQL (bench process + PostgreSQL) | ÷ Directus (goal ≥ 2) | ÷ SQL (goal ≥ 0.8) |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await pool.end().catch(() => {});
  await new Promise((r) => setTimeout(r, 1000));
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
