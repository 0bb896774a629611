import { describe, expect, it } from 'vitest';
import { countryFromText, countryName, FOREIGN_COUNTRY_CODES, hqKind, isForeignCountry } from './countries.ts';
import { regionTextReader } from './enterprise-list-facts.ts';

describe('foreign countries of an HQ (issue 15)', () => {
  it('holds the ISO 3166-1 countries less China, Hong Kong, Macao and Taiwan', () => {
    expect(FOREIGN_COUNTRY_CODES).toHaveLength(245);
    for (const code of ['DE', 'JP', 'KR', 'SG', 'US', 'GB', 'VN']) expect(isForeignCountry(code)).toBe(true);
    for (const code of ['CN', 'HK', 'MO', 'TW', 'XX', 'de', 'EU', '420600', null]) expect(isForeignCountry(code)).toBe(false);
    expect(hqKind('420600')).toBe('division');
    expect(hqKind('DE')).toBe('country');
    expect(hqKind('TW')).toBeNull();
    expect(countryName('DE')).toEqual({ zh: '德国', en: 'Germany' });
    expect(countryName('HK')).toBeNull();
  });

  it('reads a country as lists write it, with the city after it', () => {
    expect(countryFromText('德国')).toEqual({ code: 'DE', city: null });
    expect(countryFromText('日本')).toEqual({ code: 'JP', city: null });
    expect(countryFromText('美国')).toEqual({ code: 'US', city: null });
    expect(countryFromText('Germany')).toEqual({ code: 'DE', city: null });
    expect(countryFromText(' united states ')).toEqual({ code: 'US', city: null });
    expect(countryFromText('USA')).toEqual({ code: 'US', city: null });
    expect(countryFromText('sg')).toEqual({ code: 'SG', city: null });
    expect(countryFromText('大韩民国')).toEqual({ code: 'KR', city: null });
    expect(countryFromText('德国慕尼黑')).toEqual({ code: 'DE', city: '慕尼黑' });
    expect(countryFromText('日本·大阪')).toEqual({ code: 'JP', city: '大阪' });
    expect(countryFromText('印度尼西亚雅加达')).toEqual({ code: 'ID', city: '雅加达' });
    expect(countryFromText('Munich, Germany')).toEqual({ code: 'DE', city: 'Munich' });
    for (const text of ['香港', '台湾', 'HK', 'TW', 'CN', '中国', '襄阳', '火星', '']) expect(countryFromText(text), text).toBeNull();
  });

  it('lets the list reader take a country where no region of China fits, and keeps 香港 in China', () => {
    const read = regionTextReader([
      { code: '420000', name: '湖北省', parentCode: null },
      { code: '420600', name: '襄阳市', parentCode: '420000' },
      { code: '810000', name: '香港特别行政区', parentCode: null },
    ]);
    expect(read('德国')).toEqual({ ok: true, value: 'DE' });
    expect(read('Japan')).toEqual({ ok: true, value: 'JP' });
    expect(read('新加坡')).toEqual({ ok: true, value: 'SG' });
    expect(read('中国湖北襄阳')).toEqual({ ok: true, value: '420600' });
    expect(read('香港')).toEqual({ ok: true, value: '810000' });
    expect(read('HK')).toEqual({ ok: false, problem: 'unknownRegion' });
    expect(read('火星')).toEqual({ ok: false, problem: 'unknownRegion' });
  });
});
