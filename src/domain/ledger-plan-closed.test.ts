import { describe, expect, it } from 'vitest';
import { importedEvidence, refuseClosedPeriod, type RowPlan } from './ledger-plan.ts';
import { closedThrough } from './month-close.ts';

/**
 * An import writes nothing into a closed month (issue 5's month close, issue 20's fifth bug): the rule alone, which
 * no domain test reached before the first full mutation run (55 mutants without coverage, docs/testing.md).
 */
const closed = closedThrough([{ year: 2026, month: 2 }]);
const plan = (overrides: Partial<RowPlan> = {}): RowPlan => ({ action: 'update', fields: {}, changes: [], moves: [], problems: [], warnings: [], ...overrides });
const move = (to: RowPlan['moves'][number]['to'], date: string) => ({ to, kind: 'advance' as const, date, reason: null });

describe('an import row against the closed months', () => {
  it('refuses a stage dated in a closed month, naming the field and the month, and keeps what the row already had', () => {
    const earlier = { sheet: 'S', rowNumber: 8, field: 'name' as const, code: 'required', raw: '' };
    const refused = refuseClosedPeriod(plan({ action: 'create', moves: [move('signed', '2026-02-28'), move('started', '2026-03-01')], problems: [earlier] }), 8, null, closed, '一季度');
    expect(refused.action).toBe('refused');
    expect(refused.problems).toEqual([earlier, { sheet: '一季度', rowNumber: 8, field: 'signedOn', code: 'row.closedMonth', raw: '2026-02' }]);
    expect(refused.moves).toHaveLength(2);
  });

  it('names each stage by its own date field', () => {
    const dates: [RowPlan['moves'][number]['to'], string][] = [['signed', 'signedOn'], ['registered', 'registeredOn'], ['started', 'startedOn'], ['producing', 'producingOn'], ['inStats', 'inStatsOn']];
    for (const [to, field] of dates) {
      expect(refuseClosedPeriod(plan({ moves: [move(to, '2026-01-31')] }), 3, null, closed).problems).toEqual([{ sheet: undefined, rowNumber: 3, field, code: 'row.closedMonth', raw: '2026-01' }]);
    }
    // A side state has no date field of its own: a stall dated in a closed month is not a closed figure.
    expect(refuseClosedPeriod(plan({ moves: [move('stalled', '2026-01-31')] }), 3, null, closed).action).toBe('update');
  });

  it('passes a row whose stages are all in open months, and one that changes nothing', () => {
    const open = plan({ moves: [move('signed', '2026-03-01'), move('started', '2025-03-01')], changes: ['name'] });
    expect(refuseClosedPeriod(open, 4, null, closed)).toBe(open);
    const unchanged = plan({ action: 'unchanged', moves: [move('signed', '2026-01-01')] });
    expect(refuseClosedPeriod(unchanged, 4, null, closed)).toBe(unchanged);
    const refusedAlready = plan({ action: 'refused', moves: [move('signed', '2026-01-01')] });
    expect(refuseClosedPeriod(refusedAlready, 4, null, closed)).toBe(refusedAlready);
  });

  it('refuses a change of amounts, unit or industry of a project counted in a closed month, at its first such month', () => {
    const counted = { signedOn: '2026-02-10', startedOn: '2026-01-05', producingOn: null };
    const changes: RowPlan['changes'] = ['name', 'totalInvestmentYuan', 'contractInvestmentYuan', 'unitId', 'industryCode'];
    const refused = refuseClosedPeriod(plan({ changes }), 9, counted, closed, 'S');
    expect(refused.action).toBe('refused');
    expect(refused.problems.map((p) => [p.field, p.raw, p.code])).toEqual([
      ['totalInvestment', '2026-01', 'row.closedMonth'],
      ['contractInvestment', '2026-01', 'row.closedMonth'],
      ['unit', '2026-01', 'row.closedMonth'],
      ['industry', '2026-01', 'row.closedMonth'],
    ]);
    // Its name is no figure; and a project counted only in open months may change its figures.
    expect(refuseClosedPeriod(plan({ changes: ['name'] }), 9, counted, closed).action).toBe('update');
    expect(refuseClosedPeriod(plan({ changes }), 9, { signedOn: '2026-03-01' }, closed).action).toBe('update');
    expect(refuseClosedPeriod(plan({ changes }), 9, null, closed).action).toBe('update');
  });
});

describe('an imported stage record’s evidence', () => {
  it('names the file, the sheet when there is one, and the row', () => {
    expect(importedEvidence('台账.xlsx', 12, '二季度')).toEqual({ note: '台账导入：台账.xlsx 工作表“二季度”第12行' });
    expect(importedEvidence('台账.xlsx', 12)).toEqual({ note: '台账导入：台账.xlsx 第12行' });
  });
});
