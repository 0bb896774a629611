/**
 * Benchmark: importing a 100,000-row enterprise list (issue 13 "Filling it") on PostgreSQL — preview (read the xlsx
 * off the main thread, match every row by credit code and by normalised name against the library, store the import)
 * and commit (check again, add the missing enterprises with their search documents and audit rows, add the tier
 * entries with theirs, in one transaction), then the revert. The library holds BENCH_LIBRARY enterprises beforehand
 * (50,000 by default); of the list's rows a quarter match by code, a quarter by a name written another way
 * (股份有限公司 for 有限公司, full-width brackets), half are new. The machine's load average is printed with the figures.
 * Run: npx tsx bench/enterprise-lists.bench.ts (BENCH_LIST_ROWS, BENCH_LIBRARY to change the sizes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { isValidCreditCode } from '../src/domain/credit-code.ts';
import { openDatabase, queryRows } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { insertJsonRows } from '../src/server/db/bulk.ts';
import { enterprises } from '../src/server/db/schema.ts';
import type { ServiceContext } from '../src/server/context.ts';
import { commitEnterpriseList, enterpriseListProgress, previewEnterpriseList, revertEnterpriseList } from '../src/server/enterprises/enterprise-lists.service.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { TEST_PG_URL, postgresAnswers, withScratchDatabase } from '../test/support/environment.ts';

const ROWS = Number(process.env.BENCH_LIST_ROWS ?? 100_000);
const LIBRARY = Number(process.env.BENCH_LIBRARY ?? 50_000);

function creditCode(n: number): string {
  const body = '91420600' + String(n).padStart(9, '0');
  return body + [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].find((c) => isValidCreditCode(body + c))!;
}

/**
 * CPU seconds spent so far by this process and by the PostgreSQL backends serving the bench's database: on a machine
 * shared with others' work the wall time moves with the load, the CPU time much less.
 */
function cpuSeconds(database: string): { node: number; postgres: number } {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // a backend that ended meanwhile
    }
  }
  const own = process.cpuUsage();
  return { node: (own.user + own.system) / 1e6, postgres: ticks / 100 };
}

async function listXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(['2024年专精特新中小企业名单']);
  sheet.addRow(['序号', '企业名称', '统一社会信用代码', '所在地区', '行业', '批次']);
  for (let i = 0; i < ROWS; i++) {
    const kind = i % 4;
    const existing = Math.floor(i / 4) % LIBRARY;
    const name =
      kind === 0 ? `库内企业${existing}有限公司` : kind === 1 ? `库内企业（襄阳）${existing + LIBRARY}股份有限公司` : `名单新企业${i}科技有限公司`;
    const code = kind === 0 ? creditCode(existing) : kind === 1 ? '' : creditCode(10_000_000 + i);
    sheet.addRow([i + 1, name, code, '湖北省襄阳市', '制造业', '第一批']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  if (!(await postgresAnswers(TEST_PG_URL))) {
    console.log(`PostgreSQL does not answer at ${TEST_PG_URL}: nothing measured.`);
    return;
  }
  console.error(`writing a ${ROWS.toLocaleString('en')}-row list…`);
  const file = await listXlsx();
  await withScratchDatabase('zs_bench_lists', async (databaseUrl) => {
    const database = await openDatabase({ databaseUrl });
    try {
      const { db } = database;
      await migrate(db);
      await db.execute(sql`insert into units (id, code, name, kind, parent_id, path) values (1, 'P0', '市', 'city', null, '/1/')`);
      const [user] = await queryRows<{ id: number }>(
        db,
        sql`insert into users (username, display_name, password_hash, role, unit_id) values ('bureau', '局长', ${await hashPassword('Bench-pass-2026')}, 'bureau', 1) returning id`,
      );
      // The library: half of it with credit codes (matched by code), half without (matched by a name variant).
      const library = [];
      for (let n = 0; n < 2 * LIBRARY; n++) {
        library.push(
          n < LIBRARY
            ? { unitId: 1, name: `库内企业${n}有限公司`, creditCode: creditCode(n) }
            : { unitId: 1, name: `库内企业(襄阳)${n}有限公司`, creditCode: null },
        );
      }
      await insertJsonRows(db, enterprises, library);
      const ctx: ServiceContext = {
        db,
        caller: { userId: Number(user!.id), username: 'bureau', role: 'bureau', unitId: 1, unitPath: '/1/' },
        requestId: null,
        now: new Date(),
      };
      console.log(`\n#### ${ROWS.toLocaleString('en')}-row list (xlsx, ${(file.length / 1e6).toFixed(1)} MB), library of ${(2 * LIBRARY).toLocaleString('en')} enterprises, PostgreSQL 15, ${cpus().length} cores (load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')})\n`);
      const databaseName = new URL(databaseUrl).pathname.slice(1);
      const cpu: Record<string, { node: number; postgres: number }> = {};
      let c = cpuSeconds(databaseName);
      const spent = (step: string) => {
        const now = cpuSeconds(databaseName);
        cpu[step] = { node: now.node - c.node, postgres: now.postgres - c.postgres };
        c = now;
      };
      let t = performance.now();
      const preview = await previewEnterpriseList(ctx, { fileName: 'list.xlsx', content: file }, { list: 'srdi', year: 2024 });
      const previewMs = performance.now() - t;
      spent('preview');
      let last = '';
      const timer = setInterval(() => {
        const p = enterpriseListProgress(preview.id);
        const line = `${p.phase} ${p.done}/${p.total}`;
        if (line !== last) console.error(`  progress: ${(last = line)}`);
      }, 500);
      t = performance.now();
      const committed = await commitEnterpriseList(ctx, preview.id);
      const commitMs = performance.now() - t;
      clearInterval(timer);
      spent('commit');
      t = performance.now();
      const again = await previewEnterpriseList(ctx, { fileName: 'list.xlsx', content: file }, { list: 'srdi', year: 2024 });
      const againMs = performance.now() - t;
      spent('again');
      t = performance.now();
      await revertEnterpriseList(ctx, preview.id);
      const revertMs = performance.now() - t;
      spent('revert');
      const cpuOf = (...steps: string[]) => {
        const sum = (k: 'node' | 'postgres') => steps.reduce((n, step) => n + cpu[step]![k], 0).toFixed(1);
        return `${sum('node')} s | ${sum('postgres')} s`;
      };
      console.log('| step | time | CPU, Node | CPU, PostgreSQL | what |');
      console.log('|---|---:|---:|---:|---|');
      console.log(`| preview | ${(previewMs / 1000).toFixed(1)} s | ${cpuOf('preview')} | ${JSON.stringify(preview.summary)} |`);
      console.log(`| commit | ${(commitMs / 1000).toFixed(1)} s | ${cpuOf('commit')} | ${committed.createdTiers.toLocaleString('en')} tier entries, ${committed.createdEnterprises.toLocaleString('en')} new enterprises |`);
      console.log(`| preview + commit | **${((previewMs + commitMs) / 1000).toFixed(1)} s** | ${cpuOf('preview', 'commit')} | |`);
      console.log(`| re-import preview | ${(againMs / 1000).toFixed(1)} s | ${cpuOf('again')} | already on the list: ${again.summary.alreadyOnList.toLocaleString('en')} |`);
      console.log(`| revert | ${(revertMs / 1000).toFixed(1)} s | ${cpuOf('revert')} | |`);
      console.log(`\n(load average at end ${loadavg().map((l) => l.toFixed(1)).join(' / ')})`);
    } finally {
      await database.close();
    }
  });
}

await main();
process.exit(0);
