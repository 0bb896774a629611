import { describe, expect, it } from 'vitest';
import { classifyRow, detectColumns, findHeaderRow, sheetUnit, unitInLabel } from './ledger-columns.ts';

describe('ledger columns', () => {
  it('finds the columns by their many names, with the unit the header names', () => {
    const mapping = detectColumns([
      '序号',
      '项目名称',
      '签约企业',
      '统一社会信用代码',
      '投资方所在地',
      '投资额(万元)/总投资',
      '投资额(万元)/合同投资',
      '签约时间',
      '开工日期',
      '所属县(市、区)',
      '所属行业',
      '目前进度',
      '包联领导',
      '备注',
    ]);
    expect(Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v!.index]))).toEqual({
      serial: 0,
      name: 1,
      investorName: 2,
      creditCode: 3,
      sourceRegion: 4,
      totalInvestment: 5,
      contractInvestment: 6,
      signedOn: 7,
      startedOn: 8,
      unit: 9,
      industry: 10,
      progress: 11,
      leader: 12,
      note: 13,
    });
    expect(mapping.totalInvestment!.unit).toBe('万元');
  });

  it('reads other spellings', () => {
    const mapping = detectColumns(['项目名', '投资主体', '计划总投资(亿元)', '签约日期', '责任单位', '项目进展']);
    expect(mapping.name!.index).toBe(0);
    expect(mapping.investorName!.index).toBe(1);
    expect(mapping.totalInvestment).toEqual({ index: 2, unit: '亿元' });
    expect(mapping.unit!.index).toBe(4);
    expect(mapping.progress!.index).toBe(5);
    expect(detectColumns(['客商名称', '投资总额', '落地园区']).investorName!.index).toBe(0);
  });

  it('finds the header under title rows, and the sheet’s unit line', () => {
    const rows = [['襄城区2023年招商引资签约项目台账'], ['单位:万元', '', '填报日期:2023年12月31日'], ['序号', '项目名称', '总投资', '签约时间'], ['1', 'A项目', '5000', '2023.3.1']];
    expect(findHeaderRow(rows)).toBe(2);
    expect(sheetUnit(rows[1]!)).toBe('万元');
    expect(unitInLabel('总投资(亿元)')).toBe('亿元');
    expect(findHeaderRow([['只有标题'], ['']])).toBeUndefined();
  });

  it('tells projects from blank, section, total and note rows', () => {
    const mapping = detectColumns(['序号', '项目名称', '总投资']);
    expect(classifyRow(['1', '锂电池隔膜项目', '5000'], mapping)).toBe('data');
    expect(classifyRow(['', '', ''], mapping)).toBe('blank');
    expect(classifyRow(['一、工业项目', '', ''], mapping)).toBe('section');
    expect(classifyRow(['合计', '', '12000'], mapping)).toBe('total');
    expect(classifyRow(['', '小计', '3000'], mapping)).toBe('total');
    expect(classifyRow(['备注:金额为合同额', '', ''], mapping)).toBe('note');
    expect(classifyRow(['填报人:张三', '', ''], mapping)).toBe('note');
  });
});

describe('rows merged across the sheet', () => {
  it('reads a section title merged over every column as a section, not a project', () => {
    const mapping = detectColumns(['序号', '项目名称', '投资方', '总投资']);
    expect(classifyRow(['一、工业项目', '一、工业项目', '一、工业项目', '一、工业项目'], mapping)).toBe('section');
    expect(classifyRow(['重点推进项目', '重点推进项目', '重点推进项目', '重点推进项目'], mapping)).toBe('section');
    expect(classifyRow(['合计', '合计', '合计', '12000'], mapping)).toBe('total');
    expect(classifyRow(['1', '新能源项目', '某公司', '5000'], mapping)).toBe('data');
  });
});
