import { describe, expect, it } from 'vitest';
import { foreignCurrencyIn, sheetCurrency, sheetUnit, unitInLabel } from './ledger-columns.ts';
import { parseAmount } from './ledger-values.ts';
import { describeProblem, readSheet } from './ledger-rows.ts';

/** Issue 12: the unit an amount is read in, wherever the ledger writes it, and never a foreign currency as 元. */
describe('ledger amount units', () => {
  it('takes the header\'s unit, and none from a foreign currency ("万美元" ends in 元 too)', () => {
    expect(unitInLabel('计划总投资(亿元)')).toBe('亿元');
    expect(unitInLabel('计划总投资（亿元）')).toBe('亿元');
    expect(unitInLabel('总投资(万美元)')).toBeUndefined();
    expect(foreignCurrencyIn('总投资(万美元)')).toBe('万美元');
    expect(foreignCurrencyIn('合同外资(USD)')).toBe('USD');
    expect(foreignCurrencyIn('总投资(亿元)')).toBeUndefined();
  });

  it('reads the unit a title or a line above the header names, and a foreign one as such', () => {
    expect(sheetUnit(['甲县2026年招商引资签约项目台账（单位：亿元）'])).toBe('亿元');
    expect(sheetUnit(['', '金额单位:亿元'])).toBe('亿元');
    expect(sheetUnit(['单位:万美元'])).toBeUndefined();
    expect(sheetCurrency(['单位:万美元'])).toBe('万美元');
    expect(sheetCurrency(['单位:万元'])).toBeUndefined();
  });

  it('reads a unit written in a note under the table when none is above it', () => {
    const read = readSheet([['项目名称', '投资主体', '总投资'], ['储能电站项目', '某公司', '1.5'], ['注:金额单位为亿元']]);
    expect(read.ok && read.records[0]!.totalInvestmentYuan).toBe(150_000_000);
    expect(read.ok && read.amountUnits[0]).toMatchObject({ unit: '亿元', source: 'sheet' });
    // A 填报单位 line names who filled the sheet in, not a unit.
    expect(sheetUnit(['填报单位:襄城区招商服务中心'])).toBeUndefined();
  });

  it('refuses a cell in a foreign currency instead of reading its number', () => {
    expect(parseAmount('500万美元')).toEqual({ ok: false, problem: 'foreignCurrency' });
    expect(parseAmount('US$500')).toEqual({ ok: false, problem: 'foreignCurrency' });
    expect(parseAmount('500万')).toEqual({ ok: true, value: 5_000_000 });
  });

  it('keeps the header\'s unit when the mapping is given without one, and says where each column\'s unit came from', () => {
    const rows = [
      ['序号', '名称', '投资单位', '计划总投资(亿元)', '合同额'],
      ['1', '智能装备产业园', '某公司', '25', '20'],
    ];
    const read = readSheet(rows, { mapping: { name: { index: 1 }, investorName: { index: 2 }, totalInvestment: { index: 3 }, contractInvestment: { index: 4 } } });
    expect(read.ok && read.records[0]).toMatchObject({ totalInvestmentYuan: 2_500_000_000, contractInvestmentYuan: 200_000 });
    expect(read.ok && read.amountUnits).toEqual([
      { field: 'totalInvestment', index: 3, label: '计划总投资(亿元)', unit: '亿元', source: 'header', currency: null },
      { field: 'contractInvestment', index: 4, label: '合同额', unit: '万元', source: 'assumed', currency: null },
    ]);
    // A unit set by hand wins over the header's.
    const set = readSheet(rows, { mapping: { name: { index: 1 }, totalInvestment: { index: 3, unit: '万元' } } });
    expect(set.ok && set.records[0]!.totalInvestmentYuan).toBe(250_000);
  });

  it('refuses the amounts of a column in 万美元, by row and field, and names the sheet on a workbook of several', () => {
    const read = readSheet([['项目名称', '投资主体', '总投资(万美元)'], ['外资项目', '某公司', '3000']], { sheet: '外资项目' });
    expect(read.ok && read.records[0]!.totalInvestmentYuan).toBeNull();
    expect(read.ok && read.problems.map(describeProblem)).toEqual([
      "工作表“外资项目”第2行 总投资：'3000' 是外币金额（表头、单位行或单元格注明了美元、港元等）：系统金额以人民币计，请换算为人民币（万元）后导入，或在列对应中不导入此列",
    ]);
    const line = readSheet([['台账'], ['单位:万美元'], ['项目名称', '投资主体', '总投资'], ['外资项目', '某公司', '3000']]);
    expect(line.ok && line.amountUnits[0]!.currency).toBe('万美元');
    expect(line.ok && line.problems.map((p) => p.code)).toEqual(['amount.foreignCurrency']);
  });
});
