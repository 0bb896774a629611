/**
 * Benchmark: whom to attract (issue 14) — findCandidates, the top 50 for a link, over the generated library of
 * bench/enterprises.bench.ts (1,000,000 enterprises on PostgreSQL by default), and a whole chain's gap list (10 links
 * one after another). In-process: the SQL (pre-filter, pre-score, pool), reading the pool's facts and the exact scoring.
 *
 * Besides the generator's library: 100 enterprises with a rare code (2665), a group link on every 500th enterprise, and
 * 5,000 leads and 5,000 visits of the county the caller belongs to, so that every factor has work to do.
 *
 * Then the stored lists (stored-candidates.ts): each link's background rebuild, timed, and the route's service answering
 * from them; BENCH_LIVE=0 skips the live measurements, BENCH_REBUILD=0 the rebuild (a kept database's lists are reused).
 *
 * Run: npx tsx bench/chain-candidates.bench.ts   (BENCH_PG_ENTERPRISES=…; BENCH_DB=<name> reuses a database a
 * previous run kept with BENCH_KEEP_DB=1, skipping the ~6-minute load; BENCH_LOAD_ONLY=1 only loads). Figures:
 * docs/benchmarks.md.
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { findCandidates } from '../src/server/chains/candidates.ts';
import { buildCandidateList } from '../src/server/chains/stored-candidates.ts';
import { candidatesForLinks, linkCandidates } from '../src/server/chains/chain-candidates.service.ts';
import { DEFAULT_CANDIDATE_WEIGHTS, type TCandidateLink } from '../src/domain/chains/candidates.ts';
import type { Caller } from '../src/server/context.ts';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';
import { load } from './enterprises.bench.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SIZE = Number(process.env.BENCH_PG_ENTERPRISES ?? 1_000_000);
const load1 = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

const LINKS: Array<[kind: string, link: TCandidateLink]> = [
  ['common code and keywords (3841 锂离子电池)', { industryCodes: ['3841'], keywords: ['锂离子电池', '储能系统', '正极材料'], products: ['动力电池'] }],
  ['common code, parent match too (3849)', { industryCodes: ['3849'], keywords: ['储能'], products: [] }],
  ['rare code (2665 电子化学品)', { industryCodes: ['2665'], keywords: ['电子化学品'], products: ['光刻胶'] }],
  ['keywords only (集成电路, 电子元器件)', { industryCodes: [], keywords: ['集成电路', '电子元器件'], products: [] }],
  ['keyword only, rare (光刻胶)', { industryCodes: [], keywords: ['光刻胶'], products: [] }],
  ['software (6511) and a name word (信息技术)', { industryCodes: ['6511'], keywords: ['信息技术', '软件开发'], products: [] }],
  ['two codes (2710, 2761) and keywords', { industryCodes: ['2710', '2761'], keywords: ['化学药品', '生物制品'], products: ['原料药'] }],
  ['robots (3491)', { industryCodes: ['3491'], keywords: ['工业机器人'], products: ['减速器'] }],
  ['materials (3985)', { industryCodes: ['3985'], keywords: ['膜材料', '复合材料'], products: [] }],
  ['logistics (5810)', { industryCodes: ['5810'], keywords: ['仓储', '道路货物运输'], products: [] }],
];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function prepare(database: Database) {
  const { db } = database;
  await migrate(db);
  // The issue-14 indexes are built after the rows, as the search index is by load().
  await db.execute(sql`drop index if exists enterprises_scope_tokens_idx`);
  await db.execute(sql`drop index if exists enterprises_industry_codes_idx`);
  await load(database, SIZE);
  await db.execute(sql`update enterprises set industry_codes = '{2665}', business_scope = '电子化学品、光刻胶的研发与生产' where id % 10000 = 7`);
  await db.execute(sql`update enterprises set parent_enterprise_id = id - 1 where id % 500 = 0`);
  await db.execute(sql`insert into leads (unit_id, enterprise_id, enterprise_name, source, collected_on)
    select 2, (g * 197) % ${SIZE} + 1, '某企业', 'other', '2026-01-01' from generate_series(1, 5000) g`);
  await db.execute(sql`insert into visits (unit_id, kind, enterprise_id, enterprise_name, visited_on)
    select 2, 'visit', (g * 193) % ${SIZE} + 1, '某企业', '2026-01-02' from generate_series(1, 5000) g`);
  const started = performance.now();
  await db.execute(sql`create index enterprises_scope_tokens_idx on enterprises using gin (scope_tokens)`);
  await db.execute(sql`create index enterprises_industry_codes_idx on enterprises using gin (industry_codes)`);
  await db.execute(sql`analyze`);
  console.error(`  issue-14 GIN indexes ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** The bench's chain: one link per LINKS entry (made once; a kept database reuses them). */
async function benchLinks(database: Database): Promise<{ chainId: number; linkIds: number[] }> {
  const { db } = database;
  const [existing] = await queryRows<{ id: number }>(db, sql`select id from chains where name = '基准链'`);
  const chainId = existing?.id ?? (await queryRows<{ id: number }>(db, sql`insert into chains (name, name_en) values ('基准链', 'Bench chain') returning id`))[0]!.id;
  const linkIds: number[] = [];
  for (const [i, [kind, link]] of LINKS.entries()) {
    const [row] = await queryRows<{ id: number }>(db, sql`select id from chain_links where chain_id = ${chainId} and position = ${i}`);
    linkIds.push(
      row?.id ??
        (
          await queryRows<{ id: number }>(db, sql`insert into chain_links (chain_id, segment, name, name_en, industry_codes, keywords, products, position)
            values (${chainId}, 'midstream', ${kind.slice(0, 40)}, ${'link ' + i}, ${'{' + link.industryCodes.join(',') + '}'}::text[],
              ${'{' + link.keywords.join(',') + '}'}::text[], ${'{' + link.products.join(',') + '}'}::text[], ${i}) returning id`)
        )[0]!.id,
    );
  }
  return { chainId, linkIds };
}

/**
 * The stored lists (issue 14): each link's list rebuilt as the background job does (timed), then the route's service —
 * "not a fit" marks, the stored list plus the caller's relationships, the tiers for the tags — timed per link, and the
 * gap list of all ten links.
 */
async function measureStored(database: Database) {
  const caller: Caller = { userId: 1, username: 'staff', role: 'staff', unitId: 2, unitPath: '/1/2/' };
  const ctx = () => ({ db: database.db, caller, requestId: null, now: new Date() });
  const { chainId, linkIds } = await benchLinks(database);
  console.log(`\n#### Stored lists: the background rebuild per link, K = 2000 (load average at start ${load1()})\n`);
  console.log('| link | rebuild s | stored | related kept beyond | list complete |');
  console.log('|---|---:|---:|---:|---|');
  const builds: number[] = [];
  for (const [i, [kind]] of process.env.BENCH_REBUILD === '0' ? [] : LINKS.entries()) {
    const built = await buildCandidateList(database.db, linkIds[i]!, DEFAULT_CANDIDATE_WEIGHTS, () => new Date());
    if (built.outcome !== 'built') throw new Error(`link ${kind}: ${built.outcome}`);
    builds.push(built.ms);
    console.log(`| ${kind} | ${(built.ms / 1000).toFixed(1)} | ${built.stored} | ${built.related} | ${built.stored < 2000 ? 'yes' : 'no'} |`);
  }
  console.log(`| **all ten links** | **${(builds.reduce((a, b) => a + b, 0) / 1000).toFixed(0)}** | | | |`);
  console.log(`\n#### Stored lists: top 50 through the route's service, ${RUNS} runs per link (load average at start ${load1()})\n`);
  console.log('| link | p50 ms | p95 ms | from the stored list | best score | 50th score |');
  console.log('|---|---:|---:|---|---:|---:|');
  const all: number[] = [];
  for (const [i, [kind]] of LINKS.entries()) {
    await linkCandidates(ctx(), chainId, linkIds[i]!, 50); // one unmeasured pass
    const times: number[] = [];
    let found: Awaited<ReturnType<typeof linkCandidates>> | null = null;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      found = await linkCandidates(ctx(), chainId, linkIds[i]!, 50);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(
      `| ${kind} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${found!.computedAt ? 'yes' : 'no (live)'} | ${found!.items[0]?.score ?? '–'} | ${found!.items[49]?.score ?? `(${found!.items.length} found)`} |`,
    );
  }
  all.sort((a, b) => a - b);
  console.log(`| **all links** | **${percentile(all, 50).toFixed(1)}** | **${percentile(all, 95).toFixed(1)}** | | | |`);
  for (const perGap of [5, 50]) {
    const chain: number[] = [];
    for (let run = 0; run < Math.max(3, Math.floor(RUNS / 2)); run++) {
      const start = performance.now();
      await candidatesForLinks(ctx(), chainId, linkIds, perGap);
      chain.push(performance.now() - start);
    }
    chain.sort((a, b) => a - b);
    console.log(`\nA chain's gap list, the ${LINKS.length} links with ${perGap} candidates each: p50 ${percentile(chain, 50).toFixed(0)} ms, p95 ${percentile(chain, 95).toFixed(0)} ms over ${chain.length} runs.`);
  }
  console.log(`\n(load average at end ${load1()})`);
}

async function measure(database: Database) {
  const caller: Caller = { userId: 1, username: 'staff', role: 'staff', unitId: 2, unitPath: '/1/2/' };
  const options = { limit: 50, weights: DEFAULT_CANDIDATE_WEIGHTS };
  console.log(`\n#### PostgreSQL 15, ${SIZE.toLocaleString('en')} enterprises, top 50 (load average at start ${load1()})\n`);
  console.log('| link | p50 ms | p95 ms | best score | 50th score |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [, link] of LINKS) await findCandidates(database.db, caller, link, options); // one unmeasured pass
  const all: number[] = [];
  for (const [kind, link] of LINKS) {
    const times: number[] = [];
    let found: Awaited<ReturnType<typeof findCandidates>> = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      found = await findCandidates(database.db, caller, link, options);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(`| ${kind} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${found[0]?.score ?? '–'} | ${found[49]?.score ?? `(${found.length} found)`} |`);
  }
  all.sort((a, b) => a - b);
  console.log(`| **all links** | **${percentile(all, 50).toFixed(1)}** | **${percentile(all, 95).toFixed(1)}** | | |`);
  const chain: number[] = [];
  for (let i = 0; i < Math.max(2, Math.floor(RUNS / 2)); i++) {
    const start = performance.now();
    for (const [, link] of LINKS) await findCandidates(database.db, caller, link, options);
    chain.push(performance.now() - start);
  }
  chain.sort((a, b) => a - b);
  console.log(`\nA chain's gap list, the ${LINKS.length} links above one after another: p50 ${percentile(chain, 50).toFixed(0)} ms, p95 ${percentile(chain, 95).toFixed(0)} ms over ${chain.length} runs.`);
  console.log(`\n(load average at end ${load1()})`);
}

if (!(await postgresAnswers(TEST_PG_URL))) throw new Error(`no PostgreSQL answers at ${TEST_PG_URL}`);
const admin = new pg.Client({ connectionString: TEST_PG_URL });
await admin.connect();
const reuse = process.env.BENCH_DB;
const name = reuse ?? `zs_bench_chains_${process.pid}`;
if (!reuse) await admin.query(`create database ${name}`);
const database = await openDatabase({ databaseUrl: withDatabase(TEST_PG_URL, name) });
try {
  if (!reuse) {
    console.error(`PostgreSQL: loading ${SIZE} enterprises into ${name} (load average ${load1()})…`);
    await prepare(database);
  } else await migrate(database.db);
  // BENCH_LOAD_ONLY=1 (with BENCH_KEEP_DB=1): build the library once and keep it, to measure later with BENCH_DB.
  if (process.env.BENCH_LOAD_ONLY === '1') console.error(`loaded and kept as ${name}`);
  else {
    if (process.env.BENCH_LIVE !== '0') await measure(database);
    await measureStored(database);
  }
} finally {
  await database.close();
  if (!reuse && !process.env.BENCH_KEEP_DB) await admin.query(`drop database ${name}`);
  await admin.end();
}
