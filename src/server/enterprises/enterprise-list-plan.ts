import { and, eq, sql } from 'drizzle-orm';
import { enterpriseTiers, enterprises } from '../db/schema.ts';
import { queryRows, type Db } from '../db/client.ts';
import { anyOf } from '../db/bulk.ts';
import type { TierList } from '../../domain/enterprise-tiers.ts';
import { listNameKey, type ListColumn, type ListRow, type ListRowRefusal } from '../../domain/enterprise-list-rows.ts';
import { factReadersFor, libraryFactsOf, rowFacts, type RowFacts } from './enterprise-list-facts.ts';

/**
 * An enterprise list's plan (issue 13 "Filling it"): each row matched against the library — by credit code, else by
 * normalised name or other name, else new, or refused — with its facts compared to the library's. Made by the
 * preview and made again by the commit, inside its transaction, unless the preview's plan is still good (below).
 */

export type Refusal = ListRowRefusal | { rowNumber: number; field: 'name'; code: 'ambiguous' };
export type PlannedRow = ListRow & {
  match: 'code' | 'name' | 'new';
  enterpriseId: number | null;
  enterpriseName: string | null;
  enterpriseUnitId: number | null;
  alreadyOnList: boolean;
  /** The row's facts, read and compared with the library (issue 13): what is written, kept, differs or is refused. */
  read: RowFacts;
};
/** A header cell as stored: its position, its label and the column recognised (null: not read). */
export type StoredColumn = { index: number; label: string; column: ListColumn | null };
export type ListPlan = { planned: PlannedRow[]; refusals: Refusal[] };

/**
 * A row with its match, built field by field: `{ ...row }` copies through V8's slow path, which made planning a
 * 100,000-row list take seconds (`satisfies` keeps the list of fields whole when ListRow gains one).
 */
function plannedRow(row: ListRow, match: PlannedRow['match'], enterpriseId: number | null, enterpriseName: string | null, enterpriseUnitId: number | null, read: RowFacts): PlannedRow {
  return {
    rowNumber: row.rowNumber,
    name: row.name,
    nameKey: row.nameKey,
    creditCode: row.creditCode,
    rank: row.rank,
    batch: row.batch,
    region: row.region,
    industry: row.industry,
    listing: row.listing,
    capital: row.capital ?? null,
    founded: row.founded ?? null,
    match,
    enterpriseId,
    enterpriseName,
    enterpriseUnitId,
    alreadyOnList: false,
    read,
  } satisfies Record<keyof PlannedRow, unknown>;
}

/** Matches the rows against the library: credit code first, then the normalised name among names and other names. */
export async function planRows(db: Db, list: TierList, year: number, rows: ListRow[], columns: StoredColumn[]): Promise<ListPlan> {
  const readers = await factReadersFor(db, columns.find((c) => c.column === 'capital')?.label ?? null);
  const blank = { facts: {}, refusals: [], effects: {}, library: null } as unknown as RowFacts;
  const codes = rows.flatMap((r) => (r.creditCode ? [r.creditCode] : []));
  const byCode = new Map<string, { id: number; name: string; unitId: number }>();
  for (let i = 0; i < codes.length; i += 10_000) {
    const found = await db
      .select({ id: enterprises.id, name: enterprises.name, unitId: enterprises.unitId, creditCode: enterprises.creditCode, mergedIntoId: enterprises.mergedIntoId })
      .from(enterprises)
      .where(anyOf(enterprises.creditCode, codes.slice(i, i + 10_000), 'text'));
    // A record merged into another (issue 13) keeps its code: the row goes to the enterprise it was merged into.
    for (const e of found) byCode.set(e.creditCode!, { id: e.mergedIntoId ?? e.id, name: e.name, unitId: e.unitId });
  }
  // Names compare after normalising (brackets, width, spaces, 有限公司 / 股份有限公司 / 有限责任公司), which SQL cannot
  // index: every name and other name of the library is read once and keyed here.
  const byKey = new Map<string, Set<number>>();
  const info = new Map<number, { name: string; unitId: number }>();
  if (codes.length < rows.length) {
    const names = await queryRows<{ id: number; name: string; unit_id: number; other: boolean }>(
      db,
      // A record merged into another (issue 13) is hidden: its name is the survivor's former name by then.
      sql`select id, name, unit_id, false as other from enterprises where merged_into_id is null
          union all select n.enterprise_id, n.name, e.unit_id, true from enterprise_names n join enterprises e on e.id = n.enterprise_id where e.merged_into_id is null`,
    );
    for (const n of names) {
      const key = listNameKey(n.name);
      let ids = byKey.get(key);
      if (!ids) byKey.set(key, (ids = new Set()));
      ids.add(n.id);
      if (!n.other) info.set(n.id, { name: n.name, unitId: n.unit_id });
    }
  }
  const planned: PlannedRow[] = [];
  const refusals: Refusal[] = [];
  for (const row of rows) {
    const coded = row.creditCode ? byCode.get(row.creditCode) : undefined;
    if (coded) {
      planned.push(plannedRow(row, 'code', coded.id, coded.name, coded.unitId, blank));
      continue;
    }
    const ids = byKey.get(row.nameKey);
    if (ids && ids.size > 1) {
      refusals.push({ rowNumber: row.rowNumber, field: 'name', code: 'ambiguous' });
    } else if (ids && ids.size === 1) {
      const [id] = ids;
      const e = info.get(id!)!;
      planned.push(plannedRow(row, 'name', id!, e.name, e.unitId, blank));
    } else {
      planned.push(plannedRow(row, 'new', null, null, null, blank));
    }
  }
  // Two rows landing on one enterprise (its code on one, its other name on the next): the second is a repeat.
  const seen = new Set<number>();
  const unique: PlannedRow[] = [];
  for (const p of planned) {
    if (p.enterpriseId !== null && seen.has(p.enterpriseId)) {
      refusals.push({ rowNumber: p.rowNumber, field: 'name', code: 'duplicate' });
      continue;
    }
    if (p.enterpriseId !== null) seen.add(p.enterpriseId);
    unique.push(p);
  }
  const matchedIds = [...seen];
  const onList = new Set<number>();
  for (let i = 0; i < matchedIds.length; i += 10_000) {
    const found = await db
      .select({ enterpriseId: enterpriseTiers.enterpriseId })
      .from(enterpriseTiers)
      .where(and(eq(enterpriseTiers.list, list), eq(enterpriseTiers.year, year), anyOf(enterpriseTiers.enterpriseId, matchedIds.slice(i, i + 10_000), 'int')));
    for (const t of found) onList.add(t.enterpriseId);
  }
  for (const p of unique) p.alreadyOnList = p.enterpriseId !== null && onList.has(p.enterpriseId);
  // The facts of the matched rows are compared with what the library has; a new enterprise has nothing yet.
  const library = await libraryFactsOf(db, matchedIds);
  for (const p of unique) p.read = rowFacts(p, p.enterpriseId === null ? undefined : library.get(p.enterpriseId), readers);
  return { planned: unique, refusals };
}


/**
 * The preview's plan, kept in this process for the commit while nothing it read has changed: planning a long list
 * again costs seconds. What the plan reads changes only with an audited change to an enterprise, its names, tier
 * entries or merges, or the city's industry words; the commit looks for one after the watermark taken before the plan
 * was made. A watermark is only taken while no other transaction is writing (one writing then could get an audit id
 * below it and commit after): otherwise nothing is kept and the commit plans again, as it does in another process.
 */
const PLAN_ENTITIES = ['enterprise', 'enterpriseName', 'enterpriseTier', 'enterpriseMerge', 'localIndustry'];
const KEPT_PLANS = 2;
const keptPlans = new Map<number, ListPlan & { watermark: number }>();

/** The latest audit id, or null while another transaction is writing. */
export async function planWatermark(db: Db): Promise<number | null> {
  const [row] = await queryRows<{ watermark: string | null; writing: boolean }>(
    db,
    sql`select (select max(id) from audit_log) as watermark, exists (select from pg_snapshot_xip(pg_current_snapshot())) as writing`,
  );
  return row!.writing ? null : Number(row!.watermark ?? 0);
}

export function keepPlan(importId: number, watermark: number | null, plan: ListPlan): void {
  if (watermark === null) return;
  keptPlans.set(importId, { ...plan, watermark });
  for (const id of keptPlans.keys()) if (keptPlans.size > KEPT_PLANS) keptPlans.delete(id);
}

/** The preview's plan if nothing it read has changed since (taken: a commit that fails plans again). */
export async function takeKeptPlan(db: Db, importId: number): Promise<ListPlan | null> {
  const kept = keptPlans.get(importId);
  keptPlans.delete(importId);
  if (!kept) return null;
  const [changed] = await queryRows<{ changed: boolean }>(
    db,
    sql`select exists (select from audit_log where id > ${kept.watermark} and entity = any(${sql.param(PLAN_ENTITIES)}::text[])) as changed`,
  );
  return changed!.changed ? null : { planned: kept.planned, refusals: kept.refusals };
}
