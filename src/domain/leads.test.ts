import { describe, expect, it } from 'vitest';
import { conversion, leadMoveProblem } from './leads.ts';

describe('lead states', () => {
  it('moves new → following → converted, or to dropped with a reason, and back from dropped', () => {
    expect(leadMoveProblem('new', 'following', {})).toBeNull();
    expect(leadMoveProblem('following', 'converted', { projectId: 7 })).toBeNull();
    expect(leadMoveProblem('new', 'converted', { projectId: 7 })).toBeNull();
    expect(leadMoveProblem('following', 'dropped', { reason: '企业战略调整,暂缓投资' })).toBeNull();
    expect(leadMoveProblem('dropped', 'following', {})).toBeNull();
  });

  it('refuses a drop without a reason, a conversion without its project, and any move out of converted', () => {
    expect(leadMoveProblem('following', 'dropped', { reason: '  ' })).toBe('lead.reasonRequired');
    expect(leadMoveProblem('following', 'converted', {})).toBe('lead.projectRequired');
    expect(leadMoveProblem('converted', 'following', {})).toBe('lead.notAllowed');
    expect(leadMoveProblem('dropped', 'converted', { projectId: 1 })).toBe('lead.notAllowed');
    expect(leadMoveProblem('new', 'new', {})).toBe('lead.notAllowed');
  });

  it('gives the conversion rate and the median days from a lead to its signing', () => {
    const leads = [
      { collectedOn: '2024-01-01', signedOn: '2024-03-01' }, // 60 days (leap year)
      { collectedOn: '2024-01-01', signedOn: '2024-01-31' }, // 30
      { collectedOn: '2024-02-01', signedOn: null },
      { collectedOn: '2024-02-01', signedOn: '2024-05-01' }, // 90
    ];
    expect(conversion(leads)).toEqual({ rate: 0.75, medianDaysToSigning: 60 });
    expect(conversion(leads.slice(0, 2)).medianDaysToSigning).toBe(45);
    expect(conversion([])).toEqual({ rate: 0, medianDaysToSigning: null });
  });
});
