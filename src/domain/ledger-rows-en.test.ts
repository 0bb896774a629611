import { describe, expect, it } from 'vitest';
import { describeProblem, PROBLEM_CODES } from './ledger-rows.ts';
import { describeProblemEn, FIELD_NAMES_EN, PROBLEM_CODES_EN } from './ledger-rows-en.ts';
import { LEDGER_FIELDS } from './ledger-columns.ts';

describe('a refused ledger row in English (issue 16)', () => {
  it('names the row, the field and the cell as written, then says what is wrong, in English', () => {
    const problem = { rowNumber: 12, field: 'signedOn' as const, code: 'date.notADate', raw: '2023.13.1' };
    expect(describeProblemEn(problem)).toBe("Row 12, Signing date: '2023.13.1' is not a valid date");
    expect(describeProblem(problem)).toBe("第12行 签约时间：'2023.13.1' 不是有效日期");
    expect(describeProblemEn({ ...problem, sheet: '往年签约今年开工' })).toBe("Sheet “往年签约今年开工”, row 12, Signing date: '2023.13.1' is not a valid date");
  });

  it('fills every place a unit is named, in both languages', () => {
    const conflict = { rowNumber: 5, field: 'unit' as const, code: 'unit.conflict', raw: '乙县', detail: '甲县' };
    expect(describeProblemEn(conflict)).toBe(
      "Row 5, Unit: '乙县' differs from the project’s unit 甲县: an import does not move projects between units, so write 甲县 or delete the row; to change the unit where it lands, do it on the project page (recorded on its own)",
    );
    expect(describeProblem(conflict)).not.toContain('{detail}');
  });

  it('writes the survivor of a merged investor with its id in each language’s brackets', () => {
    const merged = { rowNumber: 3, field: 'investorName' as const, code: 'enterprise.merged', raw: '襄阳存续科技公司', detail: '“襄阳存续科技有限公司”（#3）' };
    expect(describeProblem(merged)).toBe("第3行 投资方：'襄阳存续科技公司' 该企业已并入“襄阳存续科技有限公司”（#3），请改写为它");
    expect(describeProblemEn(merged)).toBe("Row 3, Investor: '襄阳存续科技公司' the enterprise has been merged into “襄阳存续科技有限公司” (#3); write that one instead");
  });

  it('has an English sentence for every problem the Chinese one knows, and a name for every field', () => {
    // The exported list, not the source text: read from the file, the check broke under mutation testing's
    // instrumented copy (docs/testing.md, "Mutation testing").
    const codes = PROBLEM_CODES;
    expect(codes.length).toBeGreaterThan(25);
    expect(codes.filter((code) => !PROBLEM_CODES_EN.includes(code))).toEqual([]);
    for (const field of LEDGER_FIELDS) expect(FIELD_NAMES_EN[field]).toMatch(/^[A-Z][^\u4e00-\u9fff]*$/);
    for (const code of PROBLEM_CODES_EN) {
      expect(describeProblemEn({ rowNumber: 1, field: 'name', code, raw: 'x', detail: 'D' }).replace(/万元/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
