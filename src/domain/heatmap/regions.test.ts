import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BELT_AND_ROAD, CHINA, cellOf, countryOf, divisionChain, inRegion, normalizePlace, presetsOf, rollUp, rollUpPresets, UNKNOWN, type Division, type MapView, type Placed } from './regions.ts';
import { sourceRegionCode } from '../enterprise-groups.ts';
import type { RegionPreset } from '../chains/candidates.ts';

/** A slice of GB/T 2260: 广东 (深圳 with 南山), 北京 (a municipality: districts straight below it), 港澳台, 江苏. */
const divisions: Division[] = [
  { code: '440000', parentCode: null },
  { code: '440300', parentCode: '440000' },
  { code: '440305', parentCode: '440300' },
  { code: '440100', parentCode: '440000' },
  { code: '440106', parentCode: '440100' },
  { code: '110000', parentCode: null },
  { code: '110105', parentCode: '110000' },
  { code: '810000', parentCode: null },
  { code: '820000', parentCode: null },
  { code: '710000', parentCode: null },
  { code: '320000', parentCode: null },
  { code: '320300', parentCode: '320000' },
  { code: '320311', parentCode: '320300' },
];
const index = new Map(divisions.map((d) => [d.code, d]));

const presets: RegionPreset[] = [
  { key: '京津冀', nameEn: 'Beijing-Tianjin-Hebei', codes: ['110000', '120000', '130000'] },
  { key: '长三角', nameEn: 'the Yangtze River Delta', codes: ['310000', '320000', '330000', '340000'] },
  { key: '粤港澳大湾区', nameEn: 'the Greater Bay Area', codes: ['440100', '440300', '810000', '820000'] },
  { key: '欧美', nameEn: 'Europe and North America', codes: ['US', 'DE', 'GR'] },
  { key: '日韩', nameEn: 'Japan and Korea', codes: ['JP', 'KR'] },
  BELT_AND_ROAD,
];

describe('region roll-up (issue 15)', () => {
  it('places a county in its city and province, and a municipality district straight under the municipality', () => {
    expect(divisionChain('440305', index)).toEqual(['440000', '440300', '440305']);
    expect(divisionChain('110105', index)).toEqual(['110000', '110105']);
    expect(divisionChain('440000', index)).toEqual(['440000']);
    // A code the tree does not hold goes by its prefixes as far as the tree knows them.
    expect(divisionChain('440399', index)).toEqual(['440000', '440300', '440399']);
    expect(divisionChain('310115', index)).toEqual(['310000', '310115']);
    expect(divisionChain('450000', index)).toEqual(['450000']);
  });

  it('counts 南山 in 深圳, in 广东, in China, in the Greater Bay Area', () => {
    expect(cellOf('440305', { level: 'country' }, index)).toBe(CHINA);
    expect(cellOf('440305', { level: 'province' }, index)).toBe('440000');
    expect(cellOf('440305', { level: 'city', parent: '440000' }, index)).toBe('440300');
    expect(cellOf('440305', { level: 'county', parent: '440300' }, index)).toBe('440305');
    expect(cellOf('440305', { level: 'city', parent: '320000' }, index)).toBeNull();
    expect(presetsOf('440305', presets)).toEqual(['粤港澳大湾区']);
    expect(presetsOf('320311', presets)).toEqual(['长三角']);
    expect(presetsOf('110105', presets)).toEqual(['京津冀']);
  });

  it('keeps a place known only as its province in that province\'s own cell when drilling into it', () => {
    expect(cellOf('440000', { level: 'city', parent: '440000' }, index)).toBe('=440000');
    expect(cellOf('440300', { level: 'county', parent: '440300' }, index)).toBe('=440300');
  });

  it('holds 香港, 澳门 and 台湾 as regions of China, never as countries, whether written as codes or ISO', () => {
    for (const [iso, code] of [['HK', '810000'], ['mo', '820000'], ['TW', '710000']] as const) {
      expect(normalizePlace(iso)).toBe(code);
      expect(countryOf(iso)).toBe(CHINA);
      expect(countryOf(code)).toBe(CHINA);
      expect(cellOf(iso, { level: 'country' }, index)).toBe(CHINA);
      expect(cellOf(iso, { level: 'province' }, index)).toBe(code);
      expect(inRegion(iso, CHINA, index)).toBe(true);
      expect(inRegion(iso, iso.toUpperCase(), index)).toBe(false);
    }
    expect(presetsOf('HK', presets)).toEqual(['粤港澳大湾区']);
  });

  it('counts overseas by country and in the overseas presets, never on the China map', () => {
    expect(cellOf('us', { level: 'country' }, index)).toBe('US');
    expect(cellOf('US', { level: 'province' }, index)).toBeNull();
    expect(cellOf('US', { level: 'city', parent: '440000' }, index)).toBeNull();
    expect(presetsOf('JP', presets)).toEqual(['日韩']);
    expect(presetsOf('GR', presets)).toEqual(['欧美', '一带一路']);
    expect(presetsOf('SG', presets)).toEqual(['一带一路']);
    expect(BELT_AND_ROAD.codes).toHaveLength(65);
    expect(new Set(BELT_AND_ROAD.codes).size).toBe(65);
    expect(BELT_AND_ROAD.codes.some((code) => ['CN', 'HK', 'MO', 'TW'].includes(code))).toBe(false);
  });

  it('puts a record with no known place in "unknown" on the world view and nowhere else', () => {
    for (const place of [null, '', '  ', '广东', '4403']) {
      expect(cellOf(place, { level: 'country' }, index)).toBe(UNKNOWN);
      expect(cellOf(place, { level: 'province' }, index)).toBeNull();
      expect(presetsOf(place, presets)).toEqual([]);
      expect(inRegion(place, UNKNOWN, index)).toBe(true);
    }
  });

  it('takes the source region from the ultimate parent: a 深圳 subsidiary of a 上海 group comes from 上海', () => {
    const parents = new Map<number, number | null>([[1, null], [2, 1], [3, 2]]);
    expect(sourceRegionCode(3, parents, new Map([[1, '310115'], [2, '440305'], [3, '420600']]))).toBe('310115');
    expect(cellOf(sourceRegionCode(3, parents, new Map([[1, '310115'], [2, '440305'], [3, '420600']])), { level: 'province' }, index)).toBe('310000');
  });

  const places = fc.oneof(
    fc.constantFrom(...divisions.map((d) => d.code), '440399', '450000', 'HK', 'MO', 'TW', 'US', 'JP', 'GR', 'SG', 'de', null, '', '广东'),
  );
  const records = fc.array(fc.record({ place: places, hundredths: fc.integer({ min: 0, max: 1_000_000_00 }) }), { maxLength: 60 });
  const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
  const total = (rs: Placed[], keep: (r: Placed) => boolean) => sum(rs.filter(keep).map((r) => r.hundredths));

  it('adds up: the world\'s cells to the whole, China\'s provinces to China, a division\'s cells to the division', () => {
    fc.assert(
      fc.property(records, (rs) => {
        expect(sum(rollUp(rs, { level: 'country' }, index).values())).toBe(total(rs, () => true));
        const china = rollUp(rs, { level: 'country' }, index).get(CHINA) ?? 0;
        const provinces = rollUp(rs, { level: 'province' }, index);
        expect(sum(provinces.values())).toBe(china);
        for (const [province, value] of provinces) {
          expect(sum(rollUp(rs, { level: 'city', parent: province }, index).values())).toBe(value);
          expect(value).toBe(total(rs, (r) => inRegion(r.place, province, index)));
        }
        const cities = rollUp(rs, { level: 'city', parent: '440000' }, index);
        for (const [city, value] of cities) {
          if (city.startsWith('=')) continue;
          expect(sum(rollUp(rs, { level: 'county', parent: city }, index).values())).toBe(value);
        }
      }),
    );
  });

  it('adds up each preset exactly from the records in it (港澳台 never in an overseas preset)', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const totals = rollUpPresets(rs, presets);
        for (const preset of presets) expect(totals.get(preset.key)).toBe(total(rs, (r) => presetsOf(r.place, [preset]).length === 1));
        const views: MapView[] = [{ level: 'country' }, { level: 'province' }, { level: 'city', parent: '440000' }];
        for (const view of views) for (const r of rs) if (cellOf(r.place, view, index) !== null) expect(countryOf(r.place) === null || view.level === 'country' || countryOf(r.place) === CHINA).toBe(true);
        for (const r of rs) if (['HK', 'MO', 'TW'].includes(String(r.place))) expect(presetsOf(r.place, presets).some((k) => ['欧美', '日韩', '一带一路'].includes(k))).toBe(false);
      }),
    );
  });
});
