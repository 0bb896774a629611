import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  capitalColumnOf,
  capitalText,
  EMPTY_LIBRARY_FACTS,
  factEffect,
  LIST_FACT_FIELDS,
  readCapital,
  readFoundedOn,
  readListing,
  readRowFacts,
  regionShortNames,
  regionTextReader,
  type LibraryFacts,
  type ListFacts,
  type RegionRef,
} from './enterprise-list-facts.ts';

const { rows } = JSON.parse(readFileSync(new URL('../../data/regions.json', import.meta.url), 'utf8')) as { rows: [string, string, number, string | null][] };
const regions: RegionRef[] = rows.map(([code, name, , parentCode]) => ({ code, name, parentCode }));

describe('the facts of an enterprise list, read or refused', () => {
  it('reads registered capital to whole 元 in the column unit, refusing foreign currency and sub-元 digits', () => {
    const plain = capitalColumnOf('注册资本');
    const cases: [string, string, ReturnType<typeof readCapital>][] = [
      ['注册资本', '5000万元', { ok: true, value: 50_000_000 }],
      ['注册资本', '5,000', { ok: true, value: 50_000_000 }],
      ['注册资本', '1.2亿元', { ok: true, value: 120_000_000 }],
      ['注册资本', '5000万人民币', { ok: true, value: 50_000_000 }],
      ['注册资本', '１２３４．５６７８', { ok: true, value: 12_345_678 }],
      ['注册资本(万元)', '6000', { ok: true, value: 60_000_000 }],
      ['注册资本（元）', '6000', { ok: true, value: 6_000 }],
      ['注册资本(亿元)', '1.5', { ok: true, value: 150_000_000 }],
      ['注册资本', '500万美元', { ok: false, problem: 'foreignCurrency' }],
      ['注册资本(万美元)', '500', { ok: false, problem: 'foreignCurrency' }],
      ['注册资本', '0.00001', { ok: false, problem: 'tooPrecise' }],
      ['注册资本', '约五千万', { ok: false, problem: 'notAnAmount' }],
      ['注册资本', '-5', { ok: false, problem: 'notAnAmount' }],
    ];
    for (const [label, text, expected] of cases) expect([label, text, readCapital(text, capitalColumnOf(label))]).toEqual([label, text, expected]);
    expect(plain).toEqual({ unit: '万元', currency: null });
  });

  it('reads founding dates as written and as Excel serials; a month alone or a non-date is refused', () => {
    const cases: [string, ReturnType<typeof readFoundedOn>][] = [
      ['2019-03-05', { ok: true, value: '2019-03-05' }],
      ['2019/3/5', { ok: true, value: '2019-03-05' }],
      ['2019.3.5', { ok: true, value: '2019-03-05' }],
      ['2019年3月5日', { ok: true, value: '2019-03-05' }],
      ['20190305', { ok: true, value: '2019-03-05' }],
      ['43529', { ok: true, value: '2019-03-05' }],
      ['2019年3月', { ok: false, problem: 'monthOnly' }],
      ['2019-02-30', { ok: false, problem: 'notADate' }],
      ['去年', { ok: false, problem: 'notADate' }],
    ];
    for (const [text, expected] of cases) expect([text, readFoundedOn(text)]).toEqual([text, expected]);
  });

  it('reads listings into exchange and ticker, 未上市 as not listed, and refuses what names no exchange', () => {
    const cases: [string, ReturnType<typeof readListing>][] = [
      ['688001.SH', { ok: true, value: { exchange: 'SSE', ticker: '688001' } }],
      ['300750.SZ', { ok: true, value: { exchange: 'SZSE', ticker: '300750' } }],
      ['深交所 300750', { ok: true, value: { exchange: 'SZSE', ticker: '300750' } }],
      ['300750（深交所）', { ok: true, value: { exchange: 'SZSE', ticker: '300750' } }],
      ['SZ300750', { ok: true, value: { exchange: 'SZSE', ticker: '300750' } }],
      ['上交所600519', { ok: true, value: { exchange: 'SSE', ticker: '600519' } }],
      ['600519', { ok: true, value: { exchange: 'SSE', ticker: '600519' } }],
      ['830799.BJ', { ok: true, value: { exchange: 'BSE', ticker: '830799' } }],
      ['700.HK', { ok: true, value: { exchange: 'HKEX', ticker: '00700' } }],
      ['港交所 00700', { ok: true, value: { exchange: 'HKEX', ticker: '00700' } }],
      ['NASDAQ: PDD', { ok: true, value: { exchange: 'NASDAQ', ticker: 'PDD' } }],
      ['未上市', { ok: true, value: 'notListed' }],
      ['否', { ok: true, value: 'notListed' }],
      ['已上市', { ok: false, problem: 'notAListing' }],
      ['900901', { ok: false, problem: 'notAListing' }],
      ['688001.XX', { ok: false, problem: 'notAListing' }],
    ];
    for (const [text, expected] of cases) expect([text, readListing(text)]).toEqual([text, expected]);
  });

  it('finds the region a place names, the outer one when they nest, and refuses the ambiguous and the unknown', () => {
    const read = regionTextReader(regions);
    const cases: [string, ReturnType<typeof read>][] = [
      ['湖北省襄阳市', { ok: true, value: '420600' }],
      ['襄阳', { ok: true, value: '420600' }],
      ['襄阳市', { ok: true, value: '420600' }],
      ['广东 深圳', { ok: true, value: '440300' }],
      ['广东省深圳市南山区', { ok: true, value: '440305' }],
      ['湖北樊城区', { ok: true, value: '420606' }],
      ['北京市朝阳区', { ok: true, value: '110105' }],
      ['北京', { ok: true, value: '110000' }],
      ['广西', { ok: true, value: '450000' }],
      ['恩施', { ok: true, value: '422800' }],
      ['中国香港', { ok: true, value: '810000' }],
      ['420600', { ok: true, value: '420600' }],
      // 吉林省 holds 吉林市: the province, which is true of both.
      ['吉林', { ok: true, value: '220000' }],
      ['朝阳', { ok: false, problem: 'ambiguousRegion' }],
      // A foreign HQ (issue 15): the country's ISO code; a place that is neither is refused.
      ['美国', { ok: true, value: 'US' }],
      ['火星基地', { ok: false, problem: 'unknownRegion' }],
      ['999999', { ok: false, problem: 'unknownRegion' }],
      ['湖北省深圳市', { ok: false, problem: 'unknownRegion' }],
    ];
    for (const [text, expected] of cases) expect([text, read(text)]).toEqual([text, expected]);
  });

  it('writes a region short the way people do', () => {
    expect(regionShortNames('恩施土家族苗族自治州')).toEqual(['恩施土家族苗族自治州', '恩施']);
    expect(regionShortNames('新疆维吾尔自治区')).toEqual(['新疆维吾尔自治区', '新疆']);
    expect(regionShortNames('内蒙古自治区')).toEqual(['内蒙古自治区', '内蒙古']);
    expect(regionShortNames('长白朝鲜族自治县')).toEqual(['长白朝鲜族自治县', '长白']);
    expect(regionShortNames('东区')).toEqual(['东区']);
  });
});

describe("a list's facts against the library", () => {
  // Built inside each test (a function, not a value of the describe body): code run while tests are collected is
  // never mutated by Stryker (docs/testing.md, "Mutation testing").
  const readers = () => ({ capital: capitalColumnOf('注册资本(万元)'), region: regionTextReader(regions), industry: (text: string) => (text === '锂离子电池制造' ? { ok: true as const, value: '3841' } : { ok: false as const, problem: 'unknownIndustry' as const }) });

  it('reads every fact of a row, refusing only the field it cannot read', () => {
    expect(readRowFacts({ region: '湖北 襄阳', industry: '锂离子电池制造', capital: '6000', founded: '2019/3/5', listing: '300750.SZ' }, readers())).toEqual({
      facts: { region: '420600', industry: '3841', capital: 60_000_000, founded: '2019-03-05', listing: { exchange: 'SZSE', ticker: '300750' } },
      refusals: [],
    });
    expect(readRowFacts({ region: '朝阳', industry: '新能源', capital: '500万美元', founded: null, listing: '未上市' }, readers())).toEqual({
      facts: { listing: 'notListed' },
      refusals: [
        { field: 'region', text: '朝阳', problem: 'ambiguousRegion' },
        { field: 'industry', text: '新能源', problem: 'unknownIndustry' },
        { field: 'capital', text: '500万美元', problem: 'foreignCurrency' },
      ],
    });
  });

  it('fills what is empty, keeps what agrees or is more precise, and reports a different value without overwriting', () => {
    const facts: ListFacts = { region: '420000', industry: '38', capital: 60_000_000, founded: '2019-03-05', listing: { exchange: 'SZSE', ticker: '300750' } };
    const effects = (library: LibraryFacts) => LIST_FACT_FIELDS.map((f) => factEffect(f, facts, library));
    expect(effects(EMPTY_LIBRARY_FACTS)).toEqual(['write', 'write', 'write', 'write', 'write']);
    expect(effects({ hqRegionCode: '420606', industryCodes: ['3841'], registeredCapitalYuan: 60_000_000, foundedOn: '2019-03-05', listingExchange: 'SZSE', listingTicker: '300750' })).toEqual(['same', 'same', 'same', 'same', 'same']);
    expect(effects({ hqRegionCode: '440300', industryCodes: ['2710'], registeredCapitalYuan: 50_000_000, foundedOn: '2018-01-01', listingExchange: 'SSE', listingTicker: '600519' })).toEqual(['differ', 'differ', 'differ', 'differ', 'differ']);
    expect(factEffect('listing', { listing: 'notListed' }, EMPTY_LIBRARY_FACTS)).toBe('same');
    expect(factEffect('listing', { listing: 'notListed' }, { ...EMPTY_LIBRARY_FACTS, listingExchange: 'SSE', listingTicker: '600519' })).toBe('differ');
    expect(factEffect('capital', {}, EMPTY_LIBRARY_FACTS)).toBeNull();
  });

  it('writes capital in 万元 exactly', () => {
    expect(capitalText(50_000_000)).toBe('5,000万元');
    expect(capitalText(12_345_678)).toBe('1,234.5678万元');
  });
});
