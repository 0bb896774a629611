import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeCellText, escapeCellValue, escapeRow, isFormulaLike, unescapeCellText } from './spreadsheet-cells.ts';

describe('formula injection in written cells', () => {
  it("prefixes text beginning with = + - @ tab or carriage return with '", () => {
    for (const text of ['=1+1', '+1', '-5', '@SUM(A1)', '\t=1', '\r=1', '\u0000=1', '=HYPERLINK("http://x","点我")']) {
      expect(escapeCellText(text)).toBe(`'${text}`);
    }
  });

  it('leaves other text, numbers (negative ones too), dates and empty cells as they are', () => {
    expect(escapeRow(['甲县测试项目', 'a=1', " '=1", '', -5, 0, null, new Date(0)])).toEqual(['甲县测试项目', 'a=1', " '=1", '', -5, 0, null, new Date(0)]);
    expect(escapeCellValue(-1234.5)).toBe(-1234.5);
  });

  it('never lets a written text begin with a trigger, and reading it back gives the text that was written', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\u0000', "'", "'=").chain((head) => fc.string().map((tail) => head + tail))), (text) => {
        const written = escapeCellText(text);
        expect(isFormulaLike(written)).toBe(false);
        expect(unescapeCellText(written)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
