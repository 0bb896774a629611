import { describe, expect, it } from 'vitest';
import { importedEvidence, planRow } from './ledger-plan.ts';
import { englishSystemSentence, systemSentenceIn } from './system-sentences.ts';

describe('the app’s own sentences in a stage record, in English (issue 16)', () => {
  it('reads the evidence an import writes, with and without a sheet', () => {
    expect(englishSystemSentence(importedEvidence('2026年台账.xlsx', 12).note!)).toBe('Imported from the ledger: 2026年台账.xlsx, row 12');
    expect(englishSystemSentence(importedEvidence('台账 汇总.xlsx', 4, '往年签约今年开工').note!)).toBe('Imported from the ledger: 台账 汇总.xlsx, sheet “往年签约今年开工”, row 4');
  });

  it('reads the reason an import gives a 停滞 or 终止 from the progress column', () => {
    const record = { rowNumber: 6, systemId: null, code: null, name: '项目', investorName: '甲', creditCode: null, sourceRegion: null, totalInvestmentYuan: null, contractInvestmentYuan: null, signedOn: null, registeredOn: null, startedOn: null, producingOn: null, inStatsOn: null, unitName: null, industry: null, localIndustry: null, stage: 'terminated', leader: null, note: null, monthOnly: [] };
    const existing = { id: 1, unitId: 1, name: '项目', investorEnterpriseId: 1, confidentialElsewhere: false, events: [{ id: 1, kind: 'advance' as const, state: 'signed' as const, happenedOn: '2025-03-01', evidence: {}, reason: null, correctsEventId: null }] };
    const plan = planRow({ record, fields: {}, newInvestor: false, problems: [], warnings: [] } as never, existing as never, '2026-03-02', 'x.xlsx');
    const reason = plan.moves.find((m) => m.to === 'terminated')!.reason!;
    expect(systemSentenceIn(reason, 'en')).toBe('Progress in the ledger: terminated');
    expect(systemSentenceIn(reason, 'zh-CN')).toBe('台账项目进展：终止');
  });

  it('leaves what a person typed as typed, in either language', () => {
    for (const typed of ['项目用地指标尚未落实', '台账导入：说明文字', 'Contract signed in Wuhan']) {
      expect(englishSystemSentence(typed)).toBeNull();
      expect(systemSentenceIn(typed, 'en')).toBe(typed);
    }
  });
});
