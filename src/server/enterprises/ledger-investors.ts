import { and, eq, sql } from 'drizzle-orm';
import { enterpriseContacts, enterprises, leads, projects, visits } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { inCallerScope } from '../access/scope.ts';
import { anyOf, takeIds, type Pipeline } from '../db/bulk.ts';
import { actorOf, recordAuditMany } from '../audit/audit.service.ts';
import { BLANK_LIBRARY_FACTS } from './enterprise-facts.ts';
import { insertEnterprisesWithSearch } from './enterprise-search.ts';
import { survivorOf } from './enterprise-library.service.ts';

/**
 * Investors named in a ledger, matched to the enterprises on record (issue 4): by credit code first, then by the
 * exact name. Since issue 13 the library is the city's shared reference: a credit code matches whichever unit
 * recorded the enterprise; a name matches the caller's units' enterprise of that name first, else the one enterprise
 * of the city with that exact name (two or more elsewhere: none, and the row adds its own).
 */
export type InvestorMatches = {
  byCreditCode: Map<string, number>;
  byName: Map<string, number>;
  /** Matched records that were merged into another (issue 13), with the record that lives on: a row naming one is refused. */
  survivorOf: Map<number, { id: number; name: string }>;
};

export async function matchLedgerInvestors(ctx: ServiceContext, creditCodes: string[], names: string[]): Promise<InvestorMatches> {
  const matches: InvestorMatches = { byCreditCode: new Map(), byName: new Map(), survivorOf: new Map() };
  const merged = new Map<number, number>();
  const codes = [...new Set(creditCodes)];
  if (codes.length > 0) {
    const rows = await ctx.db
      .select({ id: enterprises.id, creditCode: enterprises.creditCode, mergedIntoId: enterprises.mergedIntoId })
      .from(enterprises)
      .where(anyOf(enterprises.creditCode, codes, 'text'));
    for (const row of rows) {
      matches.byCreditCode.set(row.creditCode!, row.id);
      if (row.mergedIntoId !== null) merged.set(row.id, row.mergedIntoId);
    }
  }
  const unique = [...new Set(names)];
  if (unique.length > 0) {
    // A live record of the name before one merged into another (which the row is then refused for, naming the survivor).
    const rows = await ctx.db
      .select({ id: enterprises.id, name: enterprises.name, mergedIntoId: enterprises.mergedIntoId, inScope: sql<boolean>`${inCallerScope(ctx.caller, enterprises.unitId)}` })
      .from(enterprises)
      .where(anyOf(enterprises.name, unique, 'text'))
      .orderBy(sql`${enterprises.mergedIntoId} is not null`, enterprises.id);
    for (const row of rows) if (row.mergedIntoId !== null) merged.set(row.id, row.mergedIntoId);
    const elsewhere = new Map<string, number[]>();
    for (const row of rows) {
      if (row.inScope) {
        if (!matches.byName.has(row.name)) matches.byName.set(row.name, row.id);
      } else {
        elsewhere.set(row.name, [...(elsewhere.get(row.name) ?? []), row.id]);
      }
    }
    for (const [name, ids] of elsewhere) if (!matches.byName.has(name) && ids.length === 1) matches.byName.set(name, ids[0]!);
  }
  const used = new Set([...matches.byCreditCode.values(), ...matches.byName.values()]);
  for (const [id, into] of merged) if (used.has(id)) matches.survivorOf.set(id, await survivorOf(ctx.db, into));
  return matches;
}

export type NewInvestor = { name: string; creditCode: string | null; hqRegionCode: string | null; unitId: number };

/**
 * Adds the investors a ledger names that are not on record yet; one audit row each, marked with the batch. Their
 * ids are known when it returns; the rows are written through `pipeline` (the commit's transaction).
 */
export async function createLedgerInvestors(ctx: ServiceContext, pipeline: Pipeline, batchId: number, investors: NewInvestor[]): Promise<number[]> {
  const ids = await pipeline.run(() => takeIds(ctx.db, enterprises, investors.length));
  // Every column written out, defaults included, so that the row as inserted is also the audit trail's record of it.
  const rows: (typeof enterprises.$inferSelect)[] = investors.map((e, i) => ({
    id: ids[i]!,
    unitId: e.unitId,
    name: e.name,
    creditCode: e.creditCode,
    hqRegionCode: e.hqRegionCode,
    fortuneGlobal500: false,
    ...BLANK_LIBRARY_FACTS,
    // In no group yet: its investments come from its own HQ (the database's trigger writes the same, migration 0050).
    sourceRegionCode: e.hqRegionCode,
    createdBy: ctx.caller.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }));
  await insertEnterprisesWithSearch(pipeline, actorOf(ctx), rows, batchId);
  return ids;
}

/** On reverting an import: removes the investors it added that no project names any more. */
export async function deleteUnusedLedgerInvestors(ctx: ServiceContext, batchId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const removed = await ctx.db
    .delete(enterprises)
    .where(
      and(
        anyOf(enterprises.id, ids, 'int'),
        sql`not exists (select 1 from ${projects} where ${projects.investorEnterpriseId} = ${enterprises.id})`,
        // Since issue 13 the library is shared: an investor someone has since taken up (a contact, a subsidiary, a
        // lead or a visit, possibly of another unit) stays in the library.
        sql`not exists (select 1 from ${enterpriseContacts} where ${enterpriseContacts.enterpriseId} = ${enterprises.id})`,
        sql`not exists (select 1 from enterprises child where child.parent_enterprise_id = ${enterprises.id})`,
        sql`not exists (select 1 from ${leads} where ${leads.enterpriseId} = ${enterprises.id})`,
        sql`not exists (select 1 from ${visits} where ${visits.enterpriseId} = ${enterprises.id})`,
        // A record merged into another, or one another was merged into, is kept with its merge record (issue 13).
        sql`not exists (select 1 from enterprise_merges m where m.survivor_id = ${enterprises.id} or m.merged_id = ${enterprises.id})`,
      ),
    )
    .returning();
  await recordAuditMany(
    ctx.db,
    actorOf(ctx),
    removed.map((row) => ({ entity: 'enterprise', entityId: row.id, unitId: row.unitId, action: 'delete' as const, before: row, importBatchId: batchId })),
  );
}
