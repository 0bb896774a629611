/**
 * Benchmark: finding an enterprise (issue 13) — GET /api/enterprises/search over a generated library.
 *  - a scale generator of realistic enterprises: names built from a region, a brand, an industry word and a legal form
 *    (some with the region in brackets), 简称 and former names, valid credit codes, business scopes, HQ regions,
 *    industries, sizes, local or not, and tiers in roughly real proportions (高新技术企业 common, 世界500强 rare);
 *  - loads BENCH_PG_ENTERPRISES (default 1,000,000) into PostgreSQL and BENCH_PGLITE_ENTERPRISES (default 100,000)
 *    into the embedded database, search documents computed by the app as in production;
 *  - runs the query mix (2-, 3- and 4-character pieces, pinyin, initials, credit-code prefixes, filtered and not)
 *    RUNS times each, in-process (Fastify inject: session, validation, SQL, ranking, serialisation), p50 / p95 per kind.
 * Run: npm run bench:enterprises   (BENCH_SKIP_PG=1 or BENCH_SKIP_PGLITE=1 to run one engine). Figures: docs/benchmarks.md.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { enterpriseSearchTokens, namePinyinKeys } from '../src/domain/enterprise-search.ts';
import { isValidCreditCode } from '../src/domain/credit-code.ts';
import { TEST_PG_URL, postgresAnswers, withDatabase } from '../test/support/environment.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PG_SIZE = Number(process.env.BENCH_PG_ENTERPRISES ?? 1_000_000);
const PGLITE_SIZE = Number(process.env.BENCH_PGLITE_ENTERPRISES ?? 100_000);
const BATCH = 2000;

// ---- the generator -------------------------------------------------------------------------------------------------

/** A small deterministic PRNG (mulberry32), so that every run loads the same library. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS: Array<[string, string]> = [
  ['宁德', '350902'], ['福州', '350102'], ['厦门', '350203'], ['泉州', '350502'], ['深圳', '440305'], ['广州', '440106'],
  ['东莞', '441900'], ['佛山', '440604'], ['苏州', '320505'], ['无锡', '320214'], ['常州', '320412'], ['南京', '320114'],
  ['杭州', '330106'], ['宁波', '330212'], ['温州', '330302'], ['上海', '310115'], ['北京', '110108'], ['天津', '120116'],
  ['重庆', '500112'], ['成都', '510107'], ['武汉', '420106'], ['长沙', '430104'], ['合肥', '340104'], ['西安', '610113'],
  ['郑州', '410105'], ['济南', '370102'], ['青岛', '370212'], ['沈阳', '210102'], ['长春', '220104'], ['襄阳', '420602'],
];
const BRAND_CHARS = '华鑫泰盛宏瑞丰恒达新源通信安康远航海天正元金银中兴昌隆德凯博科力强荣光明宇星辰润泽晟创越腾龙凤锦程顺利嘉诚联合'.split('');
const INDUSTRIES: Array<{ word: string; codes: string[]; scope: string }> = [
  { word: '新能源科技', codes: ['3841', '3849'], scope: '锂离子电池、储能系统的研发、生产和销售' },
  { word: '电子', codes: ['3971', '3976'], scope: '电子元器件、集成电路的设计、制造与销售' },
  { word: '生物医药', codes: ['2710', '2761'], scope: '化学药品、生物制品的研发与生产' },
  { word: '汽车零部件', codes: ['3670'], scope: '汽车零部件及配件的制造与销售' },
  { word: '化工', codes: ['2614', '2641'], scope: '化工原料及产品(不含危险化学品)的生产和销售' },
  { word: '智能装备', codes: ['3491', '3499'], scope: '工业机器人、智能装备的研发与制造' },
  { word: '新材料', codes: ['3985', '3091'], scope: '高性能膜材料、复合材料的研发与生产' },
  { word: '信息技术', codes: ['6511', '6531'], scope: '软件开发、信息系统集成服务' },
  { word: '食品', codes: ['1432', '1495'], scope: '食品生产、预包装食品销售' },
  { word: '纺织', codes: ['1713', '1762'], scope: '纺织品、服装的生产与销售' },
  { word: '物流', codes: ['5810', '5990'], scope: '普通货物仓储、道路货物运输' },
  { word: '建设工程', codes: ['4811', '4890'], scope: '房屋建筑工程、市政工程施工' },
];
const FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司', '科技有限公司'];
// Per million: 高新技术企业 ~8 %, 专精特新中小企业 ~3 %, 小巨人 0.5 %, 上市公司 0.5 %, 国企 1 %, the 500 lists rarer.
const TIERS: Array<[string, number]> = [
  ['high_tech', 80_000], ['srdi', 30_000], ['soe', 10_000], ['little_giant', 5_000], ['listed', 5_000], ['private_500', 500],
  ['china_500', 500], ['industry_leader', 1_000], ['central_soe', 100], ['unicorn', 300], ['fortune_global_500', 150],
];
const SIZES: Array<[string, number]> = [['micro', 0.6], ['small', 0.25], ['medium', 0.1], ['large', 0.05]];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function creditCodeOf(random: () => number, region: string): string {
  let body = '91' + region;
  while (body.length < 17) body += CODE_CHARS[Math.floor(random() * CODE_CHARS.length)];
  return body + [...CODE_CHARS].find((c) => isValidCreditCode(body + c))!;
}

export type GeneratedEnterprise = {
  id: number;
  name: string;
  otherNames: Array<{ kind: string; name: string }>;
  creditCode: string;
  hqRegionCode: string;
  industryCodes: string[];
  businessScope: string;
  sizeBand: string;
  local: boolean;
  tiers: Array<{ list: string; year: number }>;
};

export function generateEnterprise(id: number): GeneratedEnterprise {
  const random = rng(id * 7919 + 17);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const [region, code] = pick(REGIONS);
  const brand = pick(BRAND_CHARS) + pick(BRAND_CHARS) + (random() < 0.2 ? pick(BRAND_CHARS) : '');
  const industry = pick(INDUSTRIES);
  const form = pick(FORMS);
  const style = random();
  const name = style < 0.6 ? `${region}${brand}${industry.word}${form}` : style < 0.85 ? `${brand}${industry.word}(${region})${form}` : `${brand}${industry.word}${form}`;
  const otherNames: GeneratedEnterprise['otherNames'] = [];
  if (random() < 0.3) otherNames.push({ kind: 'short', name: brand + industry.word.slice(0, 2) });
  if (random() < 0.1) otherNames.push({ kind: 'former', name: `${region}${pick(BRAND_CHARS)}${pick(BRAND_CHARS)}${industry.word}有限公司` });
  const tiers: GeneratedEnterprise['tiers'] = [];
  for (const [list, perMillion] of TIERS) if (random() * 1_000_000 < perMillion) tiers.push({ list, year: 2019 + Math.floor(random() * 6) });
  let r = random();
  const sizeBand = SIZES.find(([, share]) => (r -= share) < 0)?.[0] ?? 'micro';
  return {
    id,
    name,
    otherNames,
    creditCode: creditCodeOf(random, code.slice(0, 6)),
    hqRegionCode: code,
    industryCodes: [pick(industry.codes)],
    businessScope: industry.scope,
    sizeBand,
    local: random() < 0.1,
    tiers,
  };
}

// ---- loading -------------------------------------------------------------------------------------------------------

export async function load(database: Database, size: number): Promise<void> {
  const { db } = database;
  await migrate(db);
  const hash = await hashPassword('Bench-pass-2026');
  await db.execute(sql`insert into units (id, code, name, kind, parent_id, path) values (1, 'P0', '市', 'city', null, '/1/'), (2, 'C1', '县1', 'county', 1, '/1/2/')`);
  await db.execute(sql`insert into users (username, display_name, password_hash, role, unit_id) values ('bureau', '局长', ${hash}, 'bureau', 1)`);
  // Indexes are built after the rows, as a bulk load would; the search document is the app's, as in production.
  await db.execute(sql`drop index enterprises_search_idx`);
  const started = performance.now();
  for (let from = 1; from <= size; from += BATCH) {
    const rows = [];
    for (let id = from; id < Math.min(from + BATCH, size + 1); id++) {
      const e = generateEnterprise(id);
      rows.push({ ...e, tokens: enterpriseSearchTokens({ name: e.name, otherNames: e.otherNames.map((n) => n.name), creditCode: e.creditCode }), ...namePinyinKeys(e.name) });
    }
    const json = JSON.stringify(rows);
    await db.execute(sql`insert into enterprises (id, unit_id, name, credit_code, hq_region_code, industry_codes, business_scope, size_band, local_unit_id, search_tokens, name_pinyin, name_initials)
      select x.id, 2, x.name, x."creditCode", x."hqRegionCode", array(select jsonb_array_elements_text(x."industryCodes")), x."businessScope", x."sizeBand",
             case when x.local then 2 end, array_to_tsvector(string_to_array(x.tokens, ' ')), x.pinyin, x.initials
      from jsonb_to_recordset(${json}::jsonb) as x(id int, name text, "creditCode" text, "hqRegionCode" text, "industryCodes" jsonb, "businessScope" text, "sizeBand" text, local boolean, tokens text, pinyin text, initials text)`);
    await db.execute(sql`insert into enterprise_names (enterprise_id, kind, name)
      select (x->>'id')::int, n->>'kind', n->>'name' from jsonb_array_elements(${json}::jsonb) x, jsonb_array_elements(x->'otherNames') n`);
    await db.execute(sql`insert into enterprise_tiers (enterprise_id, list, year)
      select (x->>'id')::int, t->>'list', (t->>'year')::int from jsonb_array_elements(${json}::jsonb) x, jsonb_array_elements(x->'tiers') t`);
    if ((from - 1) % 100_000 === 0) console.error(`  loaded ${from - 1} (${((performance.now() - started) / 1000).toFixed(0)} s, load ${loadavg()[0]!.toFixed(1)})`);
  }
  await db.execute(sql`select setval(pg_get_serial_sequence('enterprises', 'id'), ${size + 1})`);
  const indexStart = performance.now();
  await db.execute(sql`create index enterprises_search_idx on enterprises using gin (search_tokens)`);
  await db.execute(sql`analyze`);
  console.error(`  rows ${((indexStart - started) / 1000).toFixed(0)} s, GIN index ${((performance.now() - indexStart) / 1000).toFixed(0)} s`);
}

// ---- the query mix -------------------------------------------------------------------------------------------------

function queryMix(): Array<[string, string[]]> {
  const sample = [11, 2_345, 33_333, 47_001, 66_666, 88_888].map(generateEnterprise);
  const piece = (e: GeneratedEnterprise, at: number, length: number) => encodeURIComponent([...e.name].slice(at, at + length).join(''));
  return [
    ['2 characters, common (科技)', [encodeURIComponent('科技')]],
    ['2 characters, a brand', sample.map((e) => piece(e, 2, 2))],
    ['3 characters', sample.map((e) => piece(e, 1, 3))],
    ['4 characters', sample.map((e) => piece(e, 2, 4))],
    ['full name (exact)', sample.map((e) => encodeURIComponent(e.name))],
    ['full pinyin prefix (ningde, shenzhenhua…)', ['ningde', 'shenzhen', 'suzhouhong', 'xiamentai', 'chongqing', 'hangzhouxin']],
    ['pinyin initials (ndsd-like)', ['nd', 'szh', 'szhx', 'xmtl', 'cqhs', 'hzxy']],
    ['credit-code prefix', sample.map((e) => e.creditCode.slice(0, 10))],
    ['2 characters + province filter', sample.map((e) => `${piece(e, 2, 2)}&region=${e.hqRegionCode.slice(0, 2)}`)],
    ['3 characters + tier filter (高新技术企业)', sample.map((e) => `${piece(e, 1, 3)}&tier=high_tech`)],
    ['pinyin + industry section + size', ['ningde&industry=C&size=small', 'shenzhen&industry=C', 'suzhou&industry=I', 'chongqing&size=large']],
    ['filters only (世界500强)', ['&tier=fortune_global_500']],
    ['filters only (province + listed + local)', ['&region=35&listed=true', '&region=44&local=true']],
  ].map(([kind, qs]) => [kind as string, (qs as string[]).map((q) => (q.startsWith('&') ? q.slice(1) : `q=${q}`))]);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(database: Database, label: string, size: number) {
  const app = await buildApp({
    db: database.db,
    databaseKind: database.kind,
    migration: { version: 0, tag: 'bench' },
    clock: () => new Date(),
    auth: { idleMinutes: 600 },
    demo: false,
    secureCookies: false,
    webDist: null,
  });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bureau', password: 'Bench-pass-2026' } });
  const cookie = `zs_session=${login.cookies.find((c) => c.name === 'zs_session')!.value}`;
  console.log(`\n#### ${label}, ${size.toLocaleString('en')} enterprises (load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')})\n`);
  console.log('| query kind | p50 ms | p95 ms | matches (first query) |');
  console.log('|---|---:|---:|---:|');
  // One unmeasured pass: caches and the JIT warm, as on a server that has been answering for a while.
  for (const [, queries] of queryMix()) for (const query of queries) await app.inject({ method: 'GET', url: `/api/enterprises/search?${query}`, headers: { cookie } });
  const all: number[] = [];
  for (const [kind, queries] of queryMix()) {
    const times: number[] = [];
    let matches = '';
    for (let i = 0; i < RUNS; i++) {
      for (const [n, query] of queries.entries()) {
        const start = performance.now();
        const response = await app.inject({ method: 'GET', url: `/api/enterprises/search?${query}`, headers: { cookie } });
        times.push(performance.now() - start);
        if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
        if (i === 0 && n === 0) {
          const body = response.json() as { total: number; capped: boolean };
          matches = `${body.total}${body.capped ? '+' : ''}`;
        }
      }
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(`| ${kind} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${matches} |`);
  }
  all.sort((a, b) => a - b);
  console.log(`| **whole mix** | **${percentile(all, 50).toFixed(1)}** | **${percentile(all, 95).toFixed(1)}** | |`);
  console.log(`\n(load average at end ${loadavg().map((l) => l.toFixed(1)).join(' / ')})`);
  await app.close();
}

// Run as a script; imported (bench/chain-candidates.bench.ts reuses the generator and the load), it only exports.
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (isMain && !process.env.BENCH_SKIP_PGLITE) {
  console.error(`PGlite: loading ${PGLITE_SIZE} enterprises…`);
  const database = await openDatabase({});
  try {
    await load(database, PGLITE_SIZE);
    await measure(database, 'PGlite (embedded), in-process', PGLITE_SIZE);
  } finally {
    await database.close();
  }
}

if (isMain && !process.env.BENCH_SKIP_PG && (await postgresAnswers(TEST_PG_URL))) {
  const name = `zs_bench_enterprises_${process.pid}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  console.error(`PostgreSQL: loading ${PG_SIZE} enterprises…`);
  const database = await openDatabase({ databaseUrl: withDatabase(TEST_PG_URL, name) });
  try {
    await load(database, PG_SIZE);
    await measure(database, 'PostgreSQL 15 (server), in-process', PG_SIZE);
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP_DB) await admin.query(`drop database ${name}`);
    await admin.end();
  }
}
