import { and, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { enterprises } from '../db/schema.ts';
import { INLINE, type Binder } from '../db/prepared.ts';
import type { ServiceContext } from '../context.ts';
import { containsPattern } from '../db/search.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { refreshEnterpriseSearch } from './enterprise-search.ts';
import { requireUnitInScope } from '../units/units.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import { isForeignCountry } from '../../domain/countries.ts';
import { CHINA_REGIONS_BY_ISO } from '../../domain/heatmap/regions.ts';
import { checkLocalUnit, checkParent, describeEnterprises, loadEditableEnterprise, loadEnterprise, refuseMergedEnterprise } from './enterprise-library.service.ts';
import type { TCreateEnterpriseRequest, TEnterprise, TUpdateEnterpriseRequest } from '../../shared/enterprises.ts';
import { compareEnterpriseNames, enterpriseNameCore, type NameMatch } from '../../domain/enterprise-names.ts';

type EnterpriseRow = typeof enterprises.$inferSelect;

/** The library's public facts are the city's shared reference (issue 13): read city-wide, as the library describes them. */
async function toEnterprises(ctx: ServiceContext, db: Db, rows: EnterpriseRow[]): Promise<TEnterprise[]> {
  return describeEnterprises(db, ctx.caller, rows);
}

export type ListEnterprisesOptions = { q?: string; page: number; pageSize: number };

export async function listEnterprises(ctx: ServiceContext, options: ListEnterprisesOptions) {
  const where = and(
    isNull(enterprises.mergedIntoId),
    options.q ? or(ilike(enterprises.name, containsPattern(options.q)), eq(enterprises.creditCode, options.q.toUpperCase())) : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(enterprises)
    .where(where)
    .orderBy(desc(enterprises.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(enterprises).where(where);
  return { items: await toEnterprises(ctx, ctx.db, rows), total: Number(total), page: options.page, pageSize: options.pageSize };
}

export async function getEnterprise(ctx: ServiceContext, id: number): Promise<TEnterprise> {
  return (await toEnterprises(ctx, ctx.db, [await loadEnterprise(ctx.db, id)]))[0]!;
}

/**
 * For other areas: an enterprise the caller may link to, or the given error naming their field. Since issue 13 the
 * library is the city's shared reference, so any enterprise of the city may be named (who follows it stays scoped).
 */
export async function requireEnterpriseInScope(ctx: ServiceContext, id: number, field: string): Promise<{ id: number; name: string }> {
  const [row] = await ctx.db
    .select({ id: enterprises.id, name: enterprises.name, mergedIntoId: enterprises.mergedIntoId })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  if (!row) throw new AppError('project.investorOutOfScope', { field });
  await refuseMergedEnterprise(ctx.db, row, field);
  return { id: row.id, name: row.name };
}

/** Enterprises whose HQ lies in a region (a 2-, 4- or 6-digit code prefix), as a subquery for other areas' filters. */
export function enterprisesWithHqIn(regionPrefix: string, binder: Binder = INLINE): SQL {
  return sql`(select ${enterprises.id} from ${enterprises} where ${enterprises.hqRegionCode} like ${binder.bind('hqRegion', regionPrefix + '%')})`;
}

/** An enterprise's credit code and HQ region as columns of another area's query (ledger exports). */
export function enterpriseCreditCodeOf(enterpriseIdColumn: AnyPgColumn): SQL<string | null> {
  return sql<string | null>`(select ${enterprises.creditCode} from ${enterprises} where ${enterprises.id} = ${enterpriseIdColumn})`;
}
export function enterpriseHqRegionOf(enterpriseIdColumn: AnyPgColumn): SQL<string | null> {
  return sql<string | null>`(select ${enterprises.hqRegionCode} from ${enterprises} where ${enterprises.id} = ${enterpriseIdColumn})`;
}

/** An enterprise's name as a column of another area's query. */
export function enterpriseNameOf(enterpriseIdColumn: AnyPgColumn): SQL<string | null> {
  return sql<string | null>`(select ${enterprises.name} from ${enterprises} where ${enterprises.id} = ${enterpriseIdColumn})`;
}

export async function enterpriseNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: enterprises.id, name: enterprises.name }).from(enterprises).where(inArray(enterprises.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The library's facts a request sets (absent: unchanged on update, empty on create). */
function libraryFacts(input: TUpdateEnterpriseRequest) {
  return {
    englishName: input.englishName,
    industryCodes: input.industryCodes,
    registeredCapitalYuan: input.registeredCapitalYuan,
    foundedOn: input.foundedOn,
    businessScope: input.businessScope,
    listingExchange: input.listingExchange,
    listingTicker: input.listingTicker,
    sizeBand: input.sizeBand,
    website: input.website,
    parentEnterpriseId: input.parentEnterpriseId,
    localUnitId: input.localUnitId,
  };
}

/**
 * The HQ a request sets: a known region of China or a foreign country (ISO 3166-1; HK/MO/TW are refused as countries,
 * they are China's 810000/820000/710000). A city is kept only beside a country, and is cleared when the HQ moves to
 * China. HK, MO and TW sent as codes are stored as 810000, 820000, 710000. `before`: the stored HQ on an update.
 * Returns the HQ and city to write (undefined: unchanged).
 */
function checkHq(
  input: { hqRegionCode?: string | null | undefined; hqCity?: string | null | undefined },
  before?: { hqRegionCode: string | null },
): { hqRegionCode: string | null | undefined; hqCity: string | null | undefined } {
  const code = input.hqRegionCode ? (CHINA_REGIONS_BY_ISO[input.hqRegionCode] ?? input.hqRegionCode) : input.hqRegionCode;
  if (code && !findRegion(code) && !isForeignCountry(code)) throw new AppError(/^\d/.test(code) ? 'region.unknown' : 'region.unknownPlace', { field: 'hqRegionCode' });
  const hq = code !== undefined ? code : (before?.hqRegionCode ?? null);
  const abroad = isForeignCountry(hq);
  if (input.hqCity && !abroad) throw new AppError('enterprise.hqCityNotAbroad', { field: 'hqCity' });
  return { hqRegionCode: code, hqCity: !abroad && (code !== undefined || !before) ? null : input.hqCity };
}

function creditCodeConflict(error: unknown): never {
  if (isUniqueViolation(error, 'enterprises_credit_code_key')) throw new AppError('creditCode.taken', { field: 'creditCode' });
  throw error;
}

export async function createEnterprise(ctx: ServiceContext, input: TCreateEnterpriseRequest): Promise<TEnterprise> {
  assertCanWrite(ctx.caller);
  const unitId = input.unitId ?? ctx.caller.unitId;
  await requireUnitInScope(ctx, unitId, 'unitId');
  const hq = checkHq(input);
  try {
    return await ctx.db.transaction(async (tx) => {
      await checkParent(tx, null, input.parentEnterpriseId);
      await checkLocalUnit(ctx, tx, input.localUnitId);
      const [row] = await tx
        .insert(enterprises)
        .values({
          unitId,
          name: input.name,
          creditCode: input.creditCode ?? null,
          hqRegionCode: hq.hqRegionCode ?? null,
          hqCity: hq.hqCity ?? null,
          ...libraryFacts(input),
          createdBy: ctx.caller.userId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'enterprise', entityId: row!.id, unitId, action: 'create', after: row });
      await refreshEnterpriseSearch(tx, [row!.id]);
      return (await toEnterprises(ctx, tx, [row!]))[0]!;
    });
  } catch (error) {
    return creditCodeConflict(error);
  }
}

export async function updateEnterprise(ctx: ServiceContext, id: number, input: TUpdateEnterpriseRequest): Promise<TEnterprise> {
  assertCanWrite(ctx.caller);
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await loadEditableEnterprise(ctx, tx, id);
      // Checks read through the transaction: the embedded database has one connection, which the transaction holds.
      if (input.unitId !== undefined) await requireUnitInScope({ ...ctx, db: tx }, input.unitId, 'unitId');
      const hq = checkHq(input, before);
      await checkParent(tx, id, input.parentEnterpriseId);
      await checkLocalUnit(ctx, tx, input.localUnitId);
      const [row] = await tx
        .update(enterprises)
        .set({
          name: input.name,
          creditCode: input.creditCode,
          hqRegionCode: hq.hqRegionCode,
          hqCity: hq.hqCity,
          ...libraryFacts(input),
          unitId: input.unitId,
          updatedAt: ctx.now,
        })
        .where(eq(enterprises.id, id))
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'enterprise', entityId: id, unitId: row!.unitId, action: 'update', before, after: row });
      await refreshEnterpriseSearch(tx, [id]);
      return (await toEnterprises(ctx, tx, [row!]))[0]!;
    });
  } catch (error) {
    return creditCodeConflict(error);
  }
}

/**
 * Enterprises anywhere in the city that may be the one named (issue 6's duplicate check): the same credit code, or
 * a name that is the same or similar once brackets, spaces and company forms are set aside. Candidates are read by
 * a short piece of the name, then compared by the domain rule. Callers decide what of another unit's match to show.
 */
export async function enterpriseCandidates(db: Db, name: string | undefined, creditCode: string | undefined) {
  const core = name ? enterpriseNameCore(name) : '';
  const piece = core.slice(0, 2);
  const rows = await db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode, unitId: enterprises.unitId })
    .from(enterprises)
    .where(
      and(
        // A record merged into another is not offered (issue 13): its survivor is.
        isNull(enterprises.mergedIntoId),
        or(
          creditCode ? eq(enterprises.creditCode, creditCode.toUpperCase()) : undefined,
          piece.length === 2 ? ilike(enterprises.name, containsPattern(piece)) : undefined,
        ) ?? sql`false`,
      ),
    )
    .limit(500);
  return rows.flatMap((row) => {
    const match: 'creditCode' | NameMatch = creditCode && row.creditCode === creditCode.toUpperCase() ? 'creditCode' : name ? compareEnterpriseNames(name, row.name) : null;
    return match ? [{ ...row, match }] : [];
  });
}
