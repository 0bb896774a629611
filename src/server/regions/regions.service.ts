import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TRegion } from '../../shared/regions.ts';

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

export function regionName(code: string | null): string | null {
  return code ? (findRegion(code)?.fullName ?? null) : null;
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
