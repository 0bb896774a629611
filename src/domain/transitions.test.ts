import { describe, expect, it } from 'vitest';
import { checkTransition, transitionKind, type ProjectProgress, type TransitionRequest } from './transitions.ts';

const TODAY = '2024-06-30';
const lead: ProjectProgress = { state: 'lead', stageDates: {}, lastEventDate: null };
const signed: ProjectProgress = { state: 'signed', stageDates: { signed: '2024-01-15' }, lastEventDate: '2024-01-15' };
const started: ProjectProgress = {
  state: 'started',
  stageDates: { signed: '2024-01-15', registered: '2024-02-20', started: '2024-04-01' },
  lastEventDate: '2024-04-01',
};
const stalled: ProjectProgress = { ...started, state: 'stalled', lastEventDate: '2024-05-10' };
const terminated: ProjectProgress = { ...started, state: 'terminated', lastEventDate: '2024-05-10' };

const codes = (progress: ProjectProgress, request: TransitionRequest) => checkTransition(progress, request, TODAY).map((p) => p.code);

describe('moving a project forward', () => {
  it('signs a lead with a contract number, dated today or earlier', () => {
    expect(codes(lead, { to: 'signed', date: '2024-06-30', evidence: { contractNo: 'XY-2024-018' } })).toEqual([]);
    expect(codes(lead, { to: 'signed', date: '2024-07-01', evidence: { contractNo: 'XY-2024-018' } })).toEqual(['date.future']);
    expect(codes(lead, { to: 'signed', date: '2024-06-01', evidence: { contractNo: '  ' } })).toEqual(['evidence.contractNo']);
    expect(codes(lead, { to: 'signed', date: '2024.6.1', evidence: { contractNo: 'A1' } })).toEqual(['date.invalid']);
  });

  it('registers with a valid credit code of the registered enterprise', () => {
    expect(codes(signed, { to: 'registered', date: '2024-02-01', evidence: { registeredCreditCode: '91350900587527783P' } })).toEqual([]);
    expect(codes(signed, { to: 'registered', date: '2024-02-01', evidence: { registeredCreditCode: '91350900587527783Q' } })).toEqual([
      'evidence.registeredCreditCode',
    ]);
    expect(codes(signed, { to: 'registered', date: '2024-02-01', evidence: {} })).toEqual(['evidence.registeredCreditCode']);
  });

  it('starts with a permit number or a photo, and may skip registration', () => {
    expect(codes(signed, { to: 'started', date: '2024-03-01', evidence: { permitNo: '420602202403010101' } })).toEqual([]);
    expect(codes(signed, { to: 'started', date: '2024-03-01', evidence: { fileCount: 1 } })).toEqual([]);
    expect(codes(signed, { to: 'started', date: '2024-03-01', evidence: {} })).toEqual(['evidence.permitOrPhoto']);
  });

  it('produces with a note or a file, and enters the statistics with its statistics code', () => {
    expect(codes(started, { to: 'producing', date: '2024-06-01', evidence: { note: '一期产线投产' } })).toEqual([]);
    expect(codes(started, { to: 'producing', date: '2024-06-01', evidence: {} })).toEqual(['evidence.noteOrFile']);
    expect(codes(started, { to: 'inStats', date: '2024-06-01', evidence: { statsCode: '4206022024000123' } })).toEqual([]);
    expect(codes(started, { to: 'inStats', date: '2024-06-01', evidence: {} })).toEqual(['evidence.statsCode']);
  });

  it('never goes back, nor to the same stage, nor back to a lead', () => {
    expect(codes(started, { to: 'signed', date: '2024-06-01', evidence: { contractNo: 'X' } })).toEqual(['transition.notForward']);
    expect(codes(started, { to: 'started', date: '2024-06-01', evidence: { permitNo: 'P' } })).toEqual(['transition.notForward']);
    expect(codes(started, { to: 'lead', date: '2024-06-01', evidence: {} })).toEqual(['transition.toLead']);
  });

  it('keeps dates in order: a stage is not dated before the one before it', () => {
    expect(codes(started, { to: 'producing', date: '2024-03-31', evidence: { note: 'x' } })).toEqual(['date.beforePrevious']);
    expect(codes(started, { to: 'producing', date: '2024-04-01', evidence: { note: 'x' } })).toEqual([]);
  });

  it('reports every problem at once, field by field', () => {
    const problems = checkTransition(signed, { to: 'registered', date: '2025-01-01', evidence: {} }, TODAY);
    expect(problems).toEqual([
      { field: 'date', code: 'date.future' },
      { field: 'evidence.registeredCreditCode', code: 'evidence.registeredCreditCode' },
    ]);
  });
});

describe('stalls and terminations', () => {
  it('stalls or terminates only with a reason', () => {
    expect(codes(started, { to: 'stalled', date: '2024-05-10', evidence: {}, reason: '用地指标未落实' })).toEqual([]);
    expect(codes(started, { to: 'stalled', date: '2024-05-10', evidence: {} })).toEqual(['reason.required']);
    expect(codes(started, { to: 'terminated', date: '2024-05-10', evidence: {}, reason: ' ' })).toEqual(['reason.required']);
  });

  it('resumes a stalled project where it was, without new evidence, not before the stall', () => {
    expect(transitionKind(stalled, 'started')).toBe('resume');
    expect(codes(stalled, { to: 'started', date: '2024-06-01', evidence: {} })).toEqual([]);
    expect(codes(stalled, { to: 'started', date: '2024-05-01', evidence: {} })).toEqual(['date.beforePrevious']);
    expect(codes(stalled, { to: 'signed', date: '2024-06-01', evidence: { contractNo: 'X' } })).toEqual(['transition.notForward']);
    expect(codes(stalled, { to: 'stalled', date: '2024-06-01', evidence: {}, reason: 'again' })).toEqual(['transition.alreadyStalled']);
  });

  it('lets a stalled project advance past where it stopped, with that stage’s evidence', () => {
    expect(transitionKind(stalled, 'producing')).toBe('advance');
    expect(codes(stalled, { to: 'producing', date: '2024-06-01', evidence: {} })).toEqual(['evidence.noteOrFile']);
  });

  it('resumes a lead that stalled before signing as a lead', () => {
    const stalledLead: ProjectProgress = { state: 'stalled', stageDates: {}, lastEventDate: '2024-03-01' };
    expect(transitionKind(stalledLead, 'lead')).toBe('resume');
    expect(codes(stalledLead, { to: 'lead', date: '2024-04-01', evidence: {} })).toEqual([]);
    expect(codes(lead, { to: 'lead', date: '2024-04-01', evidence: {} })).toEqual(['transition.toLead']);
  });

  it('ends everything at termination', () => {
    expect(codes(terminated, { to: 'producing', date: '2024-06-01', evidence: { note: 'x' } })).toEqual(['transition.terminated']);
    expect(codes(terminated, { to: 'stalled', date: '2024-06-01', evidence: {}, reason: 'x' })).toEqual(['transition.terminated']);
  });
});
