import { sql, type SQL } from 'drizzle-orm';
import { enterprises } from '../db/schema.ts';
import { queryRows, type Db } from '../db/client.ts';
import { anyOf } from '../db/bulk.ts';
import { recordAuditMany, type AuditChange } from '../audit/audit.service.ts';
import { allRegions, regionName } from '../regions/regions.service.ts';
import { findIndustry, industryFromLedgerText, industryName } from '../industries/industries.service.ts';
import { localIndustryLookup } from '../local-industries/local-industries.service.ts';
import {
  capitalColumnOf,
  capitalText,
  EMPTY_LIBRARY_FACTS,
  factEffect,
  LIST_FACT_FIELDS,
  listingText,
  readRowFacts,
  regionTextReader,
  type FactEffect,
  type FactProblem,
  type FactRead,
  type FactReaders,
  type FactRefusal,
  type LibraryFacts,
  type ListFactField,
  type ListFacts,
} from '../../domain/enterprise-list-facts.ts';
import type { ListRow } from '../../domain/enterprise-list-rows.ts';
import type { TEnterpriseListFactIssue } from '../../shared/enterprise-lists.ts';

/**
 * The facts an enterprise list carries (issue 13 "Filling it"): read with the reference data (regions, GB/T 4754, the
 * city's own industry words), compared with the library, written where the library has nothing, and taken back by a
 * revert. A fact the library already has differently is never overwritten: the preview lists it.
 */

export type RowFacts = { facts: ListFacts; refusals: FactRefusal[]; effects: Partial<Record<ListFactField, FactEffect>>; library: LibraryFacts };

/** A fact one import wrote on an enterprise that was already in the library, as written (for the revert). */
export type FilledFact = { enterpriseId: number; field: ListFactField; value: string | number | { exchange: string; ticker: string } };

let readRegion: ((text: string) => FactRead<string>) | undefined;

export const FACT_LABELS: Record<ListFactField, { zh: string; en: string }> = {
  region: { zh: '所在地区', en: 'HQ region' },
  industry: { zh: '行业', en: 'Industry' },
  capital: { zh: '注册资本', en: 'Registered capital' },
  founded: { zh: '成立日期', en: 'Founded on' },
  listing: { zh: '上市情况', en: 'Listing' },
};

const PROBLEM_TEXT: Record<FactProblem, { zh: string; en: string }> = {
  notAnAmount: { zh: '不是金额', en: 'is not an amount' },
  foreignCurrency: { zh: '是外币金额，库中注册资本只记人民币，不折算', en: 'is in a foreign currency; the library keeps 人民币 only and converts nothing' },
  tooPrecise: { zh: '精确到1元以下', en: 'has digits below one 元' },
  notADate: { zh: '不是日期', en: 'is not a date' },
  monthOnly: { zh: '没有写明哪一天', en: 'names no day' },
  notAListing: { zh: '看不出交易所和股票代码（如 688001.SH、深交所 300750、未上市）', en: 'names no exchange and ticker (e.g. 688001.SH, 深交所 300750, 未上市)' },
  unknownRegion: { zh: '既不是国内的行政区划（GB/T 2260），也不是境外国家（如 德国、日本、Germany）', en: 'is neither a region of China (GB/T 2260) nor a foreign country (e.g. 德国, 日本, Germany)' },
  ambiguousRegion: { zh: '对应多个行政区划，请写明省和市', en: 'names several regions; give the province and city' },
  unknownIndustry: { zh: '不是国民经济行业分类（GB/T 4754）的代码或名称，也不在本市产业名录中', en: 'is neither a GB/T 4754 code or name nor on the city’s industry list' },
};

/** The readers of one list: its 注册资本 header's unit, the regions, GB/T 4754 and the city's industry words. */
export async function factReadersFor(db: Db, capitalLabel: string | null): Promise<FactReaders> {
  const local = await localIndustryLookup(db);
  readRegion ??= regionTextReader(allRegions());
  return {
    capital: capitalColumnOf(capitalLabel ?? '注册资本'),
    region: readRegion,
    industry: (text) => {
      // "C3841" writes the section before the class: the class says it all.
      const plain = text.trim().replace(/^([A-T])(?=\d)/, '');
      const code = industryFromLedgerText(plain) ?? local(plain)?.industryCode ?? undefined;
      return code ? { ok: true, value: code } : { ok: false, problem: 'unknownIndustry' };
    },
  };
}

const industryWithin = (code: string, outer: string) => code.startsWith(outer) || (/^[A-T]$/.test(outer) && findIndustry(code)?.section === outer);

/** The library's facts of enterprises, by id. */
export async function libraryFactsOf(db: Db, ids: number[]): Promise<Map<number, LibraryFacts>> {
  const byId = new Map<number, LibraryFacts>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const found = await db
      .select({
        id: enterprises.id,
        hqRegionCode: enterprises.hqRegionCode,
        industryCodes: enterprises.industryCodes,
        registeredCapitalYuan: enterprises.registeredCapitalYuan,
        foundedOn: enterprises.foundedOn,
        listingExchange: enterprises.listingExchange,
        listingTicker: enterprises.listingTicker,
      })
      .from(enterprises)
      .where(anyOf(enterprises.id, ids.slice(i, i + 10_000), 'int'));
    // Each object built whole: a rest pattern copies through V8's slow path, seconds on a long list.
    for (const f of found) {
      byId.set(f.id, {
        hqRegionCode: f.hqRegionCode,
        industryCodes: f.industryCodes,
        registeredCapitalYuan: f.registeredCapitalYuan,
        foundedOn: f.foundedOn,
        listingExchange: f.listingExchange,
        listingTicker: f.listingTicker,
      });
    }
  }
  return byId;
}

/** A row's facts read and compared with the library's (a new enterprise's are all empty). */
export function rowFacts(row: ListRow, library: LibraryFacts | undefined, readers: FactReaders): RowFacts {
  const { facts, refusals } = readRowFacts(
    { region: row.region, industry: row.industry, capital: row.capital, founded: row.founded, listing: row.listing },
    readers,
  );
  const base = library ?? EMPTY_LIBRARY_FACTS;
  const effects: RowFacts['effects'] = {};
  for (const field of LIST_FACT_FIELDS) {
    const effect = factEffect(field, facts, base, industryWithin);
    if (effect) effects[field] = effect;
  }
  return { facts, refusals, effects, library: base };
}

/** A fact as the library shows it: "湖北省襄阳市", "3841 锂离子电池制造", "5,000万元", "SZSE 300750". */
export function listValueText(field: ListFactField, facts: ListFacts): string {
  switch (field) {
    case 'region':
      return regionName(facts.region ?? null) ?? facts.region ?? '';
    case 'industry':
      return facts.industry ? `${facts.industry} ${industryName(facts.industry) ?? ''}`.trim() : '';
    case 'capital':
      return facts.capital === undefined ? '' : capitalText(facts.capital);
    case 'founded':
      return facts.founded ?? '';
    case 'listing':
      return listingText(facts.listing ?? null);
  }
}

export function libraryValueText(field: ListFactField, library: LibraryFacts): string {
  switch (field) {
    case 'region':
      return regionName(library.hqRegionCode) ?? library.hqRegionCode ?? '';
    case 'industry':
      return library.industryCodes.map((c) => `${c} ${industryName(c) ?? ''}`.trim()).join('、');
    case 'capital':
      return library.registeredCapitalYuan === null ? '' : capitalText(library.registeredCapitalYuan);
    case 'founded':
      return library.foundedOn ?? '';
    case 'listing':
      return library.listingExchange || library.listingTicker ? `${library.listingExchange ?? ''} ${library.listingTicker ?? ''}`.trim() : '未上市';
  }
}

/** The message of a refused fact: "第5行 注册资本:"500万美元" 是外币金额…,未写入". */
export function factRefusalMessage(rowNumber: number, refusal: FactRefusal): TEnterpriseListFactIssue['message'] {
  const label = FACT_LABELS[refusal.field];
  const problem = PROBLEM_TEXT[refusal.problem];
  return {
    'zh-CN': `第${rowNumber}行 ${label.zh}：“${refusal.text}”${problem.zh}，未写入`,
    en: `Row ${rowNumber}, ${label.en}: “${refusal.text}” ${problem.en}; not written`,
  };
}

/** The message of a difference: "第4行 库中 注册资本 5,000万元,名单 6,000万元:未改". */
export function factDifferenceMessage(rowNumber: number, field: ListFactField, facts: ListFacts, library: LibraryFacts): TEnterpriseListFactIssue['message'] {
  const label = FACT_LABELS[field];
  const ours = libraryValueText(field, library);
  const theirs = listValueText(field, facts);
  return {
    'zh-CN': `第${rowNumber}行 库中 ${label.zh} ${ours}，名单 ${theirs}：未改`,
    en: `Row ${rowNumber}: the library has ${label.en} ${ours}, the list ${theirs}: not changed`,
  };
}

/** The columns a fact is stored in, and how a value is written, compared and emptied (set-based, plain PostgreSQL). */
const STORE: Record<ListFactField, { record: string; empty: SQL; unset: SQL; same: SQL; audit: (v: FilledFact['value'] | null) => Record<string, unknown> }> = {
  region: {
    record: 'x(id int, v text)',
    empty: sql`e.hq_region_code is null`,
    unset: sql`hq_region_code = null`,
    same: sql`e.hq_region_code = x.v`,
    audit: (v) => ({ hqRegionCode: v }),
  },
  industry: {
    record: 'x(id int, v text)',
    empty: sql`cardinality(e.industry_codes) = 0`,
    unset: sql`industry_codes = '{}'::text[]`,
    same: sql`e.industry_codes = array[x.v]`,
    audit: (v) => ({ industryCodes: v === null ? [] : [v] }),
  },
  capital: {
    record: 'x(id int, v bigint)',
    empty: sql`e.registered_capital_yuan is null`,
    unset: sql`registered_capital_yuan = null`,
    same: sql`e.registered_capital_yuan = x.v`,
    audit: (v) => ({ registeredCapitalYuan: v }),
  },
  founded: {
    record: 'x(id int, v date)',
    empty: sql`e.founded_on is null`,
    unset: sql`founded_on = null`,
    same: sql`e.founded_on = x.v`,
    audit: (v) => ({ foundedOn: v }),
  },
  listing: {
    record: 'x(id int, exchange text, ticker text)',
    empty: sql`e.listing_exchange is null and e.listing_ticker is null`,
    unset: sql`listing_exchange = null, listing_ticker = null`,
    same: sql`e.listing_exchange = x.exchange and e.listing_ticker = x.ticker`,
    audit: (v) =>
      v !== null && typeof v === 'object' ? { listingExchange: v.exchange, listingTicker: v.ticker } : { listingExchange: null, listingTicker: null },
  },
};

/** The value a fact is stored as, or undefined when there is nothing to store (未上市 on an enterprise not listed). */
export function storedValue(field: ListFactField, facts: ListFacts): FilledFact['value'] | undefined {
  if (field === 'listing') return facts.listing === undefined || facts.listing === 'notListed' ? undefined : facts.listing;
  return facts[field];
}

function recordsOf(field: ListFactField, facts: FilledFact[]): string {
  return JSON.stringify(
    facts.map((f) => (field === 'listing' && typeof f.value === 'object' ? { id: f.enterpriseId, exchange: f.value.exchange, ticker: f.value.ticker } : { id: f.enterpriseId, v: f.value })),
  );
}

type Actor = { userId: number | null; unitId: number | null; requestId: string | null };
const CHUNK = 5000;

/** Every fillable column in one assignment: a row is written once however many of its facts are filled. */
const FILL_RECORD =
  'x(id int, region_set bool, region text, industry_set bool, industry text, capital_set bool, capital bigint, founded_set bool, founded date, listing_set bool, exchange text, ticker text)';
const FILL_SET = sql`hq_region_code = case when x.region_set then x.region else e.hq_region_code end,
  industry_codes = case when x.industry_set then array[x.industry] else e.industry_codes end,
  registered_capital_yuan = case when x.capital_set then x.capital else e.registered_capital_yuan end,
  founded_on = case when x.founded_set then x.founded else e.founded_on end,
  listing_exchange = case when x.listing_set then x.exchange else e.listing_exchange end,
  listing_ticker = case when x.listing_set then x.ticker else e.listing_ticker end`;

function fillRecord(enterpriseId: number, facts: FilledFact[]): Record<string, unknown> {
  const record: Record<string, unknown> = { id: enterpriseId };
  for (const fact of facts) {
    record[`${fact.field}_set`] = true;
    if (fact.field === 'listing' && typeof fact.value === 'object') Object.assign(record, { exchange: fact.value.exchange, ticker: fact.value.ticker });
    else record[fact.field] = fact.value;
  }
  return record;
}

/**
 * Fills the given facts on enterprises already in the library, where the field is still empty (read under a row lock
 * in the same transaction), with an audit row per enterprise and field. Each enterprise is updated once for all its
 * facts: every update of a row writes all its index entries again (the search document's GIN among them), so one
 * statement per field cost several times as much on a large list. Returns what it wrote, field by field.
 */
export async function fillFacts(tx: Db, actor: Actor, importId: number, now: Date, wanted: FilledFact[]): Promise<FilledFact[]> {
  const written = new Set<FilledFact>();
  const ids = [...new Set(wanted.map((f) => f.enterpriseId))];
  const byEnterprise = new Map<number, FilledFact[]>();
  for (const fact of wanted) {
    const facts = byEnterprise.get(fact.enterpriseId);
    if (facts) facts.push(fact);
    else byEnterprise.set(fact.enterpriseId, [fact]);
  }
  const emptyColumns = sql.join(
    LIST_FACT_FIELDS.map((field) => sql`${STORE[field].empty} as ${sql.raw(`"${field}"`)}`),
    sql`, `,
  );
  for (let i = 0; i < ids.length; i += CHUNK) {
    const current = await queryRows<{ id: number; unit_id: number } & Record<ListFactField, boolean>>(
      tx,
      sql`select e.id, e.unit_id, ${emptyColumns} from enterprises e where e.id = any(${sql.param(ids.slice(i, i + CHUNK))}::int[]) order by e.id for update`,
    );
    const records: Record<string, unknown>[] = [];
    const changes: AuditChange[] = [];
    for (const row of current) {
      const filling: FilledFact[] = [];
      for (const fact of byEnterprise.get(row.id) ?? []) {
        // A field is filled once: a second row of the list for the same enterprise finds it taken.
        if (!row[fact.field] || filling.some((f) => f.field === fact.field)) continue;
        filling.push(fact);
        written.add(fact);
        changes.push({
          entity: 'enterprise',
          entityId: row.id,
          unitId: row.unit_id,
          action: 'update',
          before: STORE[fact.field].audit(null),
          after: STORE[fact.field].audit(fact.value),
          reason: `enterprise list import ${importId}`,
        });
      }
      if (filling.length > 0) records.push(fillRecord(row.id, filling));
    }
    if (records.length === 0) continue;
    await tx.execute(
      sql`update enterprises e set ${FILL_SET}, updated_at = ${now}
          from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as ${sql.raw(FILL_RECORD)}
          where e.id = x.id`,
    );
    await recordAuditMany(tx, actor, changes);
  }
  return LIST_FACT_FIELDS.flatMap((field) => wanted.filter((f) => f.field === field && written.has(f)));
}

/**
 * Takes back the facts an import filled: each returns to empty where it still holds what the import wrote; one
 * changed since by someone is kept (theirs now). Returns how many were emptied and how many kept.
 */
export async function unfillFacts(tx: Db, actor: Actor, importId: number, now: Date, filled: FilledFact[]): Promise<{ emptied: number; kept: number }> {
  let emptied = 0;
  for (const field of LIST_FACT_FIELDS) {
    const store = STORE[field];
    const ofField = filled.filter((f) => f.field === field);
    for (let i = 0; i < ofField.length; i += CHUNK) {
      const chunk = ofField.slice(i, i + CHUNK);
      const rows = await queryRows<{ id: number; unit_id: number }>(
        tx,
        sql`update enterprises e set ${store.unset}, updated_at = ${now}
            from jsonb_to_recordset(${recordsOf(field, chunk)}::jsonb) as ${sql.raw(store.record)}
            where e.id = x.id and ${store.same}
            returning e.id, e.unit_id`,
      );
      const byId = new Map(chunk.map((f) => [f.enterpriseId, f]));
      await recordAuditMany(
        tx,
        actor,
        rows.map((r) => ({
          entity: 'enterprise',
          entityId: r.id,
          unitId: r.unit_id,
          action: 'update' as const,
          before: store.audit(byId.get(r.id)!.value),
          after: store.audit(null),
          reason: `revert of enterprise list import ${importId}`,
        })),
      );
      emptied += rows.length;
    }
  }
  return { emptied, kept: filled.length - emptied };
}
