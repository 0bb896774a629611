import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TRegion } from '../../shared/regions.ts';
import { countryName } from '../../domain/countries.ts';

/** GB/T 2260 administrative divisions, read once from data/regions.json (reference data, not per unit). */
type RegionRow = [code: string, name: string, level: number, parentCode: string | null];

const REGIONS_FILE = fileURLToPath(new URL('../../../data/regions.json', import.meta.url));

let byCode: Map<string, TRegion> | undefined;

function load(): Map<string, TRegion> {
  if (byCode) return byCode;
  const { rows } = JSON.parse(readFileSync(REGIONS_FILE, 'utf8')) as { rows: RegionRow[] };
  const raw = new Map(rows.map(([code, name, level, parentCode]) => [code, { code, name, level, parentCode }]));
  byCode = new Map();
  for (const region of raw.values()) {
    const names: string[] = [];
    // At most three levels (province → city → county); the bound also guards against a bad parent link.
    let r: typeof region | undefined = region;
    for (let depth = 0; r && depth < 3; depth++, r = r.parentCode ? raw.get(r.parentCode) : undefined) names.unshift(r.name);
    byCode.set(region.code, { ...region, fullName: names.join('') });
  }
  return byCode;
}

export function findRegion(code: string): TRegion | undefined {
  return load().get(code);
}

/** Every region (code, name, parent): for readers of places as lists write them (src/domain/enterprise-list-facts.ts). */
export function allRegions(): TRegion[] {
  return [...load().values()];
}

/** A place's Chinese name: a division's full name (湖北省襄阳市), or a foreign HQ's country (德国). */
export function regionName(code: string | null): string | null {
  if (!code) return null;
  return findRegion(code)?.fullName ?? countryName(code)?.zh ?? null;
}

const MAX_RESULTS = 50;

/** Children of a region (provinces when no parent), or a name search across all levels. */
export function listRegions(options: { parentCode?: string; q?: string }): TRegion[] {
  const all = [...load().values()];
  if (options.q) {
    const q = options.q;
    return all.filter((r) => r.name.includes(q) || r.fullName.includes(q) || r.code.startsWith(q)).slice(0, MAX_RESULTS);
  }
  const parent = options.parentCode ?? null;
  return all.filter((r) => r.parentCode === parent);
}

/**
 * A place as a ledger writes it ("广东省深圳市", "深圳市", "深圳", "440300") → its region code, when exactly one
 * region fits; the most specific level wins ("深圳" is the city, not a district named after it).
 */
const fromLedgerText = new Map<string, string | undefined>();

export function regionFromLedgerText(text: string): string | undefined {
  // Ledgers repeat a handful of places thousands of times: each is looked up once.
  if (!fromLedgerText.has(text)) {
    if (fromLedgerText.size > 10_000) fromLedgerText.clear();
    fromLedgerText.set(text, lookUpLedgerText(text));
  }
  return fromLedgerText.get(text);
}

function lookUpLedgerText(text: string): string | undefined {
  const typed = text.replace(/[\s\u3000]/g, '');
  if (!typed) return undefined;
  if (/^\d{6}$/.test(typed)) return findRegion(typed)?.code;
  const all = [...load().values()];
  const bare = (name: string) => name.replace(/(省|市|自治区|特别行政区|地区|自治州|盟|区|县)$/, '');
  for (const fits of [(r: TRegion) => r.fullName === typed, (r: TRegion) => r.name === typed, (r: TRegion) => bare(r.name) === bare(typed)]) {
    const found = all.filter(fits);
    if (found.length === 1) return found[0]!.code;
    if (found.length > 1) {
      const provinces = found.filter((r) => r.parentCode === null);
      if (provinces.length === 1) return provinces[0]!.code;
      const cities = found.filter((r) => r.parentCode !== null && findRegion(r.parentCode)?.parentCode === null);
      return cities.length === 1 ? cities[0]!.code : undefined;
    }
  }
  return undefined;
}
