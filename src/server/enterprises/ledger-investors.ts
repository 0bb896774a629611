import { and, eq, sql } from 'drizzle-orm';
import { enterpriseContacts, enterprises, leads, projects, visits } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { inCallerScope } from '../access/scope.ts';
import { anyOf, takeIds, type Pipeline } from '../db/bulk.ts';
import { actorOf, insertAuditedRows, recordAuditMany } from '../audit/audit.service.ts';
import { BLANK_LIBRARY_FACTS } from './enterprise-facts.ts';
import { writeEnterpriseSearch } from './enterprise-search.ts';

/**
 * Investors named in a ledger, matched to the enterprises on record (issue 4): by credit code first, then by the
 * exact name, within the caller's scope. A credit code registered by another unit is reported, not matched:
 * the enterprise is theirs (the bureau can share it).
 */
export type InvestorMatches = {
  byCreditCode: Map<string, number>;
  creditCodeElsewhere: Set<string>;
  byName: Map<string, number>;
};

export async function matchLedgerInvestors(ctx: ServiceContext, creditCodes: string[], names: string[]): Promise<InvestorMatches> {
  const matches: InvestorMatches = { byCreditCode: new Map(), creditCodeElsewhere: new Set(), byName: new Map() };
  const codes = [...new Set(creditCodes)];
  if (codes.length > 0) {
    const rows = await ctx.db
      .select({ id: enterprises.id, creditCode: enterprises.creditCode, inScope: sql<boolean>`${inCallerScope(ctx.caller, enterprises.unitId)}` })
      .from(enterprises)
      .where(anyOf(enterprises.creditCode, codes, 'text'));
    for (const row of rows) {
      if (row.inScope) matches.byCreditCode.set(row.creditCode!, row.id);
      else matches.creditCodeElsewhere.add(row.creditCode!);
    }
  }
  const unique = [...new Set(names)];
  if (unique.length > 0) {
    const rows = await ctx.db
      .select({ id: enterprises.id, name: enterprises.name })
      .from(enterprises)
      .where(and(anyOf(enterprises.name, unique, 'text'), inCallerScope(ctx.caller, enterprises.unitId)))
      .orderBy(enterprises.id);
    for (const row of rows) if (!matches.byName.has(row.name)) matches.byName.set(row.name, row.id);
  }
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
    createdBy: ctx.caller.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }));
  await insertAuditedRows(pipeline, actorOf(ctx), enterprises, 'enterprise', rows, batchId);
  void pipeline.run(() => writeEnterpriseSearch(pipeline.db, rows.map((r) => ({ id: r.id, name: r.name, otherNames: [], creditCode: r.creditCode }))));
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
      ),
    )
    .returning();
  await recordAuditMany(
    ctx.db,
    actorOf(ctx),
    removed.map((row) => ({ entity: 'enterprise', entityId: row.id, unitId: row.unitId, action: 'delete' as const, before: row, importBatchId: batchId })),
  );
}
