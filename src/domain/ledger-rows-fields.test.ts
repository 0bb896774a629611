import { describe, expect, it } from 'vitest';
import { readSheet } from './ledger-rows.ts';

/**
 * Every column of a ledger row read into its field, and an empty cell read as nothing (issue 4). Written for the
 * survivors of the first full mutation run (issue 20, docs/testing.md): `cell('note') || null` as `&& null`, the
 * system id's pattern without ^ or $, the date order checked when one of the two dates is missing, the sheet's name
 * on each record only when given, blank title rows.
 */
const HEADER = ['系统编号', '项目编号', '项目名称', '投资方', '统一社会信用代码', '客商来源', '总投资', '合同投资', '签约时间', '注册时间', '开工时间', '投产时间', '入库时间', '所属县市区', '产业类别', '本市产业', '项目进展', '包联领导', '备注'];
const blankRow = () => HEADER.map(() => '');
const row = (cells: Partial<Record<(typeof HEADER)[number], string>>) => HEADER.map((label) => cells[label] ?? '');

const sheet: string[][] = [
  ['2024年招商项目台账'],
  ['  ', ''],
  ['单位:万元'],
  HEADER,
  ['12', 'XM-001', '年产10万套零部件项目', '襄阳甲科技有限公司', '91350900587527783P', '深圳', '1.5亿', '12000', '2024.3.1', '2024.3.5', '2024.4.1', '2024.9.30', '2024.10.8', '襄州区', '汽车', '新能源汽车', '已投产', '张三', '重点项目'],
  row({ 项目名称: '只有名称和签约时间的项目', 签约时间: '2024.6.1' }),
  row({ 系统编号: 'A12', 项目名称: '系统编号写错的项目', 签约时间: '2024.5.1', 开工时间: '2024.4.30', 投产时间: '2024.4.29' }),
  row({ 系统编号: '1234567890', 项目名称: '系统编号太长的项目' }),
  blankRow(),
];

const read = (options: Parameters<typeof readSheet>[1] = {}) => {
  const result = readSheet(sheet, options);
  if (!result.ok) throw new Error('no header');
  return result;
};

describe('a ledger row read field by field (issue 4)', () => {
  it('reads every column into its field', () => {
    expect(read().records[0]).toStrictEqual({
      rowNumber: 5,
      systemId: 12,
      code: 'XM-001',
      name: '年产10万套零部件项目',
      investorName: '襄阳甲科技有限公司',
      creditCode: '91350900587527783P',
      sourceRegion: '深圳',
      totalInvestmentYuan: 150_000_000,
      contractInvestmentYuan: 120_000_000,
      signedOn: '2024-03-01',
      registeredOn: '2024-03-05',
      startedOn: '2024-04-01',
      producingOn: '2024-09-30',
      inStatsOn: '2024-10-08',
      monthOnly: [],
      unitName: '襄州区',
      industry: '汽车',
      localIndustry: '新能源汽车',
      stage: 'producing',
      leader: '张三',
      note: '重点项目',
    });
  });

  it('reads an empty cell as nothing, and checks the date order only where both dates are written', () => {
    const result = read();
    expect(result.records[1]).toStrictEqual({
      rowNumber: 6,
      systemId: null,
      code: null,
      name: '只有名称和签约时间的项目',
      investorName: null,
      creditCode: null,
      sourceRegion: null,
      totalInvestmentYuan: null,
      contractInvestmentYuan: null,
      signedOn: '2024-06-01',
      registeredOn: null,
      startedOn: null,
      producingOn: null,
      inStatsOn: null,
      monthOnly: [],
      unitName: null,
      industry: null,
      localIndustry: null,
      stage: null,
      leader: null,
      note: null,
    });
    expect(result.problems.filter((p) => p.rowNumber === 6)).toEqual([]);
  });

  it('refuses a system id that is not 1 to 9 digits, and a start or production before the signing or start', () => {
    const result = read();
    expect(result.records.map((r) => r.systemId)).toEqual([12, null, null, null]);
    expect(result.problems.map(({ rowNumber, field, code, raw }) => ({ rowNumber, field, code, raw }))).toEqual([
      { rowNumber: 7, field: 'systemId', code: 'systemId.invalid', raw: 'A12' },
      { rowNumber: 7, field: 'startedOn', code: 'date.beforeSigning', raw: '2024.4.30' },
      { rowNumber: 7, field: 'producingOn', code: 'date.beforeStart', raw: '2024.4.29' },
      { rowNumber: 8, field: 'systemId', code: 'systemId.invalid', raw: '1234567890' },
    ]);
  });

  it('skips the written title rows, not the blank ones, and names the sheet on each record and problem only when given', () => {
    const result = read();
    expect(result.skipped).toEqual([
      { rowNumber: 1, kind: 'title' },
      { rowNumber: 3, kind: 'title' },
    ]);
    expect(result.titleYear).toBe(2024);
    expect(result.records.every((r) => !('sheet' in r))).toBe(true);
    expect(result.problems.every((p) => p.sheet === undefined)).toBe(true);
    const named = read({ sheet: '二季度', year: 2023 });
    expect(named.records.map((r) => r.sheet)).toEqual(['二季度', '二季度', '二季度', '二季度']);
    expect(named.problems.map((p) => p.sheet)).toEqual(['二季度', '二季度', '二季度', '二季度']);
    expect(named.titleYear).toBe(2023);
  });
});
