/**
 * Soak benchmark (issue 18): `zhaoshang serve` on a fresh PostgreSQL database with the demo city, under a mixed load
 * at capacity — lists, the cockpit, comments written, a ledger imported, committed and reverted again and again —
 * for SOAK_SECONDS (default 600). Reports errors, throughput and the server's memory after a full GC: after the
 * warm-up, and after the run (it must stay within 10 %). Also measures the cockpit alone with 50 clients.
 * Run: npm run bench:soak (SOAK_SECONDS=120 for a short run). Not part of npm test. Figures: docs/benchmarks.md.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';
import { DEMO_PASSWORD } from '../src/server/demo/demo-data.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const WARMUP_SECONDS = Number(process.env.SOAK_WARMUP_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50);
const IMPORT_EVERY_MS = Number(process.env.SOAK_IMPORT_EVERY_MS ?? 15_000);
const YTD = 'from=2026-01-01&to=2026-12-31';

type Memory = { rss: number; heapUsed: number; external: number; arrayBuffers: number; gc: boolean };
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

if (!(await postgresAnswers(TEST_PG_URL))) {
  console.log(`no PostgreSQL server answers at ${TEST_PG_URL}: the soak runs on PostgreSQL only`);
  process.exit(0);
}
const name = `zs_soak_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: TEST_PG_URL });
await admin.connect();
await admin.query(`create database ${name}`);
const databaseUrl = withDatabase(TEST_PG_URL, name);

const port = await freePort();
const server = fork('bench/soak-server.ts', [], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
  env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', ZHAOSHANG_DEMO: '1', ZHAOSHANG_WORKERS: '1' },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
await new Promise<void>((resolve, reject) => {
  server.once('message', () => resolve());
  void exited.then((code) => reject(new Error(`the server exited (${code}) before listening`)));
});
const base = `http://127.0.0.1:${port}`;

function memory(): Promise<Memory> {
  return new Promise((resolve) => {
    const onMessage = (message: { memory?: Memory }) => {
      if (!message.memory) return;
      server.off('message', onMessage);
      resolve(message.memory);
    };
    server.on('message', onMessage);
    server.send({ memory: true });
  });
}
/** The server's resident memory as the kernel sees it, without a GC (for the trend during the run). */
const rssNow = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]) * 1024;

/** CPU seconds (user + system) of a process, from /proc. */
const cpuOf = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};
/** CPU seconds of this database's PostgreSQL server processes (the server runs on this machine). */
async function databaseCpu(): Promise<number> {
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name]);
  return rows.reduce((sum, { pid }) => sum + cpuOf(pid), 0);
}

async function logIn(username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return /zs_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
}
const bureau = await logIn('bureau');
const staff = await logIn('xiangcheng');
const projectIds = ((await (await fetch(`${base}/api/projects?pageSize=20`, { headers: { cookie: staff } })).json()) as { items: { id: number }[] }).items.map((p) => p.id);
if (projectIds.length === 0) throw new Error('the demo city gave the staff user no project');

type Req = autocannon.Request;
const get = (path: string, cookie: string): Req => ({ method: 'GET', path, headers: { cookie } });
const READS: Req[] = [
  get('/api/projects?page=1&pageSize=20', bureau),
  get(`/api/cockpit?${YTD}`, bureau),
  get('/api/projects?page=2&pageSize=20&stage=signed', bureau),
  get('/api/leads?page=1&pageSize=20', bureau),
  get('/api/enterprises?page=1&pageSize=20', bureau),
  get('/api/notifications?limit=20', staff),
  get(`/api/projects/${projectIds[0]}/lifecycle`, staff),
];
const WRITES: Req[] = projectIds.slice(0, 5).map((id, i) => ({
  method: 'POST',
  path: `/api/projects/${id}/comments`,
  headers: { cookie: staff, 'content-type': 'application/json' },
  body: JSON.stringify({ text: `压测评论 ${i}` }),
}));

type Load = { requests: number; rps: number; p50: number; p99: number; errors: number; timeouts: number; non2xx: number };
function load(requests: Req[], connections: number, seconds: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    autocannon({ url: base, connections, duration: seconds, requests }, (error, result) => {
      if (error) return reject(error);
      resolve({
        requests: result.requests.total,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
      });
    });
  });
}

/** A small ledger imported, committed and reverted by the county's staff user, again and again. */
function importLoop(stopAt: number): Promise<{ rounds: number; failures: string[] }> {
  const failures: string[] = [];
  let rounds = 0;
  const once = async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `压测项目${rounds}-${i},压测投资有限公司${rounds},1.5,2026/3/18,襄城区`);
    const form = new FormData();
    form.append('file', new Blob([['项目名称,投资主体,计划总投资(亿元),签约日期,责任单位', ...rows].join('\r\n')]), `压测${rounds}.csv`);
    const call = async (method: string, path: string, body?: FormData) => {
      const response = await fetch(`${base}${path}`, { method, headers: { cookie: staff }, body });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${(await response.text()).slice(0, 300)}`);
      return response.json() as Promise<{ id: number; counts?: { create: number } }>;
    };
    const batch = await call('POST', '/api/imports', form);
    if (batch.counts?.create !== 20) throw new Error(`preview: ${JSON.stringify(batch.counts)}`);
    await call('POST', `/api/imports/${batch.id}/commit`);
    await call('POST', `/api/imports/${batch.id}/revert`);
  };
  return (async () => {
    while (Date.now() < stopAt) {
      const started = Date.now();
      try {
        await once();
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
      rounds++;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, IMPORT_EVERY_MS - (Date.now() - started))));
    }
    return { rounds, failures };
  })();
}

/** The whole mixed load for `seconds`: reads and writes at capacity, imports alongside, RSS sampled. */
async function mixed(seconds: number) {
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssNow()), 10_000);
  const writers = Math.max(2, Math.round(CONNECTIONS / 10));
  const [reads, writes, imports] = await Promise.all([
    load(READS, CONNECTIONS - writers, seconds),
    load(WRITES, writers, seconds),
    importLoop(Date.now() + seconds * 1000),
  ]);
  clearInterval(sampler);
  return { reads, writes, imports, samples };
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; PostgreSQL at ${TEST_PG_URL}`);
try {
  const started = await memory();
  console.log(`server started with the demo city: ${mb(started.rss)} MB resident after GC (GC exposed: ${started.gc})`);
  // What bounds the cockpit: the CPU the Node process and the database server each spend on it.
  const [nodeBefore, dbBefore, wallBefore] = [cpuOf(server.pid!), await databaseCpu(), performance.now()];
  const cockpit = await load([get(`/api/cockpit?${YTD}`, bureau)], 50, 20);
  const wall = (performance.now() - wallBefore) / 1000;
  const [nodeCpu, dbCpu] = [cpuOf(server.pid!) - nodeBefore, (await databaseCpu()) - dbBefore];
  console.log(`cockpit alone, 50 clients, 20 s: ${cockpit.rps.toFixed(0)} requests/s, p50 ${cockpit.p50} ms, p99 ${cockpit.p99} ms, errors ${cockpit.errors} (timed out ${cockpit.timeouts}), non-2xx ${cockpit.non2xx}; CPU: Node ${(nodeCpu / wall).toFixed(2)} cores, PostgreSQL ${(dbCpu / wall).toFixed(2)} cores, ${((nodeCpu * 1000) / Math.max(cockpit.requests, 1)).toFixed(1)} ms Node + ${((dbCpu * 1000) / Math.max(cockpit.requests, 1)).toFixed(1)} ms PostgreSQL per request`);

  const warm = await mixed(WARMUP_SECONDS);
  const afterWarmup = await memory();
  console.log(`warm-up ${WARMUP_SECONDS} s: reads ${warm.reads.rps.toFixed(0)}/s, writes ${warm.writes.rps.toFixed(0)}/s, imports ${warm.imports.rounds}; ${mb(afterWarmup.rss)} MB resident after GC (heap ${mb(afterWarmup.heapUsed)} MB)`);

  const run = await mixed(SECONDS);
  const after = await memory();
  const timeouts = run.reads.timeouts + run.writes.timeouts;
  const errors = run.reads.errors + run.reads.non2xx + run.writes.errors + run.writes.non2xx + run.imports.failures.length;
  const growth = (after.rss - afterWarmup.rss) / afterWarmup.rss;
  console.log(`\n| soak, ${SECONDS} s, ${CONNECTIONS} clients | value |\n|---|---:|`);
  console.log(`| reads (lists, cockpit, leads, enterprises, notifications, lifecycle) | ${run.reads.requests} requests, ${run.reads.rps.toFixed(0)}/s, p50 ${run.reads.p50} ms, p99 ${run.reads.p99} ms |`);
  console.log(`| writes (comments) | ${run.writes.requests} requests, ${run.writes.rps.toFixed(0)}/s, p50 ${run.writes.p50} ms, p99 ${run.writes.p99} ms |`);
  console.log(`| imports of 20 rows (upload, commit, revert) | ${run.imports.rounds} |`);
  console.log(`| errors: non-2xx ${run.reads.non2xx + run.writes.non2xx}, failed imports ${run.imports.failures.length}, connection errors ${errors - run.reads.non2xx - run.writes.non2xx - run.imports.failures.length} (of which timed out after 10 s: ${timeouts}) | ${errors} |`);
  console.log(`| server memory after GC: after warm-up → after the run | ${mb(afterWarmup.rss)} → ${mb(after.rss)} MB resident (${(growth * 100).toFixed(1)} %); heap ${mb(afterWarmup.heapUsed)} → ${mb(after.heapUsed)} MB |`);
  console.log(`| resident memory during the run, every 10 s (MB) | ${run.samples.map(mb).join(' ')} |`);
  for (const failure of run.imports.failures.slice(0, 5)) console.log(`import failure: ${failure}`);
  if (errors > 0 || growth > 0.1) process.exitCode = 1;
} finally {
  server.send({ stop: true });
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (server.exitCode === null) server.kill('SIGKILL');
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
}
