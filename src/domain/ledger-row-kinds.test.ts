import { describe, expect, it } from 'vitest';
import { classifyRow, detectColumns, findHeaderRow, normalizeLabel } from './ledger-columns.ts';

/**
 * What a row under a ledger's header is, and which row is the header (issue 4). Written for the survivors of the
 * first full mutation run (issue 20, docs/testing.md): the total, note and section patterns without their anchors,
 * a merged row, a row without a project name, a header naming the project and nothing else.
 */
const mapping = detectColumns(['序号', '项目名称', '总投资', '备注']);

describe('a ledger row’s kind', () => {
  it('tells totals by their first word or a cell of their own, not by a word inside a name', () => {
    expect(classifyRow(['', '合计', '85000', ''], mapping)).toBe('total');
    expect(classifyRow(['小计：', '', '85000', ''], mapping)).toBe('total');
    expect(classifyRow(['累计完成', '', '', ''], mapping)).toBe('total');
    expect(classifyRow(['3', '合计小计厂房项目', '1000', ''], mapping)).toBe('data');
    expect(classifyRow(['4', '项目合计', '1000', ''], mapping)).toBe('data');
    expect(classifyRow(['合计：5个项目', '', '1000', ''], mapping)).toBe('total');
    expect(classifyRow(['6', '项目', '1000', '合计：'], mapping)).toBe('total');
    expect(classifyRow(['7', '项目', '1000', '合计x'], mapping)).toBe('data');
  });

  it('tells notes by their first cell’s opening word', () => {
    expect(classifyRow(['备注：金额为合同额', '', '', ''], mapping)).toBe('note');
    expect(classifyRow(['说明：以上为签约项目', '', '', ''], mapping)).toBe('note');
    expect(classifyRow(['8', '说明书印刷项目', '1000', ''], mapping)).toBe('data');
    expect(classifyRow(['9', '填报人项目', '1000', ''], mapping)).toBe('data');
    expect(classifyRow(['说明文字', '项目', '1000', ''], mapping)).toBe('data');
  });

  it('tells sections by their numbering, a merged cell or a lone cell without a project name', () => {
    expect(classifyRow(['一、工业项目', '', '', ''], mapping)).toBe('section');
    expect(classifyRow(['十二、服务业', '（5个）', '', ''], mapping)).toBe('section');
    expect(classifyRow(['二、工业项目', '项目', '1000', ''], mapping)).toBe('data');
    expect(classifyRow(['1', '一、二期厂房项目', '1000', ''], mapping)).toBe('data');
    expect(classifyRow(['工业项目', '工业项目', '工业项目', '工业项目'], mapping)).toBe('section');
    expect(classifyRow(['', '', '', '重点项目'], mapping)).toBe('section');
    expect(classifyRow(['10', '', '1000', ''], mapping)).toBe('data');
    expect(classifyRow(['', '某项目', '', ''], mapping)).toBe('data');
    expect(classifyRow(['', '', '', ''], mapping)).toBe('blank');
    expect(classifyRow(['11', '项目', '1000', ''], {})).toBe('data');
    expect(classifyRow(['孤零零一格'], {})).toBe('section');
  });
});

describe('a ledger’s header', () => {
  it('is the first row naming the project column and another known one', () => {
    expect(findHeaderRow([['项目名称'], ['项目名称', '总投资']])).toBe(1);
    expect(findHeaderRow([['总投资', '签约时间'], ['序号', '项目名称']])).toBe(1);
    expect(findHeaderRow([['项目名称']])).toBeUndefined();
  });

  it('takes a column’s own name from "parent/child", and the project name only from its own label', () => {
    expect(detectColumns(['投资额/总投资', '投资额/合同投资'])).toEqual({ totalInvestment: { index: 0, unit: undefined }, contractInvestment: { index: 1, unit: undefined } });
    expect(detectColumns(['投资额(亿元)/总投资']).totalInvestment).toEqual({ index: 0, unit: '亿元' });
    expect(detectColumns(['项目名称/备注'])).toEqual({ note: { index: 0, unit: undefined } });
    expect(detectColumns(['', '项目名称']).name).toEqual({ index: 1, unit: undefined });
  });

  it('reads labels in half-width without any space', () => {
    expect(normalizeLabel(' 总\u3000投 资（万元） ')).toBe('总投资(万元)');
  });
});
