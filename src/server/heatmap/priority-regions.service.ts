import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { heatmapPriorityRegions } from '../db/schema.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import { englishDivisionName } from '../../domain/heatmap/english-names.ts';
import { normalizePlace } from '../../domain/heatmap/regions.ts';
import type { RegionPreset } from '../../domain/chains/candidates.ts';
import { ZPriorityRegions, type TPriorityRegions, type TPriorityRegionsState } from '../../shared/heatmap.ts';

/**
 * The city's priority regions (重点招商地区, issue 15): its investment plan's list, kept by the bureau and read by
 * every unit (the list is the city's, not a unit's records). Each is rolled up on the heat map like a preset.
 */
const displayNames = { zh: new Intl.DisplayNames(['zh-CN'], { type: 'region' }), en: new Intl.DisplayNames(['en'], { type: 'region' }) };

/** A place's name in both languages: a division by GB/T 2260 (full Chinese name; English by the domain), a country by ISO. */
export function placeName(code: string): { zh: string; en: string } | null {
  if (/^\d{6}$/.test(code)) {
    const region = findRegion(code);
    return region ? { zh: region.fullName, en: englishDivisionName(code, region.name) } : null;
  }
  const en = displayNames.en.of(code);
  // Intl answers an unknown but well-formed code with the code itself.
  return en && en !== code ? { zh: displayNames.zh.of(code) ?? code, en } : null;
}

async function stored(db: Db) {
  const [row] = await db.select().from(heatmapPriorityRegions).where(eq(heatmapPriorityRegions.id, 1));
  return row ? { regions: ZPriorityRegions.parse({ regions: row.regions }).regions, updatedAt: row.updatedAt } : null;
}

/** The list as presets for the roll-up (the name is the key). */
export async function priorityRegionPresets(db: Db): Promise<RegionPreset[]> {
  return ((await stored(db))?.regions ?? []).map((r) => ({ key: r.name, nameEn: r.nameEn, codes: r.codes }));
}

export async function priorityRegions(ctx: ServiceContext): Promise<TPriorityRegionsState> {
  const row = await stored(ctx.db);
  const regions = row?.regions ?? [];
  const placeNames = Object.fromEntries([...new Set(regions.flatMap((r) => r.codes))].map((code) => [code, placeName(code) ?? { zh: code, en: code }]));
  return { regions, placeNames, updatedAt: row?.updatedAt.toISOString() ?? null };
}

/**
 * The bureau replaces the list: names unique, every place a known division or country (香港 as HK or 810000 is kept as
 * 810000, China's), no place twice in one region. Audited; the next map shows it.
 */
export async function setPriorityRegions(ctx: ServiceContext, body: TPriorityRegions): Promise<TPriorityRegionsState> {
  assertCanAdminister(ctx.caller);
  const regions = body.regions.map((region, i) => {
    const codes = region.codes.map((code, k) => {
      const place = normalizePlace(code);
      if (place === null || placeName(place) === null) {
        throw new AppError('validation.invalid', { field: `regions.${i}.codes.${k}`, params: { detail: `未知的区划或国家代码：${code}` } });
      }
      return place;
    });
    const twice = codes.find((code, k) => codes.indexOf(code) !== k);
    if (twice) throw new AppError('validation.invalid', { field: `regions.${i}.codes`, params: { detail: `同一地区重复列出：${twice}` } });
    return { ...region, codes };
  });
  const names = regions.map((r) => r.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new AppError('validation.invalid', { field: 'regions', params: { detail: `地区名称重复：${repeated}` } });
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(heatmapPriorityRegions).where(eq(heatmapPriorityRegions.id, 1));
    const values = { regions, updatedBy: ctx.caller.userId, updatedAt: ctx.now };
    await tx.insert(heatmapPriorityRegions).values({ id: 1, ...values }).onConflictDoUpdate({ target: heatmapPriorityRegions.id, set: values });
    await recordAudit(tx, actorOf(ctx), { entity: 'heatmapPriorityRegions', entityId: 1, unitId: ctx.caller.unitId, action: before ? 'update' : 'create', before: { regions: before?.regions ?? [] }, after: { regions } });
  });
  return priorityRegions(ctx);
}
