import { describe, expect, it } from 'vitest';
import { checkCorrection, effectiveEvents, foldProgress, type StageEvent } from './stage-history.ts';

let nextId = 1;
const event = (partial: Partial<StageEvent> & Pick<StageEvent, 'kind' | 'happenedOn'>): StageEvent => ({
  id: nextId++,
  state: 'lead',
  evidence: {},
  reason: null,
  correctsEventId: null,
  ...partial,
});

describe('a project’s stage history', () => {
  const signed = event({ kind: 'advance', state: 'signed', happenedOn: '2024-01-15', evidence: { contractNo: 'C-1' } });
  const registered = event({ kind: 'advance', state: 'registered', happenedOn: '2024-02-20', evidence: { registeredCreditCode: '91350900587527783P' } });
  const stall = event({ kind: 'stall', state: 'stalled', happenedOn: '2024-03-01', reason: '资金未到位' });
  const resume = event({ kind: 'resume', state: 'registered', happenedOn: '2024-04-01' });
  const started = event({ kind: 'advance', state: 'started', happenedOn: '2024-04-10', evidence: { permitNo: 'P-9' } });

  it('folds into the current state, the stage dates and the latest event date', () => {
    expect(foldProgress([signed, registered])).toEqual({
      state: 'registered',
      stageDates: { signed: '2024-01-15', registered: '2024-02-20' },
      lastEventDate: '2024-02-20',
    });
    expect(foldProgress([signed, registered, stall])).toMatchObject({ state: 'stalled', lastEventDate: '2024-03-01' });
    expect(foldProgress([signed, registered, stall, resume, started])).toMatchObject({ state: 'started', lastEventDate: '2024-04-10' });
    expect(foldProgress([])).toEqual({ state: 'lead', stageDates: {}, lastEventDate: null });
  });

  it('applies a correction of date and evidence, keeping who corrected it', () => {
    const fix = event({ kind: 'correct', state: 'signed', happenedOn: '2024-01-12', evidence: { contractNo: 'C-1-补' }, reason: '合同日期录错', correctsEventId: signed.id });
    const effective = effectiveEvents([signed, registered, fix]);
    expect(effective[0]).toMatchObject({ id: signed.id, happenedOn: '2024-01-12', evidence: { contractNo: 'C-1-补' }, correctedBy: [fix.id] });
    expect(foldProgress([signed, registered, fix]).stageDates.signed).toBe('2024-01-12');
  });

  it('revokes the latest stage, returning the project where it was', () => {
    const undo = event({ kind: 'revoke', state: 'lead', happenedOn: '2024-02-21', reason: '误操作', correctsEventId: registered.id });
    expect(foldProgress([signed, registered, undo])).toEqual({ state: 'signed', stageDates: { signed: '2024-01-15' }, lastEventDate: '2024-01-15' });
  });

  it('allows a correction only within the neighbouring dates, and a revocation only of the latest event', () => {
    const history = [signed, registered, started];
    expect(checkCorrection(history, { kind: 'correct', correctsEventId: registered.id, happenedOn: '2024-03-01', reason: '录错' })).toBeNull();
    expect(checkCorrection(history, { kind: 'correct', correctsEventId: registered.id, happenedOn: '2024-01-01', reason: '录错' })).toBe('date.beforePrevious');
    expect(checkCorrection(history, { kind: 'correct', correctsEventId: registered.id, happenedOn: '2024-05-01', reason: '录错' })).toBe('date.afterNext');
    expect(checkCorrection(history, { kind: 'revoke', correctsEventId: registered.id, reason: '录错' })).toBe('correction.notLatest');
    expect(checkCorrection(history, { kind: 'revoke', correctsEventId: started.id, reason: '录错' })).toBeNull();
    expect(checkCorrection(history, { kind: 'revoke', correctsEventId: started.id, reason: ' ' })).toBe('reason.required');
    expect(checkCorrection(history, { kind: 'revoke', correctsEventId: 999, reason: 'x' })).toBe('correction.unknownEvent');
  });
});
