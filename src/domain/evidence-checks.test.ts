import { describe, expect, it } from 'vitest';
import { checkContract, checkCreditCode, checkPhoto, distanceKm, exifDate, normalizeContractNo } from './evidence-checks.ts';

const XIANGYANG = { lat: 32.009, lon: 112.122 };
const limits = { cityCentre: XIANGYANG, maxKm: 80, maxDaysBefore: 30 };

describe('a site photo against the claimed date and the city', () => {
  it('a photo taken days before the claim in the city passes', () => {
    const check = checkPhoto({ fileId: 1, takenOn: '2026-02-25', lat: 32.05, lon: 112.2 }, '2026-03-01', limits);
    expect(check).toMatchObject({ level: 'ok', daysBeforeClaim: 4, flags: [] });
    expect(check.km).toBeLessThan(10);
  });
  it('a 开工 photo taken long before the claimed date is flagged, with the days', () => {
    const check = checkPhoto({ fileId: 1, takenOn: '2025-06-01', lat: 32.0, lon: 112.1 }, '2026-03-01', limits);
    expect(check).toMatchObject({ level: 'warn', daysBeforeClaim: 273, flags: ['longBefore'] });
  });
  it('the day on the limit still passes, the day after does not', () => {
    expect(checkPhoto({ fileId: 1, takenOn: '2026-01-30', lat: 32, lon: 112.1 }, '2026-03-01', limits).flags).toEqual([]);
    expect(checkPhoto({ fileId: 1, takenOn: '2026-01-29', lat: 32, lon: 112.1 }, '2026-03-01', limits).flags).toEqual(['longBefore']);
  });
  it('a photo taken far from the city (Shenzhen) is flagged with its distance', () => {
    const check = checkPhoto({ fileId: 1, takenOn: '2026-03-01', lat: 22.543, lon: 114.058 }, '2026-03-01', limits);
    expect(check.flags).toEqual(['farFromCity']);
    expect(check.level).toBe('warn');
    expect(check.km).toBeGreaterThan(1000);
  });
  it('a photo without EXIF is unverifiable, not false; without a city centre the place is not judged', () => {
    expect(checkPhoto({ fileId: 1, takenOn: null, lat: null, lon: null }, '2026-03-01', limits)).toMatchObject({ level: 'missing', flags: ['noDate', 'noPlace'] });
    expect(checkPhoto({ fileId: 1, takenOn: '2026-03-01', lat: null, lon: null }, '2026-03-01', limits)).toMatchObject({ level: 'ok', flags: ['noPlace'] });
    expect(checkPhoto({ fileId: 1, takenOn: '2026-03-01', lat: 22.5, lon: 114 }, '2026-03-01', { ...limits, cityCentre: null })).toMatchObject({ level: 'ok', km: null, flags: [] });
  });
  it('distance: Xiangyang to Wuhan is about 260 km', () => {
    expect(Math.round(distanceKm(XIANGYANG, { lat: 30.593, lon: 114.305 }) / 10)).toBe(26);
  });
  it('reads EXIF dates and refuses malformed ones', () => {
    expect(exifDate('2026:03:01 09:30:00')).toBe('2026-03-01');
    expect(exifDate('2026:02:30 09:30:00')).toBeNull();
    expect(exifDate('    ')).toBeNull();
    expect(exifDate(undefined)).toBeNull();
  });
});

describe('the contract number and the credit code', () => {
  it('contract numbers compare without case, blanks or dashes', () => {
    expect(normalizeContractNo(' xy-2026 001 ')).toBe(normalizeContractNo('XY2026—001'));
    expect(normalizeContractNo('XY-2026-001')).not.toBe(normalizeContractNo('XY-2026-002'));
  });
  it('a number another project also claims is flagged', () => {
    expect(checkContract('XY-1', 0)).toEqual({ level: 'ok', contractNo: 'XY-1', otherProjects: 0 });
    expect(checkContract('XY-1', 2)).toMatchObject({ level: 'warn', otherProjects: 2 });
    expect(checkContract('  ', 0).level).toBe('missing');
  });
  it('the credit code’s check character, and its match to the investor', () => {
    expect(checkCreditCode('914403001922038216', '914403001922038216')).toMatchObject({ level: 'ok', invalid: null, investorMatch: 'same' });
    expect(checkCreditCode('91440300 1922038216', null)).toMatchObject({ level: 'ok', investorMatch: 'unknown' });
    expect(checkCreditCode('914403001922038217', null)).toMatchObject({ level: 'warn', invalid: 'checkDigit' });
    expect(checkCreditCode('914403001922038216', '91350900587527783P')).toMatchObject({ level: 'warn', invalid: null, investorMatch: 'different' });
    expect(checkCreditCode(null, '91350900587527783P').level).toBe('missing');
  });
});
