import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CITY_MAPS, featureOfCell, isChineseRegionIso, mapOfView, NANHAI_FEATURE, outlinedFeatures } from './map-features.ts';

/**
 * The bundled maps against our codes (issue 15): every GB/T 2260 province finds its feature on the China map, which
 * carries the 南海诸岛 inset; a province's cities find theirs; 台湾, 香港 and 澳门 are China on the world map.
 */
type Collection = { features: { properties: { name: string; zh: string; inset?: boolean }; geometry: { type: string; coordinates: unknown[] } }[] };
const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../data/maps/${path}`, import.meta.url), 'utf8')) as Collection;
const regions = (JSON.parse(readFileSync(new URL('../../../data/regions.json', import.meta.url), 'utf8')) as { rows: [string, string, number, string | null][] }).rows;
const china = read('china.json');
const world = read('world.json');
const names = (c: Collection) => new Set(c.features.map((f) => f.properties.name));

describe('map features joined to GB/T 2260 and ISO codes (issue 15)', () => {
  it('finds every province-level division of GB/T 2260 on the China map, 港澳台 included, and nothing else', () => {
    const provinces = regions.filter((r) => r[2] === 1);
    expect(provinces).toHaveLength(34);
    for (const [code, name] of provinces) {
      expect(featureOfCell(code, { kind: 'china' }), name).toBe(code);
      expect(names(china).has(code), `${code} ${name} on the China map`).toBe(true);
    }
    expect(china.features.filter((f) => f.properties.name !== NANHAI_FEATURE).map((f) => f.properties.name).sort()).toEqual(provinces.map((p) => p[0]).sort());
  });

  it('draws the 南海诸岛 inset on the China map: islands and the dash line in a framed box', () => {
    const nanhai = china.features.find((f) => f.properties.name === NANHAI_FEATURE)!;
    expect(nanhai.properties.inset).toBe(true);
    expect(nanhai.geometry.type).toBe('MultiPolygon');
    // The islands and dashes from the world map (well over ten pieces) plus the frame's four sides.
    expect(nanhai.geometry.coordinates.length).toBeGreaterThan(14);
  });

  it('has a map of every mainland province whose features are its cities by code (the few new or merged ones aside)', () => {
    const files = readdirSync(new URL('../../../data/maps/province/', import.meta.url)).map((f) => f.replace('.json', ''));
    const mainland = regions.filter((r) => r[2] === 1 && !['710000', '810000', '820000'].includes(r[0])).map((r) => r[0]);
    expect(files.sort()).toEqual(mainland.sort());
    let joined = 0;
    const notJoined: string[] = [];
    for (const code of mainland) {
      const map = read(`province/${code}.json`);
      const children = new Set(regions.filter((r) => r[3] === code).map((r) => r[0]));
      for (const feature of map.features) {
        if (children.has(feature.properties.name)) {
          expect(featureOfCell(feature.properties.name, { kind: 'province', code })).toBe(feature.properties.name);
          joined++;
        } else notJoined.push(feature.properties.zh);
      }
    }
    // 莱芜 was merged into 济南 in 2019; the map predates it.
    expect(notJoined).toEqual(['莱芜市']);
    expect(joined).toBeGreaterThan(400);
    // The demo city: 湖北's map has 襄阳 by its code.
    expect(names(read('province/420000.json')).has('420600')).toBe(true);
  });

  it('has the demo city 襄阳\'s counties and districts by their codes, every one of GB/T 2260', () => {
    expect(CITY_MAPS).toEqual(['420600']);
    const map = read('city/420600.json');
    const counties = regions.filter((r) => r[3] === '420600').map((r) => r[0]);
    expect([...names(map)].sort()).toEqual(counties.sort());
    for (const code of counties) expect(featureOfCell(code, { kind: 'city', code: '420600' })).toBe(code);
    expect(featureOfCell('420600', { kind: 'city', code: '420600' })).toBeNull();
    expect(featureOfCell('420502', { kind: 'city', code: '420600' })).toBeNull();
  });

  it('counts 台湾, 香港 and 澳门 as China on the world map, which has no feature of their own', () => {
    const world_ = { kind: 'world' } as const;
    for (const place of ['TW', 'HK', 'MO', 'tw', '710000', '810000', '820000', '440300']) expect(featureOfCell(place, world_), place).toBe('CN');
    for (const iso of ['TW', 'HK', 'MO']) {
      expect(isChineseRegionIso(iso)).toBe(true);
      expect(names(world).has(iso), `${iso} is not a country`).toBe(false);
    }
    expect(featureOfCell('US', world_)).toBe('US');
    expect(featureOfCell('unknown', world_)).toBeNull();
    expect(world.features.find((f) => f.properties.name === 'CN')?.properties.zh).toBe('中国');
    // Countries carry their Chinese names; the ISO codes the API's country cells use all have a feature.
    expect(names(world).has('US') && names(world).has('JP') && names(world).has('DE')).toBe(true);
    expect(world.features.every((f) => /\p{Script=Han}/u.test(f.properties.zh))).toBe(true);
  });

  it('draws a view on its map: the world, China, a province\'s cities; no map for a city\'s counties', () => {
    expect(mapOfView({ level: 'country' })).toEqual({ kind: 'world' });
    expect(mapOfView({ level: 'province' })).toEqual({ kind: 'china' });
    expect(mapOfView({ level: 'city', parent: '440000' })).toEqual({ kind: 'province', code: '440000' });
    expect(mapOfView({ level: 'city', parent: '110000' })).toEqual({ kind: 'province', code: '110000' });
    expect(mapOfView({ level: 'county', parent: '440300' })).toBeNull();
    expect(mapOfView({ level: 'county', parent: '420600' })).toEqual({ kind: 'city', code: '420600' });
    expect(mapOfView({ level: 'city', parent: '810000' })).toBeNull();
    // Records known only as the province, and cells of another province, have no shape on its map.
    expect(featureOfCell('=440000', { kind: 'province', code: '440000' })).toBeNull();
    expect(featureOfCell('420600', { kind: 'province', code: '440000' })).toBeNull();
    expect(featureOfCell('440300', { kind: 'china' })).toBeNull();
  });
});

describe('priority regions outlined on the maps (issue 15)', () => {
  const china = ['110000', '310000', '320000', '330000', '440000', '810000', '710000'];
  it('outlines on China the provinces a region lies in or holds', () => {
    expect([...outlinedFeatures(['310000', '320500', '330100'], { kind: 'china' }, china)].sort()).toEqual(['310000', '320000', '330000']);
    expect([...outlinedFeatures(['HK', '440300'], { kind: 'china' }, china)].sort()).toEqual(['440000', '810000']);
    expect(outlinedFeatures(['US', 'JP'], { kind: 'china' }, china).size).toBe(0);
  });
  it('outlines on a province only the cities of the region, or all of them when it names the province', () => {
    const guangdong = ['440100', '440300', '440600'];
    expect([...outlinedFeatures(['440300', '310000'], { kind: 'province', code: '440000' }, guangdong)]).toEqual(['440300']);
    expect(outlinedFeatures(['440000'], { kind: 'province', code: '440000' }, guangdong).size).toBe(3);
    expect([...outlinedFeatures(['440305'], { kind: 'province', code: '440000' }, guangdong)]).toEqual(['440300']);
  });
  it('outlines on the world the countries named, and China for any division or 港澳台', () => {
    const world = ['CN', 'US', 'JP', 'DE'];
    expect([...outlinedFeatures(['US', 'DE'], { kind: 'world' }, world)].sort()).toEqual(['DE', 'US']);
    expect([...outlinedFeatures(['TW'], { kind: 'world' }, world)]).toEqual(['CN']);
    expect([...outlinedFeatures(['320500'], { kind: 'world' }, world)]).toEqual(['CN']);
  });
});
