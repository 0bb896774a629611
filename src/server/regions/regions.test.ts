import { describe, expect, it } from 'vitest';
import { findRegion, listRegions, regionName } from './regions.service.ts';

describe('regions (GB/T 2260 reference data)', () => {
  it('names a region with its province and city', () => {
    expect(regionName('420602')).toBe('湖北省襄阳市襄城区');
    expect(regionName('440307')).toBe('广东省深圳市龙岗区');
    expect(regionName('110101')).toBe('北京市东城区');
    expect(regionName(null)).toBeNull();
  });

  it('keeps cities without counties once, as cities', () => {
    expect(findRegion('441900')).toMatchObject({ name: '东莞市', level: 2, parentCode: '440000' });
    expect(regionName('441900')).toBe('广东省东莞市');
  });

  it('every parent link leads to a known region of a higher level', () => {
    for (const province of listRegions({})) {
      expect(province.level).toBe(1);
      for (const city of listRegions({ parentCode: province.code })) {
        expect(city.level).toBeGreaterThan(1);
        for (const county of listRegions({ parentCode: city.code })) expect(county.level).toBe(3);
      }
    }
    expect(listRegions({}).length).toBeGreaterThanOrEqual(31);
  });

  it('searches by name', () => {
    expect(listRegions({ q: '襄城' }).map((r) => r.code)).toContain('420602');
  });
});
