/**
 * Benchmark: the cockpit and the per-unit ranking at province scale (issue 5), on PGlite and on PostgreSQL.
 * For each page: p50 / p95 of the API call (in-process, no network), and of the SAME SQL statements the call
 * issued, captured from the driver and replayed directly on the same connection kind in the same process
 * (concurrently, as the API may run them) — the ratio is the cost of everything that is not the database.
 * Target: < 100 ms p95 on PostgreSQL and ≤ 1.3× the raw SQL.
 * Run: npm run bench:cockpit — figures go to docs/benchmarks.md with the machine they were taken on.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import type { ZApp } from '../src/server/deps.ts';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';
import { FUND_ENTRIES, PROJECTS, STAGE_RECORDS, TODAY, UNITS, seedProvince } from './cockpit.seed.ts';

const RUNS = 40;
const YTD = `from=2026-01-01&to=${TODAY}`;
const CASES: [string, 'bureau' | 'city', string][] = [
  ['cockpit KPI cards, whole province, year to date (15 metrics, this year and last)', 'bureau', `/api/cockpit?${YTD}`],
  ['cockpit KPI cards, one city (its subtree)', 'city', `/api/cockpit?${YTD}`],
  ['per-unit ranking: contracted investment by city', 'bureau', `/api/cockpit/breakdown?${YTD}&key=signedContractYuan&by=unit`],
  ['breakdown by industry', 'bureau', `/api/cockpit/breakdown?${YTD}&key=signedCount&by=industry`],
  ['monthly trend, this year and last', 'bureau', '/api/cockpit/trend?key=signedContractYuan&year=2026'],
  ['monthly bulletin with the per-unit table and ranks', 'bureau', '/api/bulletin?year=2026&month=10'],
  ['records behind a city’s contracted investment (drill-down)', 'city', `/api/cockpit/records?${YTD}&key=signedContractYuan`],
];

type Statement = { text: string; params: unknown[] };
type Replayer = (statements: Statement[]) => Promise<unknown>;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function appOn(database: Database): Promise<{ app: ZApp; cookies: Record<'bureau' | 'city', string> }> {
  const app = await buildApp({
    db: database.db,
    databaseKind: database.kind,
    migration: { version: 0, tag: 'bench' },
    clock: () => new Date(`${TODAY}T10:00:00+08:00`),
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
  return { app, cookies: { bureau: await cookieOf('bureau'), city: await cookieOf('city3') } };
}

async function measure(label: string, database: Database, capture: { statements: Statement[] | null }, replay: Replayer) {
  const { app, cookies } = await appOn(database);
  console.log(`\n#### ${label}\n`);
  console.log('| page | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms | API ÷ SQL (p50) | statements |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, who, url] of CASES) {
    const call = async () => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    };
    await call(); // warm-up
    capture.statements = [];
    await call();
    const statements = capture.statements;
    capture.statements = null;
    const api: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so that both see the same machine state.
      let start = performance.now();
      await call();
      api.push(performance.now() - start);
      start = performance.now();
      await replay(statements);
      raw.push(performance.now() - start);
    }
    api.sort((a, b) => a - b);
    raw.sort((a, b) => a - b);
    const ratio = percentile(api, 50) / percentile(raw, 50);
    console.log(
      `| ${name} | ${percentile(api, 50).toFixed(1)} | ${percentile(api, 95).toFixed(1)} | ${percentile(raw, 50).toFixed(1)} | ${percentile(raw, 95).toFixed(1)} | ${ratio.toFixed(2)} | ${statements.length} |`,
    );
  }
  await app.close();
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`data: ${UNITS} units, ${PROJECTS} projects, ${STAGE_RECORDS} stage records, ${FUND_ENTRIES} fund entries; ${RUNS} runs per page`);

// PGlite: the statements are caught at the embedded database's own query method and replayed through it.
{
  const pglite = await PGlite.create();
  const capture: { statements: Statement[] | null } = { statements: null };
  const query = pglite.query.bind(pglite);
  pglite.query = (async (text: string, params?: unknown[], options?: unknown) => {
    capture.statements?.push({ text, params: params ?? [] });
    return query(text, params, options as never);
  }) as typeof pglite.query;
  const embedded = await openDatabase({ pglite });
  const start = performance.now();
  await seedProvince(embedded);
  console.log(`seeded PGlite in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  await measure('PGlite (embedded), in-process', embedded, capture, async (statements) => {
    for (const s of statements) await query(s.text, s.params);
  });
  await embedded.close();
}

if (await postgresAnswers(TEST_PG_URL)) {
  const name = `zs_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = withDatabase(TEST_PG_URL, name);
  const capture: { statements: Statement[] | null } = { statements: null };
  const poolQuery = pg.Pool.prototype.query;
  pg.Pool.prototype.query = function (this: pg.Pool, config: unknown, values?: unknown) {
    if (capture.statements && typeof config === 'object' && config && 'text' in config) {
      const c = config as { text: string; values?: unknown[] };
      capture.statements.push({ text: c.text, params: c.values ?? (values as unknown[]) ?? [] });
    }
    return (poolQuery as (...args: unknown[]) => unknown).apply(this, [config, values].filter((a) => a !== undefined));
  } as typeof pg.Pool.prototype.query;
  const server = await openDatabase({ databaseUrl: url });
  const direct = new pg.Pool({ connectionString: url, max: 10 });
  direct.on('error', () => {}); // the database is dropped at the end, with force
  try {
    const start = performance.now();
    await seedProvince(server);
    await server.db.execute(sql`vacuum analyze`);
    console.log(`seeded PostgreSQL in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    await measure('PostgreSQL 15 (server), in-process', server, capture, async (statements) => {
      await Promise.all(statements.map((s) => direct.query(s.text, s.params as unknown[])));
    });
  } finally {
    await direct.end();
    await server.close();
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
} else {
  console.log('\nno PostgreSQL server answers: the PostgreSQL figures are skipped');
}
