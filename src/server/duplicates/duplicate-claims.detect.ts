import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import { duplicateClaims, units } from '../db/schema.ts';
import {
  isDuplicateCandidate,
  nameBigrams,
  pairKey,
  placeWords,
  projectNameCore,
  scoreDuplicateClaim,
  type ClaimFacts,
  type DuplicateReason,
} from '../../domain/duplicate-claims.ts';
import { noticeUnderReview } from './duplicate-notices.ts';

/**
 * Finding duplicate claims (issue 17). Candidate pairs come from shared keys — the investor, its credit code, its
 * group, the amount within an industry division, a bigram of the name's core — never from all pairs; each is scored
 * by the domain and stored when it reaches the threshold. An open pair that no longer scores is dropped; a decided
 * pair is left alone for good ("not a duplicate" is remembered).
 */

/** Up to this many changed projects, candidates are asked of the database; more, one pass over the city in memory. */
const SQL_PATH_LIMIT = 100;
/** A name bigram shared by more projects than this says nothing (电池, 产业…): it proposes no pairs. */
const COMMON_BIGRAM = 200;
/** A key shared by more projects than this (a group with hundreds of projects) proposes pairs only with the changed ones. */
const COMMON_KEY = 300;
const MAX_NAME_PATTERNS = 16;

type FactsRow = {
  id: number;
  unitId: number;
  name: string;
  investorEnterpriseId: number;
  investorName: string;
  investorCreditCode: string | null;
  investorGroupId: number;
  amountYuan: string | number | null;
  industryCode: string | null;
  claimedOn: string | null;
};

/** The facts the domain scores, for the projects a condition on `p` (projects) and `e` (their investors) selects. */
async function claimFacts(db: Db, where: SQL, limit?: number): Promise<ClaimFacts[]> {
  const rows = await queryRows<FactsRow>(
    db,
    sql`select p.id, p.unit_id as "unitId", p.name, p.investor_enterprise_id as "investorEnterpriseId", e.name as "investorName",
          e.credit_code as "investorCreditCode",
          (with recursive up(id, parent_id, depth) as (
             select e.id, e.parent_enterprise_id, 0
             union all
             select parent.id, parent.parent_enterprise_id, up.depth + 1 from up join enterprises parent on parent.id = up.parent_id where up.depth < 30
           ) select up.id from up order by up.depth desc limit 1) as "investorGroupId",
          coalesce(p.contract_investment_yuan, p.total_investment_yuan) as "amountYuan", p.industry_code as "industryCode",
          coalesce(p.signed_on, (p.created_at at time zone 'Asia/Shanghai')::date)::text as "claimedOn"
        from projects p join enterprises e on e.id = p.investor_enterprise_id
        where p.merged_into_id is null and (${where})
        order by p.id
        ${limit ? sql`limit ${limit}` : sql``}`,
  );
  return rows.map((r) => ({ ...r, amountYuan: r.amountYuan === null ? null : Number(r.amountYuan), investorGroupId: Number(r.investorGroupId) }));
}

async function cityPlaceWords(db: Db): Promise<string[]> {
  return placeWords((await db.select({ name: units.name }).from(units)).map((u) => u.name));
}

/** The open pairs touching some projects (all open pairs when `ids` is null). */
async function openPairs(db: Db, ids: number[] | null): Promise<[number, number][]> {
  const rows = await db
    .select({ a: duplicateClaims.projectAId, b: duplicateClaims.projectBId })
    .from(duplicateClaims)
    .where(and(eq(duplicateClaims.status, 'open'), ids ? or(inArray(duplicateClaims.projectAId, ids), inArray(duplicateClaims.projectBId, ids)) : undefined));
  return rows.map((r) => [r.a, r.b]);
}

export type DetectionResult = { scored: number; open: number; dropped: number };

/** Scores the pairs and writes what they say: candidates stored or re-scored (open ones only), open non-candidates dropped. */
async function storeScores(db: Db, pairs: Map<string, [ClaimFacts, ClaimFacts]>, places: string[], now: Date): Promise<DetectionResult> {
  const found: { projectAId: number; projectBId: number; scorePermille: number; reasons: DuplicateReason[] }[] = [];
  const below: [number, number][] = [];
  for (const [a, b] of pairs.values()) {
    const score = scoreDuplicateClaim(a, b, { placeNames: places });
    if (isDuplicateCandidate(score)) found.push({ projectAId: a.id, projectBId: b.id, scorePermille: score.scorePermille, reasons: score.reasons });
    else below.push([a.id, b.id]);
  }
  for (let i = 0; i < found.length; i += 1000) {
    // Each open pair's units are told it is under review, in the transaction that stores it (once: keyed by the day
    // it was first detected, which a re-score keeps). A decided pair is not returned, so not told again.
    await db.transaction(async (tx) => {
      const stored = await tx
        .insert(duplicateClaims)
        .values(found.slice(i, i + 1000).map((f) => ({ ...f, detectedAt: now, scoredAt: now })))
        .onConflictDoUpdate({
          target: [duplicateClaims.projectAId, duplicateClaims.projectBId],
          set: { scorePermille: sql`excluded.score_permille`, reasons: sql`excluded.reasons`, scoredAt: now },
          setWhere: sql`${duplicateClaims.status} = 'open'`,
        })
        .returning({ a: duplicateClaims.projectAId, b: duplicateClaims.projectBId, detectedAt: duplicateClaims.detectedAt });
      await noticeUnderReview(tx, stored.flatMap((c) => [{ projectId: c.a, detectedAt: c.detectedAt }, { projectId: c.b, detectedAt: c.detectedAt }]));
    });
  }
  let dropped = 0;
  for (let i = 0; i < below.length; i += 1000) {
    const chunk = below.slice(i, i + 1000);
    const deleted = await db
      .delete(duplicateClaims)
      .where(
        and(
          eq(duplicateClaims.status, 'open'),
          sql`(${duplicateClaims.projectAId}, ${duplicateClaims.projectBId}) in (${sql.join(
            chunk.map(([a, b]) => sql`(${a}::int, ${b}::int)`),
            sql`, `,
          )})`,
        ),
      )
      .returning({ id: duplicateClaims.id });
    dropped += deleted.length;
  }
  return { scored: pairs.size, open: found.length, dropped };
}

function addPair(pairs: Map<string, [ClaimFacts, ClaimFacts]>, x: ClaimFacts, y: ClaimFacts): void {
  if (x.id === y.id || x.unitId === y.unitId) return;
  const [low, high] = pairKey(x.id, y.id);
  const key = `${low}:${high}`;
  if (!pairs.has(key)) pairs.set(key, x.id === low ? [x, y] : [y, x]);
}

/**
 * Looks for duplicates of some projects just created, edited or imported, city-wide. Runs in the caller's
 * transaction when given one, so a project and its pairs commit together.
 */
export async function detectDuplicatesFor(db: Db, projectIds: number[], now: Date): Promise<DetectionResult> {
  const ids = [...new Set(projectIds)];
  if (ids.length === 0) return { scored: 0, open: 0, dropped: 0 };
  if (ids.length > SQL_PATH_LIMIT) return scanCity(db, now, new Set(ids));
  const places = await cityPlaceWords(db);
  const changed = await claimFacts(db, sql`p.id = any(${sql.param(ids)}::int[])`);
  if (changed.length === 0) return { scored: 0, open: 0, dropped: 0 };
  const patterns = new Set<string>();
  for (const facts of changed) {
    for (const gram of nameBigrams(projectNameCore(facts.name, places)).slice(0, MAX_NAME_PATTERNS)) patterns.add(`%${gram.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  }
  const divisions = [...new Set(changed.map((f) => f.industryCode?.slice(0, 2)).filter((d): d is string => !!d && d.length === 2))];
  const amounts = [...new Set(changed.map((f) => f.amountYuan).filter((a): a is number => a !== null && a > 0))];
  const codes = [...new Set(changed.map((f) => f.investorCreditCode).filter((c): c is string => !!c))];
  const investors = [...new Set(changed.map((f) => f.investorEnterpriseId))];
  const groups = [...new Set(changed.map((f) => f.investorGroupId))];
  const otherUnit = sql`not (p.unit_id = all(${sql.param([...new Set(changed.map((f) => f.unitId))])}::int[]))`;
  const candidates = await claimFacts(
    db,
    sql`${otherUnit} and (
      p.investor_enterprise_id = any(${sql.param(investors)}::int[])
      ${codes.length ? sql`or e.credit_code = any(${sql.param(codes)}::text[])` : sql``}
      or p.investor_enterprise_id = any(array(
        with recursive down(id, depth) as (
          select id, 0 from enterprises where id = any(${sql.param(groups)}::int[])
          union all
          select child.id, down.depth + 1 from enterprises child join down on child.parent_enterprise_id = down.id where down.depth < 30
        ) select id from down))
      ${amounts.length && divisions.length ? sql`or (coalesce(p.contract_investment_yuan, p.total_investment_yuan) = any(${sql.param(amounts)}::bigint[]) and left(p.industry_code, 2) = any(${sql.param(divisions)}::text[]))` : sql``}
      ${patterns.size ? sql`or lower(p.name) like any(${sql.param([...patterns])}::text[])` : sql``}
    )`,
    5000,
  );
  const byId = new Map([...changed, ...candidates].map((f) => [f.id, f]));
  const pairs = new Map<string, [ClaimFacts, ClaimFacts]>();
  for (const x of changed) for (const y of candidates) addPair(pairs, x, y);
  // Pairs already open are scored again, whether or not a key proposed them now (an investor changed, say).
  const open = await openPairs(db, ids);
  const missing = [...new Set(open.flat())].filter((id) => !byId.has(id));
  if (missing.length > 0) for (const f of await claimFacts(db, sql`p.id = any(${sql.param(missing)}::int[])`)) byId.set(f.id, f);
  for (const [a, b] of open) if (byId.has(a) && byId.has(b)) addPair(pairs, byId.get(a)!, byId.get(b)!);
  return storeScores(db, pairs, places, now);
}

/**
 * The periodic re-scan (and large imports): one pass over the city's projects in memory, pairs proposed within
 * shared keys; with `touching`, only pairs with at least one of those projects.
 */
export async function scanCity(db: Db, now: Date, touching: Set<number> | null = null): Promise<DetectionResult> {
  const places = await cityPlaceWords(db);
  const all = await claimFacts(db, sql`true`);
  const byId = new Map(all.map((f) => [f.id, f]));
  const buckets = new Map<string, ClaimFacts[]>();
  const put = (key: string, f: ClaimFacts) => {
    const list = buckets.get(key);
    if (list) list.push(f);
    else buckets.set(key, [f]);
  };
  for (const f of all) {
    put(`i:${f.investorEnterpriseId}`, f);
    if (f.investorCreditCode) put(`c:${f.investorCreditCode}`, f);
    put(`g:${f.investorGroupId}`, f);
    if (f.amountYuan && f.industryCode && f.industryCode.length >= 2) put(`a:${f.industryCode.slice(0, 2)}:${f.amountYuan}`, f);
    for (const gram of nameBigrams(projectNameCore(f.name, places))) put(`n:${gram}`, f);
  }
  const pairs = new Map<string, [ClaimFacts, ClaimFacts]>();
  for (const [key, members] of buckets) {
    if (members.length < 2) continue;
    if (key.startsWith('n:') && members.length > COMMON_BIGRAM) continue;
    const restricted = members.length > COMMON_KEY || touching !== null;
    const from = restricted ? members.filter((m) => touching === null || touching.has(m.id)) : members;
    if (restricted && touching === null) continue; // a huge key city-wide: left to the other keys
    for (const x of from) for (const y of members) addPair(pairs, x, y);
  }
  for (const [a, b] of await openPairs(db, touching ? [...touching] : null)) {
    if (byId.has(a) && byId.has(b)) addPair(pairs, byId.get(a)!, byId.get(b)!);
  }
  return storeScores(db, pairs, places, now);
}
