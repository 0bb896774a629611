import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import { Pipeline, type ExtraColumn } from '../db/bulk.ts';
import { enterprises, jobRuns } from '../db/schema.ts';
import { insertAuditedRows } from '../audit/audit.service.ts';
import { ENTERPRISE_SEARCH_VERSION, enterpriseSearchDocument, type EnterpriseSearchInput } from '../../domain/enterprise-search.ts';

/**
 * The search document of enterprises (issue 13): `enterprises.search_tokens`, a tsvector with a GIN index (migration
 * 0027), and the main name's pinyin and initials as text with btree indexes (`name_pinyin`, `name_initials`, migration
 * 0043) — all outside the Drizzle table so that reads and audit rows never carry them. Written by the app, in the transaction
 * that changes a name, an other name or the credit code; never by a trigger, since the pinyin is computed here.
 */

type EnterpriseRow = typeof enterprises.$inferSelect;

export type EnterpriseSearchDocument = EnterpriseSearchInput & { id: number };

const CHUNK = 1000;

/** A document's columns as written: the lexemes space-separated, the main name's pinyin and initials (or null). */
function searchColumns(d: EnterpriseSearchInput): { tokens: string; pinyin: string | null; initials: string | null } {
  // Each name read as pinyin once for the document and the main name's keys.
  const { tokens, keys } = enterpriseSearchDocument(d);
  return { tokens, pinyin: keys?.pinyin ?? null, initials: keys?.initials ?? null };
}

const SEARCH_COLUMNS: readonly ExtraColumn[] = [
  // array_to_tsvector takes the lexemes as they are: no text-search parser, no locale, the same on every engine.
  { name: 'search_tokens', key: 'searchTokens', type: 'text', value: (field) => sql`array_to_tsvector(string_to_array(${field}, ' '))` },
  { name: 'name_pinyin', key: 'namePinyin', type: 'text' },
  { name: 'name_initials', key: 'nameInitials', type: 'text' },
];

/**
 * Inserts new enterprises (complete rows, as `insertAuditedRows` wants them) with their audit rows and their search
 * documents, all in the same statements: written after the insert, each document would be a second version of every
 * new row, indexed again in every index of the table.
 */
export async function insertEnterprisesWithSearch(
  target: Db | Pipeline,
  actor: Parameters<typeof insertAuditedRows>[1],
  rows: EnterpriseRow[],
  importBatchId: number | null,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // The rows given gain their search columns in place: a copy of each ({ ...e }) costs seconds on a long list.
    const chunk = rows.slice(i, i + CHUNK) as (EnterpriseRow & { searchTokens?: string; namePinyin?: string | null; nameInitials?: string | null })[];
    for (const e of chunk) {
      const c = searchColumns({ name: e.name, otherNames: [], creditCode: e.creditCode });
      e.searchTokens = c.tokens;
      e.namePinyin = c.pinyin;
      e.nameInitials = c.initials;
    }
    await insertAuditedRows(target, actor, enterprises, 'enterprise', chunk, importBatchId, { extra: SEARCH_COLUMNS });
  }
}

/** Writes the search documents of enterprises whose names and credit code the caller already holds. */
export async function writeEnterpriseSearch(db: Db | Pipeline, documents: EnterpriseSearchDocument[]): Promise<void> {
  for (let i = 0; i < documents.length; i += CHUNK) {
    // Through a pipeline the tokens of this chunk are computed while the database still writes the statements before.
    const rows = documents.slice(i, i + CHUNK).map((d) => ({ id: d.id, ...searchColumns(d) }));
    const statement = sql`
      update enterprises e set search_tokens = array_to_tsvector(string_to_array(x.tokens, ' ')), name_pinyin = x.pinyin, name_initials = x.initials
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id int, tokens text, pinyin text, initials text)
      where e.id = x.id`;
    if (db instanceof Pipeline) {
      void db.run(() => db.db.execute(statement));
      await new Promise<void>((resolve) => setImmediate(resolve));
    } else await db.execute(statement);
  }
}

/** Recomputes the search documents of these enterprises from their name, other names and credit code. */
export async function refreshEnterpriseSearch(db: Db, enterpriseIds: number[]): Promise<void> {
  const ids = [...new Set(enterpriseIds)];
  if (ids.length === 0) return;
  const rows = await queryRows<{ id: number; name: string; credit_code: string | null; other_names: string[] | null }>(
    db,
    sql`select e.id, e.name, e.credit_code,
          (select array_agg(n.name order by n.id) from enterprise_names n where n.enterprise_id = e.id) as other_names
        from enterprises e
        where e.id in (select value::int from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
  );
  await writeEnterpriseSearch(
    db,
    rows.map((r) => ({ id: r.id, name: r.name, creditCode: r.credit_code, otherNames: r.other_names ?? [] })),
  );
}

/**
 * Re-derives every enterprise's search document when the token rules changed since the database's were written
 * (ENTERPRISE_SEARCH_VERSION, remembered in job_runs), a chunk of ids at a time, then fills any still missing. Run at
 * start after the migrations; a database already at this version costs two indexed look-ups. Returns how many it wrote.
 */
export async function prepareEnterpriseSearch(db: Db): Promise<number> {
  const name = `enterprise-search-v${ENTERPRISE_SEARCH_VERSION}`;
  let written = 0;
  if ((await db.select().from(jobRuns).where(eq(jobRuns.name, name))).length === 0) {
    for (let after = 0; ; ) {
      const rows = await queryRows<{ id: number }>(db, sql`select id from enterprises where id > ${after} order by id limit ${CHUNK}`);
      if (rows.length === 0) break;
      await refreshEnterpriseSearch(db, rows.map((r) => r.id));
      written += rows.length;
      after = rows[rows.length - 1]!.id;
    }
    await db.insert(jobRuns).values({ name, lastFinishedAt: new Date() }).onConflictDoNothing();
  }
  return written + (await backfillEnterpriseSearch(db));
}

/**
 * Fills the search documents still missing — rows written before migration 0027, or by a path that did not refresh
 * them — a chunk at a time. Run at start after the migrations; a database whose documents are all there costs one
 * indexed look-up. Returns how many it filled.
 */
export async function backfillEnterpriseSearch(db: Db): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await queryRows<{ id: number }>(db, sql`select id from enterprises where search_tokens is null order by id limit ${CHUNK}`);
    if (rows.length === 0) return filled;
    await refreshEnterpriseSearch(
      db,
      rows.map((r) => r.id),
    );
    filled += rows.length;
  }
}
