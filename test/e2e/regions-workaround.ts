import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TRegion } from '../../src/shared/regions.ts';

/**
 * TEMPORARY, test-only. data/regions.json lists 东莞市 (441900), 中山市 (442000) and 儋州市 (460400) twice, the
 * second time as their own parent, and src/server/regions/regions.service.ts load() walks parents without a
 * cycle guard: the first call (any enterprise list, GET /api/regions) spins forever and the process hangs.
 * Until that is fixed there, the browser suite loads the regions the same way minus the self-parented rows.
 * Once the data or the service is fixed, this returns the real module untouched.
 */
type RegionsModule = typeof import('../../src/server/regions/regions.service.ts');
type RegionRow = [code: string, name: string, level: number, parentCode: string | null];

const REGIONS_FILE = fileURLToPath(new URL('../../data/regions.json', import.meta.url));

export function regionsWithoutSelfParents(original: RegionsModule): RegionsModule {
  const { rows } = JSON.parse(readFileSync(REGIONS_FILE, 'utf8')) as { rows: RegionRow[] };
  const selfParented = rows.filter(([code, , , parentCode]) => code === parentCode);
  if (selfParented.length === 0) return original;
  console.warn(
    `[e2e] data/regions.json has self-parented regions (${selfParented.map((r) => r[0]).join(', ')}) that hang ` +
      'regions.service.ts load(); the browser suite skips those rows (see test/e2e/regions-workaround.ts)',
  );
  const raw = new Map<string, Omit<TRegion, 'fullName'>>();
  for (const [code, name, level, parentCode] of rows) {
    if (code !== parentCode) raw.set(code, { code, name, level, parentCode });
  }
  const byCode = new Map<string, TRegion>();
  for (const region of raw.values()) {
    const names: string[] = [];
    for (let r: typeof region | undefined = region; r; r = r.parentCode ? raw.get(r.parentCode) : undefined) names.unshift(r.name);
    byCode.set(region.code, { ...region, fullName: names.join('') });
  }
  const findRegion = (code: string) => byCode.get(code);
  return {
    ...original,
    findRegion,
    regionName: (code: string | null) => (code ? (findRegion(code)?.fullName ?? null) : null),
    listRegions: (options: { parentCode?: string; q?: string }) => {
      const all = [...byCode.values()];
      if (options.q) {
        const q = options.q;
        return all.filter((r) => r.name.includes(q) || r.fullName.includes(q) || r.code.startsWith(q)).slice(0, 50);
      }
      const parent = options.parentCode ?? null;
      return all.filter((r) => r.parentCode === parent);
    },
  };
}
