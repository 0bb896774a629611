import { describe, expect, it } from 'vitest';
import { describeProblem, readSheet } from './ledger-rows.ts';

const messy: string[][] = [
  ['襄城区2023年招商引资签约项目台账'],
  ['单位:万元', '', '', '', '', '', '填报日期:2024年1月5日'],
  ['序号', '项目名称', '签约企业', '统一社会信用代码', '投资额(万元)', '', '签约时间', '开工时间', '所属县(市、区)', '目前进度'],
  ['', '', '', '', '总投资', '合同投资', '', '', '', ''],
  ['一、工业项目', '', '', '', '', '', '', '', '', ''],
  ['1', '年产5万吨磷酸铁锂项目', '东风鸿泰控股集团有限公司', '91350900587527783P', '5亿', '45000', '2023.3.1', '2023年5月', '襄城', '已开工'],
  ['2', '储能电池模组项目', '宁德时代', '', '3.2亿元', '', '3月15日', '', '襄城区', '签约未开工'],
  ['', '', '', '', '', '', '', '', '', ''],
  ['3', '坏数据项目', '某公司', '91350900587527783Q', '约五千', '', '2023.13.1', '', '襄城区', '还行吧'],
  ['小计', '', '', '', '85000', '', '', '', '', ''],
  ['合计', '', '', '', '85000', '', '', '', '', ''],
  ['备注:金额为合同约定投资额', '', '', '', '', '', '', '', '', ''],
];

// The sheet is read inside each test, not once in the describe body: code run while tests are collected is never
// mutated by Stryker (its mutant is switched on in a beforeAll), so the survivors of the first full run here were
// mutants no test could see (docs/testing.md, "Mutation testing").
function read() {
  const result = readSheet(messy);
  if (!result.ok) throw new Error('no header');
  return result;
}

describe('reading a messy ledger sheet', () => {

  it('finds the two-row header under the titles, the sheet’s unit and the title’s year', () => {
    const result = read();
    expect(result.headerRow).toBe(2);
    expect(result.unit).toBe('万元');
    expect(result.titleYear).toBe(2023);
    expect(result.mapping.totalInvestment!.index).toBe(4);
    expect(result.mapping.contractInvestment!.index).toBe(5);
  });

  it('reads the projects with their values, and skips sections, totals and notes', () => {
    const result = read();
    expect(result.records.map((r) => r.rowNumber)).toEqual([6, 7, 9]);
    expect(result.records[0]).toMatchObject({
      name: '年产5万吨磷酸铁锂项目',
      investorName: '东风鸿泰控股集团有限公司',
      creditCode: '91350900587527783P',
      totalInvestmentYuan: 500_000_000,
      contractInvestmentYuan: 450_000_000,
      signedOn: '2023-03-01',
      startedOn: '2023-05-01',
      monthOnly: ['startedOn'],
      unitName: '襄城',
      stage: 'started',
    });
    expect(result.records[1]).toMatchObject({ totalInvestmentYuan: 320_000_000, signedOn: '2023-03-15', stage: 'signed', creditCode: null });
    expect(result.skipped.filter((r) => r.kind !== 'title').map((r) => r.rowNumber)).toEqual([5, 10, 11, 12]);
    expect(result.skipped.filter((r) => r.kind === 'title').length).toBeGreaterThan(0);
    expect(result.skipped.filter((r) => r.kind !== 'title')).toEqual([
      { rowNumber: 5, kind: 'section' },
      { rowNumber: 10, kind: 'total' },
      { rowNumber: 11, kind: 'total' },
      { rowNumber: 12, kind: 'note' },
    ]);
  });

  it('names every problem of a bad row in the words the issue asks for', () => {
    const result = read();
    expect(result.problems.map(describeProblem)).toEqual([
      "第9行 统一社会信用代码：'91350900587527783Q' 不是有效的统一社会信用代码",
      "第9行 总投资：'约五千' 不是有效金额",
      "第9行 签约时间：'2023.13.1' 不是有效日期",
      "第9行 项目进展：'还行吧' 无法识别项目进展",
    ]);
  });

  it('says so when a sheet has no header it can find', () => {
    expect(readSheet([['随便写的'], ['一些字']])).toEqual({ ok: false, problem: 'noHeader' });
  });
});
