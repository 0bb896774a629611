/**
 * Benchmark: the heat map's data at province scale (issue 15) on PostgreSQL — the cockpit benchmark's data (50,000
 * projects, 300,000 stage records, 200,000 fund entries, 20,000 enterprises, a tenth of them subsidiaries of a group
 * headquartered elsewhere, so the source region is the ultimate parent's) for each measure and view, as the whole
 * province and as one city. p50 / p95 of the API call, in process (no network). Target: < 100 ms p95. The machine is
 * shared, so each case also reports the CPU time a call costs — Node's (process.cpuUsage) and the PostgreSQL backends'
 * serving this database (utime + stime from /proc/<pid>/stat) — which other people's load does not inflate.
 * Run: npx tsx bench/heatmap.bench.ts — figures go to docs/benchmarks.md with the machine's load (uptime).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';
import { PROJECTS, STAGE_RECORDS, TODAY, seedProvince } from './cockpit.seed.ts';

const RUNS = Number(process.env.RUNS ?? 30);
const CASES: [string, 'bureau' | 'city', string][] = [
  ['signed amounts, China by province, whole province', 'bureau', 'measure=signedContractYuan&level=province'],
  ['signed amounts, the world, whole province', 'bureau', 'measure=signedContractYuan&level=country'],
  ['signed count, 广东 by city', 'bureau', 'measure=signedCount&level=city&parent=440000'],
  ['started, China, whole province', 'bureau', 'measure=startedCount&level=province'],
  ['funds arrived (省外境内), China', 'bureau', 'measure=fundsArrivedDomesticYuan&level=province'],
  ['funds arrived (外资), the world', 'bureau', 'measure=fundsArrivedForeignUsd&level=country'],
  ['target enterprises (library), China', 'bureau', 'measure=targetEnterprises&level=province'],
  ['signed amounts, China, one city (its subtree)', 'city', 'measure=signedContractYuan&level=province'],
];
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (!(await postgresAnswers(TEST_PG_URL))) {
  console.log('no PostgreSQL server answers: nothing measured');
  process.exit(0);
}
const name = `zs_bench_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: TEST_PG_URL });
await admin.connect();
await admin.query(`create database ${name}`);
const database = await openDatabase({ databaseUrl: withDatabase(TEST_PG_URL, name) });
try {
  const start = performance.now();
  await seedProvince(database);
  // A tenth of the enterprises belong to a group headquartered in 上海 or 深圳: their investments come from there.
  await database.db.execute(sql`insert into enterprises (unit_id, name, hq_region_code) select 1, '集团' || g || '有限公司', (array['310115','440305','810000'])[g % 3 + 1] from generate_series(1, 200) g`);
  await database.db.execute(sql`update enterprises e set parent_enterprise_id = (select min(id) from enterprises where name like '集团%') + e.id % 200
    where e.id % 10 = 0 and e.name like '企业%'`);
  await database.db.execute(sql`vacuum analyze`);
  console.log(`data: ${PROJECTS} projects, ${STAGE_RECORDS} stage records; seeded PostgreSQL in ${((performance.now() - start) / 1000).toFixed(1)} s; ${RUNS} runs per case`);
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
  const cookies = { bureau: await cookieOf('bureau'), city: await cookieOf('city3') };
  // CPU seconds of the PostgreSQL backends serving the bench database (clock ticks of /proc/<pid>/stat, 100 a second).
  const backendCpuMs = async () => {
    const pids = (await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name])).rows.map((r) => r.pid);
    let ticks = 0;
    for (const pid of pids) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // not on this machine, or gone
      }
    }
    return ticks * 10;
  };
  console.log('\n| map | p50 ms | p95 ms | CPU ms a call (Node + PostgreSQL) | cells | records behind the total |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [label, who, query] of CASES) {
    const url = `/api/heatmap?year=2026&${query}`;
    const call = async () => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response.json() as { cells: unknown[]; value: number };
    };
    const first = await call(); // warm-up
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    const pg0 = await backendCpuMs();
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await call();
      times.push(performance.now() - t0);
    }
    const node = process.cpuUsage(cpu0);
    const pgMs = (await backendCpuMs()) - pg0;
    const nodeMs = (node.user + node.system) / 1000;
    times.sort((a, b) => a - b);
    const cpu = `${((nodeMs + pgMs) / RUNS).toFixed(0)} (${(nodeMs / RUNS).toFixed(0)} + ${(pgMs / RUNS).toFixed(0)})`;
    console.log(`| ${label} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${cpu} | ${first.cells.length} | ${first.value} |`);
  }
  await app.close();
} finally {
  await database.close();
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
  console.log(`load after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
