import { describe, expect, it } from 'vitest';
import { describeWarning, describeWarningEn, warningText, warningTextEn, type LedgerWarning } from './ledger-warnings.ts';

/** One of each warning an import can give (ledger-plan.ts and the preview's own two). */
const EVERY: LedgerWarning[] = [
  { code: 'confidential' },
  { code: 'date.differs', field: 'signedOn', raw: '2025-03-05', recorded: '2025-03-01' },
  { code: 'stage.passed', field: 'registeredOn', reached: 'started', stage: 'registered' },
  { code: 'date.future', field: 'startedOn', raw: '2026-05-01' },
  { code: 'date.conflict', field: 'producingOn', raw: '2024-01-01' },
  { code: 'progress.today', word: 'stalled', today: '2026-03-02' },
  { code: 'progress.noDate', word: 'producing', dateField: 'producingOn', reached: null },
  { code: 'sourceRegion.unknown', raw: '火星' },
  { code: 'date.monthOnly', field: 'signedOn' },
];

describe('import warnings in both languages (issue 16)', () => {
  it('writes each warning in Chinese as the preview always has, with the row first', () => {
    expect(describeWarning({ rowNumber: 7 }, { code: 'date.monthOnly', field: 'signedOn' })).toBe('第7行 签约时间 只写到月份，按当月1日记录');
    expect(describeWarning({ sheet: '往年签约今年开工', rowNumber: 4 }, { code: 'date.monthOnly', field: 'startedOn' })).toBe('工作表“往年签约今年开工”第4行 开工时间 只写到月份，按当月1日记录');
    expect(warningText({ code: 'progress.today', word: 'stalled', today: '2026-03-02' })).toBe('项目进展为停滞，按导入当日 2026-03-02 记录');
    expect(warningText({ code: 'progress.noDate', word: 'producing', dateField: 'producingOn', reached: null })).toBe('项目进展为投产，但没有投产时间，阶段未导入');
    expect(warningText({ code: 'sourceRegion.unknown', raw: '火星' })).toBe("投资方所在地 '火星' 未能对应行政区划，未导入");
  });

  it('writes each in English with the row first: no Chinese but the cell as written', () => {
    expect(describeWarningEn({ rowNumber: 7 }, { code: 'date.monthOnly', field: 'signedOn' })).toBe('Row 7, Signing date gives only the month; recorded as the 1st of that month');
    expect(describeWarningEn({ sheet: '往年签约今年开工', rowNumber: 4 }, { code: 'progress.today', word: 'terminated', today: '2026-03-02' })).toBe(
      'Sheet “往年签约今年开工”, row 4, progress is terminated: recorded on the day of the import, 2026-03-02',
    );
    expect(warningTextEn({ code: 'sourceRegion.unknown', raw: '火星' })).toBe("Investor’s region: '火星' matches no administrative division; not imported");
    for (const w of EVERY) {
      const text = warningTextEn(w).replace(/'[^']*'/g, '');
      expect(text, w.code).not.toMatch(/[\u4e00-\u9fff]/);
      expect(text, w.code).not.toMatch(/[，：；（）]/);
    }
  });

  it('gives every warning a Chinese sentence in Chinese punctuation', () => {
    for (const w of EVERY) {
      const text = warningText(w);
      expect(text, w.code).toMatch(/[\u4e00-\u9fff]/);
      expect(text.replace(/'[^']*'/g, ''), w.code).not.toMatch(/[,:;()]/);
    }
  });
});
