/**
 * Benchmark: importing a 10,000-row ledger (issue 4), against the bare parse of the same file, in one run.
 *  - bare parse: reading the xlsx into cell texts (ExcelJS) and the rows into records (the domain reader);
 *  - whole import: upload (read, check every row against the data, store the preview) and commit (check again,
 *    write projects, stage records, investors, audit rows and batch items in one transaction).
 * Each is measured in its own child process so that its peak memory (max RSS) is its own, three times, the bare
 * parse and the imports taking turns, so that a busy moment of the machine does not land on one side of the ratio;
 * the medians are reported. On a PostgreSQL server on this machine, the server's own CPU time during the commit is
 * read from /proc: the work the database must do for the rows, which no code of ours can overlap with the parse.
 * Run: npm run bench:imports (on the embedded database, and on PostgreSQL when ZHAOSHANG_TEST_PG_URL answers).
 */
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { isValidCreditCode } from '../src/domain/credit-code.ts';
import { readSheet } from '../src/domain/ledger-rows.ts';
import { readLedgerFile } from '../src/server/imports/ledger-reader.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { commitImport, revertImport, uploadLedger } from '../src/server/imports/imports.service.ts';
import { runReminderJob } from '../src/server/reminders/reminders.job.ts';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';
import ExcelJS from 'exceljs';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const COUNTIES = ['襄城区', '樊城区', '襄州区', '枣阳市', '宜城市', '老河口市', '南漳县', '谷城县', '保康县', '东津新区'];
const INDUSTRIES = ['3841 锂离子电池制造', '3612 新能源车整车制造', '2710 化学药品原料药制造', '3985 电子专用材料制造', '新材料'];
const PROGRESS = ['已签约', '在建', '已投产', '签约未开工', '前期'];

function creditCode(n: number): string {
  const body = '91440300' + String(n).padStart(9, '0');
  return body + [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].find((c) => isValidCreditCode(body + c))!;
}

/** A ledger the way a city keeps one for a year: title, unit line, merged two-row header, sections, subtotals. */
async function writeLedger(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2025年签约项目');
  sheet.addRow(['襄阳市2025年招商引资签约项目台账']);
  sheet.addRow(['单位:万元']);
  sheet.addRow(['序号', '项目名称', '签约企业', '统一社会信用代码', '投资方所在地', '投资额(万元)', '', '签约时间', '开工时间', '投产时间', '所属县(市、区)', '产业类别', '项目进展', '包联领导', '备注']);
  sheet.addRow(['', '', '', '', '', '总投资', '合同投资', '', '', '', '', '', '', '', '']);
  sheet.mergeCells(3, 6, 3, 7);
  for (let i = 0; i < ROWS; i++) {
    if (i % 1000 === 0) sheet.addRow([`${'一二三四五六七八九十'[Math.floor(i / 1000) % 10]}、第${Math.floor(i / 1000) + 1}批项目`]);
    const investor = i % 3000;
    const progress = PROGRESS[i % 5]!;
    const signed = new Date(Date.UTC(2025, i % 12, 1 + (i % 28)));
    const started = progress === '在建' || progress === '已投产' ? new Date(signed.getTime() + 60 * 86400_000) : null;
    sheet.addRow([
      i + 1,
      `项目${i + 1}${['锂电池隔膜', '正极材料', '整车', '数据中心', '冷链物流'][i % 5]}项目`,
      `投资企业${investor}有限公司`,
      investor % 2 === 0 ? creditCode(investor) : '',
      ['广东省深圳市', '上海市', '北京市', '江苏省南京市', '浙江省杭州市'][investor % 5],
      i % 7 === 0 ? `${(i % 50) + 1}亿` : (i % 500 + 1) * 100,
      (i % 400 + 1) * 50,
      i % 2 === 0 ? signed : `${signed.getUTCFullYear()}.${signed.getUTCMonth() + 1}.${signed.getUTCDate()}`,
      started,
      progress === '已投产' ? new Date(signed.getTime() + 300 * 86400_000) : null,
      COUNTIES[i % COUNTIES.length],
      INDUSTRIES[i % INDUSTRIES.length],
      progress === '已投产' ? (signed.getTime() + 300 * 86400_000 < Date.now() ? progress : '在建') : progress,
      ['张三', '李四', '王五'][i % 3],
      i % 10 === 0 ? '重点项目' : '',
    ]);
  }
  sheet.addRow(['合计']);
  sheet.addRow(['填报人:张三']);
  await workbook.xlsx.writeFile(file);
}

async function parseOnly(file: string) {
  const content = readFileSync(file);
  const start = performance.now();
  const [sheet] = await readLedgerFile(content);
  const result = readSheet(sheet!.rows);
  if (!result.ok) throw new Error('no header');
  return { ms: performance.now() - start, rows: result.records.length, refused: new Set(result.problems.map((p) => p.rowNumber)).size };
}

async function wholeImport(file: string, databaseUrl?: string) {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : {});
  await migrate(database.db);
  await database.db.execute(sql`insert into units (id, code, name, kind, parent_id, path) values (1, '420600', '襄阳市', 'city', null, '/1/')`);
  for (const [i, name] of COUNTIES.entries()) {
    await database.db.execute(sql`insert into units (id, code, name, kind, parent_id, path) values (${i + 2}, ${'C' + i}, ${name}, 'county', 1, ${`/1/${i + 2}/`})`);
  }
  await database.db.execute(sql`insert into users (id, username, display_name, password_hash, role, unit_id) values (1, 'bureau', '局长', 'x', 'bureau', 1)`);
  const ctx = { db: database.db, caller: { userId: 1, username: 'bureau', role: 'bureau' as const, unitId: 1, unitPath: '/1/' }, requestId: null, now: new Date() };
  const content = readFileSync(file);
  // How long the event loop was ever held at once: other users' requests wait at most this long for Node.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const start = performance.now();
  const batch = await uploadLedger(ctx, { fileName: 'ledger.xlsx', content }, {});
  const previewMs = performance.now() - start;
  if (batch.counts.refused > 0) throw new Error(`refused rows: ${batch.counts.refused}`);
  const serverCpuBefore = databaseUrl ? await serverCpuMs(database.db) : null;
  await commitImport(ctx, batch.id);
  const ms = performance.now() - start;
  const serverCpuAfter = serverCpuBefore === null ? null : await serverCpuMs(database.db);
  const commitServerCpuMs = serverCpuBefore === null || serverCpuAfter === null ? null : serverCpuAfter - serverCpuBefore;
  loop.disable();
  const { rows } = (await database.db.execute(sql`select count(*)::int as n from projects`)) as unknown as { rows: { n: number }[] };
  const n = rows[0]!.n;
  // Issue 18: the reminder job runs over the imported projects, then the batch is reverted as a whole.
  const remindersStart = performance.now();
  const reminders = await runReminderJob({ db: database.db, now: new Date(), send: async () => ({ ok: true, detail: 'bench' }) });
  const remindersMs = performance.now() - remindersStart;
  const revertStart = performance.now();
  await revertImport(ctx, batch.id);
  const revertMs = performance.now() - revertStart;
  const { rows: left } = (await database.db.execute(sql`select count(*)::int as n from projects`)) as unknown as { rows: { n: number }[] };
  if (left[0]!.n !== 0) throw new Error(`${left[0]!.n} projects left after the revert`);
  await database.close();
  return { ms, previewMs, commitServerCpuMs, created: batch.counts.create, projects: n, longestBlockMs: Math.round(loop.max / 1e6), revertMs, reminders: reminders.created, remindersMs };
}

/**
 * CPU time (user + system) of the PostgreSQL server processes serving this database, when the server runs on this
 * machine and /proc lets us read them; null on the embedded database (its work is this process's own).
 */
async function serverCpuMs(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<number | null> {
  const { rows } = (await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`)) as unknown as { rows: { pid: number }[] };
  let total = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
    } catch {
      return null;
    }
  }
  return total;
}

const [mode, file, url] = process.argv.slice(2);
if (mode === 'parse' || mode === 'import') {
  const result = mode === 'parse' ? await parseOnly(file!) : await wholeImport(file!, url || undefined);
  process.stdout.write(JSON.stringify({ ...result, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  process.exit(0);
}

function child(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/imports.bench.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

const dir = mkdtempSync(join(tmpdir(), 'zs-bench-'));
const ledger = join(dir, 'ledger.xlsx');
await writeLedger(ledger);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`ledger: ${ROWS} project rows (+ title, two-row header, section and total rows), ${(readFileSync(ledger).length / 1024 / 1024).toFixed(1)} MB xlsx\n`);
console.log('Medians of three runs each (bare parse and imports taking turns).\n');
console.log('| step | database | time s | peak memory (max RSS) MB | × bare parse | longest event-loop block ms | database server CPU in the commit s |');
console.log('|---|---|---:|---:|---:|---:|---:|');
const targets: [string, string][] = [['PGlite (embedded)', '']];
if (await postgresAnswers(TEST_PG_URL)) {
  const name = `zs_bench_import_${randomBytes(3).toString('hex')}`;
  targets.push(['PostgreSQL 15', withDatabase(TEST_PG_URL, name)]);
  process.on('exit', () => spawnSync('psql', [TEST_PG_URL, '-c', `drop database if exists ${name} with (force)`]));
}
async function freshDatabase(url: string): Promise<void> {
  if (!url) return;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  const name = new URL(url).pathname.slice(1);
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
}
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const parses: Record<string, number>[] = [];
const imports = new Map<string, Record<string, number>[]>(targets.map(([label]) => [label, []]));
for (let run = 0; run < RUNS; run++) {
  parses.push(child(['parse', ledger]));
  for (const [label, url] of targets) {
    await freshDatabase(url);
    const result = child(['import', ledger, url]);
    if (result.projects !== ROWS) throw new Error(`${label}: ${result.projects} projects after the import, expected ${ROWS}`);
    imports.get(label)!.push(result);
  }
}
const median = (runs: Record<string, number>[], key: string) => {
  const values = runs.map((r) => r[key]!).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
};
const parseMs = median(parses, 'ms');
console.log(`| bare parse (read xlsx + rows → records) | — | ${(parseMs / 1000).toFixed(2)} | ${median(parses, 'maxRssMb')} | 1.00 | — | — |`);
for (const [label] of targets) {
  const runs = imports.get(label)!;
  const ms = median(runs, 'ms');
  const serverCpu = runs[0]!.commitServerCpuMs === null ? '—' : (median(runs, 'commitServerCpuMs') / 1000).toFixed(2);
  console.log(
    `| whole import: upload + preview (${(median(runs, 'previewMs') / 1000).toFixed(2)} s) + commit | ${label} | ${(ms / 1000).toFixed(2)} | ${median(runs, 'maxRssMb')} | ${(ms / parseMs).toFixed(2)} | ${median(runs, 'longestBlockMs')} | ${serverCpu} |`,
  );
}
for (const [label] of targets) {
  const runs = imports.get(label)!;
  console.log(`| reminder job over the batch's projects (${median(runs, 'reminders')} reminders) | ${label} | ${(median(runs, 'remindersMs') / 1000).toFixed(2)} | — | — | — | — |`);
}
for (const [label] of targets) {
  const runs = imports.get(label)!;
  console.log(`| revert of the whole batch, after the reminder job made ${median(runs, 'reminders')} reminders for its projects | ${label} | ${(median(runs, 'revertMs') / 1000).toFixed(2)} | — | — | — | — |`);
}
console.log(`\nEach run (s): bare parse ${parses.map((r) => (r.ms! / 1000).toFixed(2)).join(', ')}; ${targets.map(([label]) => `${label} ${imports.get(label)!.map((r) => (r.ms! / 1000).toFixed(2)).join(', ')}`).join('; ')}`);
