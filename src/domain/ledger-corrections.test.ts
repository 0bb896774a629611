import { describe, expect, it } from 'vitest';
import { applyCorrections, mergeCorrections, type CellCorrection } from './ledger-corrections.ts';
import { readSheet } from './ledger-rows.ts';

const ROWS = [
  ['序号', '项目名称', '投资方', '总投资（万元）', '签约时间'],
  ['1', '电池项目', '甲公司', '5000', '2025.13.1'],
  ['2', '物流项目', '乙公司', '800', '2025-04-01'],
];

describe('fixing a refused row in the preview (issue 16)', () => {
  it('writes the new text into the cell the mapping reads, and the row then reads as if the file said so', () => {
    const before = readSheet(ROWS);
    if (!before.ok) throw new Error('no header');
    expect(before.problems.map((p) => [p.rowNumber, p.field, p.code])).toEqual([[2, 'signedOn', 'date.notADate']]);
    const fix: CellCorrection = { sheet: 'Sheet1', rowNumber: 2, field: 'signedOn', value: '2025-03-01' };
    const { rows, unapplied } = applyCorrections(ROWS, 'Sheet1', before.mapping, [fix]);
    expect(unapplied).toEqual([]);
    expect(rows[1]).toEqual(['1', '电池项目', '甲公司', '5000', '2025-03-01']);
    expect(ROWS[1]![4]).toBe('2025.13.1'); // the upload itself is untouched
    expect(rows[2]).toBe(ROWS[2]); // rows not corrected are the same arrays
    const after = readSheet(rows);
    if (!after.ok) throw new Error('no header');
    expect(after.problems).toEqual([]);
    expect(after.records[0]).toMatchObject({ rowNumber: 2, signedOn: '2025-03-01', totalInvestmentYuan: 50_000_000 });
  });

  it('an amount is typed in its column’s unit, like the cells beside it', () => {
    const read = readSheet(ROWS);
    if (!read.ok) throw new Error('no header');
    const { rows } = applyCorrections(ROWS, 'Sheet1', read.mapping, [{ sheet: 'Sheet1', rowNumber: 3, field: 'totalInvestment', value: '1200' }]);
    const after = readSheet(rows);
    expect(after.ok && after.records[1]!.totalInvestmentYuan).toBe(12_000_000);
  });

  it('cannot apply a correction of a field no column holds, or of a row beyond the sheet; another sheet’s is left alone', () => {
    const read = readSheet(ROWS);
    if (!read.ok) throw new Error('no header');
    const unmapped: CellCorrection = { sheet: 'Sheet1', rowNumber: 2, field: 'creditCode', value: '91420600MA4K0000X0' };
    const beyond: CellCorrection = { sheet: 'Sheet1', rowNumber: 40, field: 'signedOn', value: '2025-03-01' };
    const other: CellCorrection = { sheet: '其他', rowNumber: 2, field: 'signedOn', value: '2025-03-01' };
    const { rows, unapplied } = applyCorrections(ROWS, 'Sheet1', read.mapping, [unmapped, beyond, other]);
    expect(unapplied).toEqual([unmapped, beyond]);
    expect(rows).toEqual(ROWS);
  });

  it('a later correction of the same cell replaces the earlier one', () => {
    const a: CellCorrection = { sheet: 'S', rowNumber: 2, field: 'signedOn', value: '2025-03-01' };
    const b: CellCorrection = { sheet: 'S', rowNumber: 3, field: 'signedOn', value: '2025-03-02' };
    expect(mergeCorrections([a, b], [{ ...a, value: '2025-03-05' }])).toEqual([{ ...a, value: '2025-03-05' }, b]);
    expect(mergeCorrections([a], [])).toEqual([a]);
  });
});
