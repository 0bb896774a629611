import { describe, expect, it } from 'vitest';
import { checkCountOnce, countOnceEffect } from './count-once.ts';

const signed = { signedOn: '2025-06-01', investorEnterpriseId: 7 };
const today = '2026-03-02';

describe('count once (三明): actions on a project instead of new projects', () => {
  it('a re-signing, a supplementary agreement or a phase needs a signed project, a date and a reason — and changes no figure', () => {
    for (const action of ['resign', 'supplement', 'phase'] as const) {
      expect(checkCountOnce({ action, date: '2026-01-10', reason: '补充协议调整建设内容' }, signed, today)).toEqual([]);
      expect(countOnceEffect({ action, date: '2026-01-10', reason: 'x' }, { totalInvestmentYuan: 5, contractInvestmentYuan: 4, investorEnterpriseId: 7 })).toEqual({
        totalInvestmentYuan: 5,
        contractInvestmentYuan: 4,
        investorEnterpriseId: 7,
      });
    }
    expect(checkCountOnce({ action: 'resign', date: '2026-01-10', reason: 'x' }, { signedOn: null, investorEnterpriseId: 7 }, today)).toEqual([{ field: 'action', code: 'count.notSigned' }]);
  });
  it('refuses a future date, one before the signing, a malformed one, and a missing reason, naming the field', () => {
    expect(checkCountOnce({ action: 'phase', date: '2026-03-03', reason: 'x' }, signed, today)).toEqual([{ field: 'date', code: 'date.future' }]);
    expect(checkCountOnce({ action: 'phase', date: '2025-05-31', reason: 'x' }, signed, today)).toEqual([{ field: 'date', code: 'date.beforePrevious' }]);
    expect(checkCountOnce({ action: 'phase', date: '2026/1/1', reason: ' ' }, signed, today)).toEqual([
      { field: 'date', code: 'date.invalid' },
      { field: 'reason', code: 'reason.required' },
    ]);
  });
  it('an expansion counts only its increment: a positive whole number of 元, added to total and contracted investment', () => {
    expect(checkCountOnce({ action: 'expansion', date: '2026-02-01', reason: '增资扩产', incrementYuan: 0 }, signed, today)).toEqual([{ field: 'incrementYuan', code: 'count.increment' }]);
    expect(checkCountOnce({ action: 'expansion', date: '2026-02-01', reason: '增资扩产', incrementYuan: 1.5 }, signed, today)).toEqual([{ field: 'incrementYuan', code: 'count.increment' }]);
    const request = { action: 'expansion' as const, date: '2026-02-01', reason: '增资扩产', incrementYuan: 50_000_000 };
    expect(checkCountOnce(request, signed, today)).toEqual([]);
    expect(countOnceEffect(request, { totalInvestmentYuan: 200_000_000, contractInvestmentYuan: 150_000_000, investorEnterpriseId: 7 })).toEqual({
      totalInvestmentYuan: 250_000_000,
      contractInvestmentYuan: 200_000_000,
      investorEnterpriseId: 7,
    });
    expect(countOnceEffect(request, { totalInvestmentYuan: 200_000_000, contractInvestmentYuan: null, investorEnterpriseId: 7 }).contractInvestmentYuan).toBeNull();
  });
  it('a change of investor stays one project: another investor is required', () => {
    expect(checkCountOnce({ action: 'investorChange', date: '2026-02-01', reason: '股权转让' }, signed, today)).toEqual([{ field: 'investorEnterpriseId', code: 'count.investor' }]);
    expect(checkCountOnce({ action: 'investorChange', date: '2026-02-01', reason: '股权转让', investorEnterpriseId: 7 }, signed, today)).toEqual([{ field: 'investorEnterpriseId', code: 'count.investor' }]);
    const request = { action: 'investorChange' as const, date: '2026-02-01', reason: '股权转让', investorEnterpriseId: 9 };
    expect(checkCountOnce(request, signed, today)).toEqual([]);
    expect(countOnceEffect(request, { totalInvestmentYuan: 1, contractInvestmentYuan: null, investorEnterpriseId: 7 }).investorEnterpriseId).toBe(9);
  });
});
