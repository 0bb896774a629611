import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { localIndustries } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { findIndustry, industryName } from '../industries/industries.service.ts';
import { ZSaveLocalIndustryRequest, type TLocalIndustry, type TSaveLocalIndustryRequest } from '../../shared/local-industries.ts';

/**
 * The city's own industry words (issue 12), kept by the bureau and read by everyone: a ledger's 所属行业 "智能制造"
 * is a local industry, recorded as the project's 本市产业 and, when the bureau has mapped it, as its GB/T 4754 code.
 */
type Row = typeof localIndustries.$inferSelect;

function toLocalIndustry(row: Row): TLocalIndustry {
  return { id: row.id, name: row.name, industryCode: row.industryCode, industryName: industryName(row.industryCode), synonyms: row.synonyms, active: row.active };
}

/** A word as compared: without spaces, full-width letters and digits as half-width, case folded. */
export function industryWordKey(word: string): string {
  return word
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

export async function listLocalIndustries(db: Db): Promise<TLocalIndustry[]> {
  const rows = await db.select().from(localIndustries).orderBy(asc(localIndustries.id));
  return rows.map(toLocalIndustry);
}

export type LocalIndustryMatch = { name: string; industryCode: string | null };

/** The active list as a lookup: a word (a name or a synonym, spaces and width aside) → the industry it is. */
export async function localIndustryLookup(db: Db): Promise<(word: string) => LocalIndustryMatch | undefined> {
  const rows = await db.select().from(localIndustries).where(eq(localIndustries.active, true));
  const byWord = new Map<string, LocalIndustryMatch>();
  for (const row of rows) {
    for (const word of [row.name, ...row.synonyms]) byWord.set(industryWordKey(word), { name: row.name, industryCode: row.industryCode });
  }
  return (word) => byWord.get(industryWordKey(word));
}

/** One word, one industry: a name or synonym may not be another entry's name or synonym, nor repeat in its own. */
async function checkWords(db: Db, id: number | null, input: { name: string; synonyms: string[] }): Promise<void> {
  const taken = new Map<string, string>();
  for (const row of await db.select().from(localIndustries)) {
    if (row.id === id) continue;
    for (const word of [row.name, ...row.synonyms]) taken.set(industryWordKey(word), row.name);
  }
  const seen = new Set<string>();
  for (const [i, word] of [input.name, ...input.synonyms].entries()) {
    const key = industryWordKey(word);
    const other = taken.get(key) ?? (seen.has(key) ? input.name : undefined);
    if (other !== undefined) throw new AppError('localIndustry.nameTaken', { field: i === 0 ? 'name' : 'synonyms', params: { word, taken: other } });
    seen.add(key);
  }
}

function parse(input: TSaveLocalIndustryRequest) {
  const fields = ZSaveLocalIndustryRequest.parse(input);
  if (fields.industryCode && !findIndustry(fields.industryCode)) throw new AppError('industry.unknown', { field: 'industryCode' });
  return { ...fields, synonyms: [...new Set(fields.synonyms)] };
}

async function withNameCheck<T>(write: () => Promise<T>, name: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'local_industries_name_key')) throw new AppError('localIndustry.nameTaken', { field: 'name', params: { word: name, taken: name } });
    throw error;
  }
}

export async function createLocalIndustry(ctx: ServiceContext, input: TSaveLocalIndustryRequest): Promise<TLocalIndustry> {
  assertCanAdminister(ctx.caller);
  const fields = parse(input);
  return withNameCheck(
    () =>
      ctx.db.transaction(async (tx) => {
        await checkWords(tx, null, fields);
        const [row] = await tx.insert(localIndustries).values({ ...fields, updatedAt: ctx.now }).returning();
        await recordAudit(tx, actorOf(ctx), { entity: 'localIndustry', entityId: row!.id, unitId: ctx.caller.unitId, action: 'create', after: row });
        return toLocalIndustry(row!);
      }),
    fields.name,
  );
}

export async function updateLocalIndustry(ctx: ServiceContext, id: number, input: TSaveLocalIndustryRequest): Promise<TLocalIndustry> {
  assertCanAdminister(ctx.caller);
  const fields = parse(input);
  return withNameCheck(
    () =>
      ctx.db.transaction(async (tx) => {
        const [before] = await tx.select().from(localIndustries).where(eq(localIndustries.id, id)).for('update');
        if (!before) throw notFound('localIndustry');
        await checkWords(tx, id, fields);
        const [row] = await tx.update(localIndustries).set({ ...fields, updatedAt: ctx.now }).where(eq(localIndustries.id, id)).returning();
        await recordAudit(tx, actorOf(ctx), { entity: 'localIndustry', entityId: id, unitId: ctx.caller.unitId, action: 'update', before, after: row });
        return toLocalIndustry(row!);
      }),
    fields.name,
  );
}
