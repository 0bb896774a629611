/**
 * Benchmark: the project list and the 督办 list at 50,000 projects (issue 3).
 *  - p50 / p95 of each page, in-process (no network), on PGlite and on PostgreSQL;
 *  - requests per second under a local load generator (autocannon, 50 connections, its own process) against the
 *    server listening on loopback, on PostgreSQL: the app in this process, then `zhaoshang serve` started as a
 *    deployment starts it, in one process and with `--workers BENCH_WORKERS` (default 2).
 * Run: npm run bench:projects   — figures go to docs/benchmarks.md with the machine they were taken on.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { COUNTIES, ENTERPRISES, PARKS_PER_COUNTY, PROJECTS, seed } from './seed.ts';
import type { ZApp } from '../src/server/deps.ts';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';

const RUNS = 40;
const LOAD_SECONDS = 10;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Name searches of 2, 3 and 4 Chinese characters (issue 19): each matches 10,000 names (the seed has five name endings), or none; and a rare name. */
const SEARCH_CASES: [string, 'bureau' | 'county', string][] = [
  ['name search, 2 characters (储能, no match)', 'bureau', `/api/projects?q=${encodeURIComponent('储能')}`],
  ['name search, 3 characters (锂电池)', 'bureau', `/api/projects?q=${encodeURIComponent('锂电池')}`],
  ['name search, 4 characters (数据中心)', 'bureau', `/api/projects?q=${encodeURIComponent('数据中心')}`],
  ['name search, 4 characters, page 50 (数据中心)', 'bureau', `/api/projects?q=${encodeURIComponent('数据中心')}&page=50`],
  ['name search, county staff (隔膜)', 'county', `/api/projects?q=${encodeURIComponent('隔膜')}`],
  ['name search, a rare name (项目4321)', 'bureau', `/api/projects?q=${encodeURIComponent('项目4321')}`],
];

/** BENCH_ONLY=search: the name searches alone, in-process, with the CPU seconds they cost; no load test. */
const SEARCH_ONLY = process.env.BENCH_ONLY === 'search';

const CASES: [string, 'bureau' | 'county', string][] = SEARCH_ONLY ? [['project list, name search (隔膜)', 'bureau', `/api/projects?q=${encodeURIComponent('隔膜')}`], ...SEARCH_CASES] : [
  ['project list, page 1 (bureau, whole city)', 'bureau', '/api/projects?page=1&pageSize=20'],
  ['project list, page 100', 'bureau', '/api/projects?page=100&pageSize=20'],
  ['project list, filtered + sorted (started, overdue, by next due)', 'bureau', '/api/projects?stage=started&deadlineStatus=overdue&sort=nextDue'],
  ['project list, industry + amount band + major', 'bureau', '/api/projects?industry=38&minTotalYuan=1000000000&isMajor=true'],
  ['project list, source region (investor HQ in 广东)', 'bureau', '/api/projects?sourceRegion=44'],
  ['project list, name search', 'bureau', `/api/projects?q=${encodeURIComponent('隔膜')}`],
  ...SEARCH_CASES,
  ['project list, county staff (own subtree)', 'county', '/api/projects?page=1&pageSize=20'],
  ['project list, narrowed to a county and its parks (bureau)', 'bureau', '/api/projects?unitId=9&page=1&pageSize=20'],
  ['project list, narrowed to a county, 签约 only (bureau)', 'bureau', '/api/projects?unitId=9&stage=signed'],
  ['督办 list (bureau)', 'bureau', '/api/supervision?pageSize=20'],
  ['督办 list, overdue only (county staff)', 'county', '/api/supervision?status=overdue'],
  ['督办 list, narrowed to a county (bureau)', 'bureau', '/api/supervision?unitId=9&pageSize=20'],
  ['挂图作战 board (bureau)', 'bureau', '/api/supervision/board?pageSize=20'],
];

async function appOn(database: Database): Promise<{ app: ZApp; cookies: Record<'bureau' | 'county', string> }> {
  const app = await buildApp({
    db: database.db,
    databaseKind: database.kind,
    migration: { version: 0, tag: 'bench' },
    clock: () => new Date(),
    auth: { idleMinutes: 60 },
    demo: false,
    secureCookies: false,
    webDist: null,
  });
  await app.ready();
  const cookieOf = async (username: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Bench-pass-2026' } });
    return `zs_session=${r.cookies.find((c) => c.name === 'zs_session')!.value}`;
  };
  return { app, cookies: { bureau: await cookieOf('bureau'), county: await cookieOf('county7') } };
}

/** CPU seconds so far of the PostgreSQL server processes serving this database (from /proc; null on PGlite or elsewhere). */
async function serverCpuSeconds(database: Database): Promise<number | null> {
  if (database.kind !== 'postgres') return null;
  const rows = (await database.db.execute(sql`select pid from pg_stat_activity where datname = current_database()`)) as unknown as
    | { rows: { pid: number }[] }
    | { pid: number }[];
  const pids = (Array.isArray(rows) ? rows : rows.rows).map((r) => r.pid);
  const { readFileSync } = await import('node:fs');
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      return null;
    }
  }
  return ticks / 100;
}

async function latencies(database: Database, label: string) {
  const { app, cookies } = await appOn(database);
  console.log(`\n#### ${label}\n`);
  console.log(`| page | p50 ms | p95 ms | rows matched${SEARCH_ONLY ? ' | Node CPU ms/request | PostgreSQL CPU ms/request' : ''} |`);
  console.log(`|---|---:|---:|---:${SEARCH_ONLY ? '|---:|---:' : ''}|`);
  for (const [name, who, url] of CASES) {
    const times: number[] = [];
    let total = 0;
    // One warm-up request, so the CPU figures are those of a prepared statement's steady state.
    if (SEARCH_ONLY) await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
    const nodeBefore = process.cpuUsage();
    const serverBefore = await serverCpuSeconds(database);
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
      times.push(performance.now() - start);
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      total = (response.json() as { total: number }).total;
    }
    const node = process.cpuUsage(nodeBefore);
    const serverAfter = await serverCpuSeconds(database);
    times.sort((a, b) => a - b);
    const cpu = SEARCH_ONLY
      ? ` | ${((node.user + node.system) / 1000 / RUNS).toFixed(1)} | ${serverBefore === null || serverAfter === null ? '–' : (((serverAfter - serverBefore) * 1000) / RUNS).toFixed(1)}`
      : '';
    console.log(`| ${name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${total}${cpu} |`);
  }
  await app.close();
}

/** autocannon in its own process, so the load generator does not share the server's event loop. */
function autocannon(url: string, cookie: string): Promise<{ rps: number; p50: number; p99: number; errors: number; non2xx: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/autocannon', ['-c', '50', '-d', String(LOAD_SECONDS), '-j', '-H', `cookie=${cookie}`, url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => {
      const r = JSON.parse(out) as { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number };
      resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx });
    });
  });
}

type Cookies = Record<'bureau' | 'county', string>;

const LOAD_RUNS: [string, 'bureau' | 'county', string][] = [
  ['project list, page 1 (bureau)', 'bureau', '/api/projects?page=1&pageSize=20'],
  ['project list, page 1 (county staff)', 'county', '/api/projects?page=1&pageSize=20'],
  ['督办 list (bureau)', 'bureau', '/api/supervision?pageSize=20'],
];

async function loadTable(port: number, cookies: Cookies, label: string) {
  console.log(`\n#### ${label}: 50 connections, ${LOAD_SECONDS} s each\n`);
  console.log('| page | requests/s | p50 ms | p99 ms | errors |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, who, url] of LOAD_RUNS) {
    const r = await autocannon(`http://127.0.0.1:${port}${url}`, cookies[who]);
    console.log(`| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors + r.non2xx} |`);
  }
}

async function load(database: Database, label: string): Promise<Cookies> {
  const { app, cookies } = await appOn(database);
  await app.listen({ port: 0, host: '127.0.0.1' });
  await loadTable((app.server.address() as { port: number }).port, cookies, label);
  await app.close();
  return cookies;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** `zhaoshang serve [--workers N]` on the bench's database, as a deployment starts it (sessions are in the database). */
async function loadServed(databaseUrl: string, workers: number, cookies: Cookies) {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/zhaoshang.js', 'serve', ...(workers > 1 ? ['--workers', String(workers)] : [])], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', ZHAOSHANG_DEMO: '0', ZHAOSHANG_REMINDERS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('is running at')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`zhaoshang serve exited (${code}) before listening:\n${out}`)));
  });
  try {
    await loadTable(port, cookies, `PostgreSQL 15, zhaoshang serve${workers > 1 ? ` --workers ${workers}` : ' (one process)'}, over loopback`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`data: ${1 + COUNTIES + COUNTIES * PARKS_PER_COUNTY} units, ${ENTERPRISES} enterprises, ${PROJECTS} projects; ${RUNS} runs per page`);

const embedded = await openDatabase({});
let t = performance.now();
await seed(embedded);
console.log(`seeded PGlite in ${((performance.now() - t) / 1000).toFixed(1)} s`);
await latencies(embedded, 'PGlite (embedded), in-process');
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
    await server.db.execute(sql`vacuum analyze`);
    console.log(`seeded PostgreSQL in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await latencies(server, 'PostgreSQL 15 (server), in-process');
    if (!SEARCH_ONLY) {
      const cookies = await load(server, 'PostgreSQL 15 (server), over loopback');
      // The same load on the server as deployed, one process and several: one Node process uses one core.
      await loadServed(withDatabase(TEST_PG_URL, name), 1, cookies);
      if (WORKERS > 1) await loadServed(withDatabase(TEST_PG_URL, name), WORKERS, cookies);
    }
  } finally {
    await server.close();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
} else {
  console.log('\nno PostgreSQL server answers: the PostgreSQL figures and the load test are skipped');
}
