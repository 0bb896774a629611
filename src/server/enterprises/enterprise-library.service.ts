import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, readAll, type Db } from '../db/client.ts';
import { refreshEnterpriseSearch } from './enterprise-search.ts';
import { enterpriseContacts, enterpriseNames, enterpriseTiers, enterprises } from '../db/schema.ts';
import type { Caller, ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope, unitNames } from '../units/units.service.ts';
import { regionName } from '../regions/regions.service.ts';
import { canWriteRecords } from '../../domain/roles.ts';
import { parentChain, sourceRegionCode, wouldMakeCycle } from '../../domain/enterprise-groups.ts';
import { countsAsFortuneGlobal500, tierHistory, TIER_LISTS, type TierList } from '../../domain/enterprise-tiers.ts';
import { maskPhone } from '../../domain/contact-phones.ts';
import { chinaToday } from '../../domain/calendar.ts';
import type {
  TEnterprise,
  TEnterpriseContact,
  TEnterpriseContactRequest,
  TEnterpriseOtherName,
  TEnterpriseOtherNameRequest,
  TEnterpriseTier,
  TEnterpriseTierRequest,
  TOtherNameKind,
} from '../../shared/enterprises.ts';

/**
 * The enterprise library (issue 13). Its public facts — names, codes, HQ, industries, tiers, listing, group — are the
 * city's shared reference: every signed-in user reads every enterprise. The bureau writes them; staff write those of
 * enterprises their own units recorded (and add new ones). Contacts are personal data, kept per unit that collected
 * them and read only in that unit's subtree (and by the bureau); reading a whole phone number is audited.
 */

export type EnterpriseRow = typeof enterprises.$inferSelect;

/** Whether the caller may change an enterprise's public facts, as a column of a query on `enterprises`. */
function editableBy(caller: Caller) {
  return canWriteRecords(caller.role) ? sql<boolean>`${inCallerScope(caller, enterprises.unitId)}` : sql<boolean>`false`;
}

/** Parent links and HQs of some enterprises and all their ancestors (a loop in the data stops at depth 64). */
async function ancestry(db: Db, ids: number[]) {
  const parentOf = new Map<number, number | null>();
  const hqOf = new Map<number, string | null>();
  const nameOf = new Map<number, string>();
  if (ids.length === 0) return { parentOf, hqOf, nameOf };
  const rows = await queryRows<{ id: number; parent_id: number | null; hq: string | null; name: string }>(
    db,
    sql`with recursive up (id, parent_id, hq, name, depth) as (
          select id, parent_enterprise_id, hq_region_code, name, 0 from enterprises
          where id in (select value::int from jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb))
          union all
          select e.id, e.parent_enterprise_id, e.hq_region_code, e.name, up.depth + 1
          from enterprises e join up on e.id = up.parent_id where up.depth < 64)
        select distinct id, parent_id, hq, name from up`,
  );
  for (const row of rows) {
    parentOf.set(row.id, row.parent_id);
    hqOf.set(row.id, row.hq);
    nameOf.set(row.id, row.name);
  }
  return { parentOf, hqOf, nameOf };
}

function toTier(row: typeof enterpriseTiers.$inferSelect): TEnterpriseTier {
  return { id: row.id, list: row.list as TierList, year: row.year, rank: row.rank, batch: row.batch };
}

/** Enterprise rows as the API returns them: facts, other names, tiers (newest first), parent, local unit, source region. */
export async function describeEnterprises(db: Db, caller: Caller, rows: EnterpriseRow[]): Promise<TEnterprise[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [units, names, tiers, editable, family] = await readAll(db, [
    () => unitNames(db, rows.flatMap((r) => (r.localUnitId ? [r.unitId, r.localUnitId] : [r.unitId]))),
    () => db.select().from(enterpriseNames).where(inArray(enterpriseNames.enterpriseId, ids)).orderBy(asc(enterpriseNames.id)),
    () => db.select().from(enterpriseTiers).where(inArray(enterpriseTiers.enterpriseId, ids)),
    () => db.select({ id: enterprises.id, editable: editableBy(caller) }).from(enterprises).where(inArray(enterprises.id, ids)),
    () => ancestry(db, ids),
  ]);
  const canEdit = new Map(editable.map((r) => [r.id, Boolean(r.editable)]));
  return rows.map((row) => {
    const source = sourceRegionCode(row.id, family.parentOf, family.hqOf);
    return {
      id: row.id,
      name: row.name,
      creditCode: row.creditCode,
      hqRegionCode: row.hqRegionCode,
      hqRegionName: regionName(row.hqRegionCode),
      hqCity: row.hqCity,
      fortuneGlobal500: row.fortuneGlobal500,
      unitId: row.unitId,
      unitName: units.get(row.unitId) ?? '',
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      englishName: row.englishName,
      industryCodes: row.industryCodes,
      registeredCapitalYuan: row.registeredCapitalYuan,
      foundedOn: row.foundedOn,
      businessScope: row.businessScope,
      listingExchange: row.listingExchange,
      listingTicker: row.listingTicker,
      sizeBand: row.sizeBand as TEnterprise['sizeBand'],
      website: row.website,
      parentEnterpriseId: row.parentEnterpriseId,
      parentName: row.parentEnterpriseId ? (family.nameOf.get(row.parentEnterpriseId) ?? null) : null,
      localUnitId: row.localUnitId,
      localUnitName: row.localUnitId ? (units.get(row.localUnitId) ?? null) : null,
      sourceRegionCode: source,
      sourceRegionName: regionName(source),
      otherNames: names.filter((n) => n.enterpriseId === row.id).map((n) => ({ id: n.id, kind: n.kind as TOtherNameKind, name: n.name })),
      tiers: tierHistory(tiers.filter((t) => t.enterpriseId === row.id).map(toTier)),
      // A record merged into another is read-only until the merge is undone.
      canEdit: (canEdit.get(row.id) ?? false) && row.mergedIntoId === null,
    };
  });
}

/** Any enterprise of the city (the library is shared reference), or 404. */
export async function loadEnterprise(db: Db, id: number): Promise<EnterpriseRow> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id));
  if (!row) throw notFound('enterprise');
  return row;
}

/**
 * A record merged into another cannot be used for new work (a lead, visit, project, contact, tier, name, parent, a
 * ledger row…): refused naming the record that carries it on — the end of the chain when the survivor was itself
 * merged since. Reading it still works. Every write that takes an enterprise id goes through here (`field`: the
 * request's field, none for the path).
 */
export async function refuseMergedEnterprise(db: Db, row: { mergedIntoId: number | null }, field?: string): Promise<void> {
  if (row.mergedIntoId === null) return;
  const survivor = await survivorOf(db, row.mergedIntoId);
  throw new AppError('enterprise.merged', { ...(field ? { field } : {}), params: { name: survivor.name, id: String(survivor.id) } });
}

/** The live record a merged one now lives on in (following later merges; a loop in the data stops at depth 64). */
export async function survivorOf(db: Db, mergedIntoId: number): Promise<{ id: number; name: string }> {
  let at = { id: mergedIntoId, name: '', mergedIntoId: mergedIntoId as number | null };
  for (let depth = 0; at.mergedIntoId !== null && depth < 64; depth++) {
    const [row] = await db.select({ id: enterprises.id, name: enterprises.name, mergedIntoId: enterprises.mergedIntoId }).from(enterprises).where(eq(enterprises.id, at.mergedIntoId));
    if (!row) break;
    at = row;
  }
  return { id: at.id, name: at.name };
}

/** An enterprise that new work may name: any of the city's (404 if none) but not one merged into another. */
export async function loadUsableEnterprise(db: Db, id: number, field?: string): Promise<EnterpriseRow> {
  const row = await loadEnterprise(db, id);
  await refuseMergedEnterprise(db, row, field);
  return row;
}

/**
 * An enterprise whose public facts the caller may change: the bureau any; staff those their units recorded. A leader
 * (read-only) is refused first; an enterprise another unit recorded is refused with 403, since everyone reads it.
 */
export async function loadEditableEnterprise(ctx: ServiceContext, db: Db, id: number): Promise<EnterpriseRow> {
  assertCanWrite(ctx.caller);
  const [found] = await db.select({ row: enterprises, editable: editableBy(ctx.caller) }).from(enterprises).where(eq(enterprises.id, id));
  if (!found) throw notFound('enterprise');
  if (!found.editable) throw new AppError('enterprise.factsReadOnly');
  await refuseMergedEnterprise(db, found.row);
  return found.row;
}

/** Refuses a parent that does not exist or would close a loop in the group tree. */
export async function checkParent(db: Db, id: number | null, parentId: number | null | undefined): Promise<void> {
  if (parentId === null || parentId === undefined) return;
  const { parentOf } = await ancestry(db, [parentId]);
  if (!parentOf.has(parentId)) throw new AppError('enterprise.parentUnknown', { field: 'parentEnterpriseId' });
  await refuseMergedEnterprise(db, await loadEnterprise(db, parentId), 'parentEnterpriseId');
  if (id !== null && wouldMakeCycle(id, parentId, parentOf)) throw new AppError('enterprise.parentCycle', { field: 'parentEnterpriseId' });
}

/** A local enterprise's unit: one of the caller's units (the bureau: any), as a unit a record is filed under. */
export async function checkLocalUnit(ctx: ServiceContext, db: Db, unitId: number | null | undefined): Promise<void> {
  if (unitId === null || unitId === undefined) return;
  await requireUnitInScope({ ...ctx, db }, unitId, 'localUnitId', 'enterprise.localUnitUnknown');
}

/**
 * Recomputes the 世界500强 flag (the assessment's bonus) of every enterprise from the tier entries: on the latest
 * 世界500强 list on record or the one before (domain/enterprise-tiers.ts). Each flag that changes is audited.
 */
export async function recomputeFortuneGlobal500(ctx: ServiceContext, tx: Db): Promise<void> {
  const [entries, flagged] = await readAll(tx, [
    () => tx.select({ enterpriseId: enterpriseTiers.enterpriseId, year: enterpriseTiers.year }).from(enterpriseTiers).where(eq(enterpriseTiers.list, 'fortune_global_500')),
    () => tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.fortuneGlobal500, true)),
  ]);
  const latest = entries.length > 0 ? Math.max(...entries.map((e) => e.year)) : null;
  const yearsOf = new Map<number, number[]>();
  for (const e of entries) yearsOf.set(e.enterpriseId, [...(yearsOf.get(e.enterpriseId) ?? []), e.year]);
  const counts = new Set([...yearsOf].filter(([, years]) => countsAsFortuneGlobal500(years, latest)).map(([id]) => id));
  const was = new Set(flagged.map((r) => r.id));
  const changes = [...[...counts].filter((id) => !was.has(id)).map((id) => [id, true] as const), ...[...was].filter((id) => !counts.has(id)).map((id) => [id, false] as const)];
  for (const [id, value] of changes) {
    const [row] = await tx.update(enterprises).set({ fortuneGlobal500: value }).where(eq(enterprises.id, id)).returning({ unitId: enterprises.unitId });
    await recordAudit(tx, actorOf(ctx), {
      entity: 'enterprise',
      entityId: id,
      unitId: row!.unitId,
      action: 'update',
      before: { fortuneGlobal500: !value },
      after: { fortuneGlobal500: value },
      reason: '世界500强 from the tier entries',
    });
  }
}

// ——— Tier entries ———

/**
 * A rank only on a list that ranks; no year after this one (a list not yet published would take 世界500强 from every
 * enterprise on the latest real list).
 */
function checkTier(ctx: ServiceContext, input: TEnterpriseTierRequest): void {
  if (input.rank !== null && input.rank !== undefined && !TIER_LISTS[input.list].ranked) throw new AppError('enterprise.tierNotRanked', { field: 'rank' });
  if (input.year > Number(chinaToday(ctx.now).slice(0, 4))) throw new AppError('enterprise.tierYearFuture', { field: 'year' });
}

function tierConflict(error: unknown): never {
  if (isUniqueViolation(error, 'enterprise_tiers_key')) throw new AppError('enterprise.tierTaken', { field: 'year' });
  throw error;
}

export async function addEnterpriseTier(ctx: ServiceContext, enterpriseId: number, input: TEnterpriseTierRequest): Promise<TEnterpriseTier> {
  checkTier(ctx, input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const enterprise = await loadEditableEnterprise(ctx, tx, enterpriseId);
      const [row] = await tx
        .insert(enterpriseTiers)
        .values({ enterpriseId, list: input.list, year: input.year, rank: input.rank ?? null, batch: input.batch ?? null, createdBy: ctx.caller.userId, createdAt: ctx.now })
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseTier', entityId: row!.id, unitId: enterprise.unitId, action: 'create', after: row });
      if (row!.list === 'fortune_global_500') await recomputeFortuneGlobal500(ctx, tx);
      return toTier(row!);
    });
  } catch (error) {
    return tierConflict(error);
  }
}

async function loadTier(tx: Db, enterpriseId: number, tierId: number) {
  const [row] = await tx.select().from(enterpriseTiers).where(and(eq(enterpriseTiers.id, tierId), eq(enterpriseTiers.enterpriseId, enterpriseId)));
  if (!row) throw notFound('enterpriseTier');
  return row;
}

export async function updateEnterpriseTier(ctx: ServiceContext, enterpriseId: number, tierId: number, input: TEnterpriseTierRequest): Promise<TEnterpriseTier> {
  checkTier(ctx, input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const enterprise = await loadEditableEnterprise(ctx, tx, enterpriseId);
      const before = await loadTier(tx, enterpriseId, tierId);
      const [row] = await tx
        .update(enterpriseTiers)
        .set({ list: input.list, year: input.year, rank: input.rank ?? null, batch: input.batch ?? null })
        .where(eq(enterpriseTiers.id, tierId))
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseTier', entityId: tierId, unitId: enterprise.unitId, action: 'update', before, after: row });
      if (before.list === 'fortune_global_500' || row!.list === 'fortune_global_500') await recomputeFortuneGlobal500(ctx, tx);
      return toTier(row!);
    });
  } catch (error) {
    return tierConflict(error);
  }
}

export async function deleteEnterpriseTier(ctx: ServiceContext, enterpriseId: number, tierId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const enterprise = await loadEditableEnterprise(ctx, tx, enterpriseId);
    const before = await loadTier(tx, enterpriseId, tierId);
    await tx.delete(enterpriseTiers).where(eq(enterpriseTiers.id, tierId));
    await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseTier', entityId: tierId, unitId: enterprise.unitId, action: 'delete', before });
    if (before.list === 'fortune_global_500') await recomputeFortuneGlobal500(ctx, tx);
  });
}

// ——— Other names ———

function nameConflict(error: unknown): never {
  if (isUniqueViolation(error, 'enterprise_names_key')) throw new AppError('enterprise.otherNameTaken', { field: 'name' });
  throw error;
}

export async function addEnterpriseName(ctx: ServiceContext, enterpriseId: number, input: TEnterpriseOtherNameRequest): Promise<TEnterpriseOtherName> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const enterprise = await loadEditableEnterprise(ctx, tx, enterpriseId);
      const [row] = await tx
        .insert(enterpriseNames)
        .values({ enterpriseId, kind: input.kind, name: input.name, createdBy: ctx.caller.userId, createdAt: ctx.now })
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseName', entityId: row!.id, unitId: enterprise.unitId, action: 'create', after: row });
      await refreshEnterpriseSearch(tx, [enterpriseId]);
      return { id: row!.id, kind: row!.kind as TOtherNameKind, name: row!.name };
    });
  } catch (error) {
    return nameConflict(error);
  }
}

async function loadName(tx: Db, enterpriseId: number, nameId: number) {
  const [row] = await tx.select().from(enterpriseNames).where(and(eq(enterpriseNames.id, nameId), eq(enterpriseNames.enterpriseId, enterpriseId)));
  if (!row) throw notFound('enterpriseName');
  return row;
}

export async function updateEnterpriseName(ctx: ServiceContext, enterpriseId: number, nameId: number, input: TEnterpriseOtherNameRequest): Promise<TEnterpriseOtherName> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const enterprise = await loadEditableEnterprise(ctx, tx, enterpriseId);
      const before = await loadName(tx, enterpriseId, nameId);
      const [row] = await tx.update(enterpriseNames).set({ kind: input.kind, name: input.name }).where(eq(enterpriseNames.id, nameId)).returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseName', entityId: nameId, unitId: enterprise.unitId, action: 'update', before, after: row });
      await refreshEnterpriseSearch(tx, [enterpriseId]);
      return { id: row!.id, kind: row!.kind as TOtherNameKind, name: row!.name };
    });
  } catch (error) {
    return nameConflict(error);
  }
}

export async function deleteEnterpriseName(ctx: ServiceContext, enterpriseId: number, nameId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const enterprise = await loadEditableEnterprise(ctx, tx, enterpriseId);
    const before = await loadName(tx, enterpriseId, nameId);
    await tx.delete(enterpriseNames).where(eq(enterpriseNames.id, nameId));
    await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseName', entityId: nameId, unitId: enterprise.unitId, action: 'delete', before });
    await refreshEnterpriseSearch(tx, [enterpriseId]);
  });
}

// ——— Contacts (personal data, per unit) ———

type ContactRow = typeof enterpriseContacts.$inferSelect;

async function toContacts(db: Db, rows: ContactRow[]): Promise<TEnterpriseContact[]> {
  const names = await unitNames(db, rows.map((r) => r.unitId));
  return rows.map((row) => ({
    id: row.id,
    enterpriseId: row.enterpriseId,
    unitId: row.unitId,
    unitName: names.get(row.unitId) ?? '',
    name: row.name,
    title: row.title,
    phoneMasked: maskPhone(row.phone),
    note: row.note,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** The contacts at an enterprise that units in the caller's subtree collected (the bureau: all). */
export async function listEnterpriseContacts(ctx: ServiceContext, enterpriseId: number): Promise<TEnterpriseContact[]> {
  await loadEnterprise(ctx.db, enterpriseId);
  const rows = await ctx.db
    .select()
    .from(enterpriseContacts)
    .where(and(eq(enterpriseContacts.enterpriseId, enterpriseId), inCallerScope(ctx.caller, enterpriseContacts.unitId)))
    .orderBy(asc(enterpriseContacts.id));
  return toContacts(ctx.db, rows);
}

async function loadContactInScope(ctx: ServiceContext, db: Db, enterpriseId: number, contactId: number): Promise<ContactRow> {
  const [row] = await db
    .select()
    .from(enterpriseContacts)
    .where(and(eq(enterpriseContacts.id, contactId), eq(enterpriseContacts.enterpriseId, enterpriseId), inCallerScope(ctx.caller, enterpriseContacts.unitId)));
  if (!row) throw notFound('contact');
  return row;
}

export async function addEnterpriseContact(ctx: ServiceContext, enterpriseId: number, input: TEnterpriseContactRequest): Promise<TEnterpriseContact> {
  assertCanWrite(ctx.caller);
  return ctx.db.transaction(async (tx) => {
    await loadUsableEnterprise(tx, enterpriseId);
    const unit = await requireUnitInScope({ ...ctx, db: tx }, input.unitId ?? ctx.caller.unitId, 'unitId');
    const [row] = await tx
      .insert(enterpriseContacts)
      .values({
        enterpriseId,
        unitId: unit.id,
        name: input.name,
        title: input.title ?? null,
        phone: input.phone ?? null,
        note: input.note ?? null,
        createdBy: ctx.caller.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'contact', entityId: row!.id, unitId: unit.id, action: 'create', after: row });
    return (await toContacts(tx, [row!]))[0]!;
  });
}

export async function updateEnterpriseContact(
  ctx: ServiceContext,
  enterpriseId: number,
  contactId: number,
  input: TEnterpriseContactRequest,
): Promise<TEnterpriseContact> {
  assertCanWrite(ctx.caller);
  return ctx.db.transaction(async (tx) => {
    const before = await loadContactInScope(ctx, tx, enterpriseId, contactId);
    if (input.unitId !== undefined) await requireUnitInScope({ ...ctx, db: tx }, input.unitId, 'unitId');
    const [row] = await tx
      .update(enterpriseContacts)
      .set({ name: input.name, title: input.title ?? null, phone: input.phone ?? null, note: input.note ?? null, unitId: input.unitId, updatedAt: ctx.now })
      .where(eq(enterpriseContacts.id, contactId))
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'contact', entityId: contactId, unitId: row!.unitId, action: 'update', before, after: row });
    return (await toContacts(tx, [row!]))[0]!;
  });
}

export async function deleteEnterpriseContact(ctx: ServiceContext, enterpriseId: number, contactId: number): Promise<void> {
  assertCanWrite(ctx.caller);
  await ctx.db.transaction(async (tx) => {
    const before = await loadContactInScope(ctx, tx, enterpriseId, contactId);
    await tx.delete(enterpriseContacts).where(eq(enterpriseContacts.id, contactId));
    await recordAudit(tx, actorOf(ctx), { entity: 'contact', entityId: contactId, unitId: before.unitId, action: 'delete', before });
  });
}

/** "显示电话": a contact's whole phone number, for a caller who sees the contact; every read is in the audit trail. */
export async function readContactPhone(ctx: ServiceContext, enterpriseId: number, contactId: number): Promise<{ phone: string | null }> {
  return ctx.db.transaction(async (tx) => {
    const contact = await loadContactInScope(ctx, tx, enterpriseId, contactId);
    await recordAudit(tx, actorOf(ctx), { entity: 'contact', entityId: contactId, unitId: contact.unitId, action: 'phoneRead', after: { enterpriseId, name: contact.name } });
    return { phone: contact.phone };
  });
}

/** The group tree around an enterprise: its parents up to the ultimate parent, and its direct subsidiaries. */
export async function enterpriseGroup(db: Db, row: EnterpriseRow) {
  const { parentOf, hqOf, nameOf } = await ancestry(db, [row.id]);
  const member = (id: number) => ({ id, name: nameOf.get(id) ?? '', hqRegionCode: hqOf.get(id) ?? null, hqRegionName: regionName(hqOf.get(id) ?? null) });
  const children = await db
    .select({ id: enterprises.id, name: enterprises.name, hqRegionCode: enterprises.hqRegionCode })
    .from(enterprises)
    .where(eq(enterprises.parentEnterpriseId, row.id))
    .orderBy(asc(enterprises.id))
    .limit(500);
  return {
    parents: parentChain(row.id, parentOf).slice(1).map(member),
    children: children.map((c) => ({ ...c, hqRegionName: regionName(c.hqRegionCode) })),
  };
}
