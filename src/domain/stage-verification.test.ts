import { describe, expect, it } from 'vitest';
import { checkVerificationAction, daysWaiting, isUnconfirmed, nextStatus, reportedUnder, ruleFor, settingsProblem, DEFAULT_VERIFICATION_SETTINGS, type VerificationRule } from './stage-verification.ts';

const RULES: VerificationRule[] = [
  { stage: 'signed', minYuan: 100_000_000, reviewerDepartmentId: null },
  { stage: 'started', minYuan: 0, reviewerDepartmentId: 7 },
];

describe('which stage changes wait for confirmation', () => {
  it('a stage under a rule waits from its threshold up, not below', () => {
    expect(ruleFor(RULES, 'signed', 100_000_000)?.stage).toBe('signed');
    expect(ruleFor(RULES, 'signed', 99_999_999)).toBeNull();
    expect(ruleFor(RULES, 'started', 0)?.reviewerDepartmentId).toBe(7);
  });
  it('a stage without a rule, or a side state, counts at once', () => {
    expect(ruleFor(RULES, 'registered', 10_000_000_000)).toBeNull();
    expect(ruleFor(RULES, 'stalled', 10_000_000_000)).toBeNull();
    expect(ruleFor([], 'signed', 10_000_000_000)).toBeNull();
  });
  it('a recorded change waits only when it moves forward, for a unit below the city, under a rule (by hand or imported alike)', () => {
    const change = { kind: 'advance', stage: 'signed', totalInvestmentYuan: 200_000_000, cityOwn: false };
    expect(reportedUnder(RULES, change)?.stage).toBe('signed');
    expect(reportedUnder(RULES, { ...change, totalInvestmentYuan: 50_000_000 })).toBeNull();
    expect(reportedUnder(RULES, { ...change, cityOwn: true })).toBeNull();
    expect(reportedUnder(RULES, { ...change, kind: 'resume' })).toBeNull();
    expect(reportedUnder([], change)).toBeNull();
  });
  it('settings refuse two rules for one stage, a negative threshold and an impossible centre, naming the field', () => {
    expect(settingsProblem({ ...DEFAULT_VERIFICATION_SETTINGS, rules: RULES })).toBeNull();
    expect(settingsProblem({ ...DEFAULT_VERIFICATION_SETTINGS, rules: [...RULES, RULES[0]!] })?.field).toBe('rules.2.stage');
    expect(settingsProblem({ ...DEFAULT_VERIFICATION_SETTINGS, rules: [{ stage: 'signed', minYuan: -1, reviewerDepartmentId: null }] })?.field).toBe('rules.0.minYuan');
    expect(settingsProblem({ ...DEFAULT_VERIFICATION_SETTINGS, cityCentre: { lat: 95, lon: 0 } })?.field).toBe('cityCentre');
  });
});

describe('who may confirm, reject or resubmit', () => {
  const bureau = { role: 'bureau', unitId: 1, departmentId: null };
  const base = { status: 'reported' as const, reason: null, reviewer: bureau, projectUnitId: 4, reviewerDepartmentId: null };
  it('the bureau confirms a county’s reported change; rejecting needs a reason', () => {
    expect(checkVerificationAction({ ...base, action: 'confirm' })).toBeNull();
    expect(checkVerificationAction({ ...base, action: 'reject' })).toBe('reason.required');
    expect(checkVerificationAction({ ...base, action: 'reject', reason: '  ' })).toBe('reason.required');
    expect(checkVerificationAction({ ...base, action: 'reject', reason: '合同未盖章' })).toBeNull();
  });
  it('a unit never confirms its own', () => {
    expect(checkVerificationAction({ ...base, action: 'confirm', projectUnitId: 1 })).toBe('verification.ownUnit');
  });
  it('staff and leaders never decide; a department only what is routed to it', () => {
    expect(checkVerificationAction({ ...base, action: 'confirm', reviewer: { role: 'staff', unitId: 1, departmentId: null } })).toBe('verification.notReviewer');
    expect(checkVerificationAction({ ...base, action: 'confirm', reviewer: { role: 'leader', unitId: 1, departmentId: null } })).toBe('verification.notReviewer');
    const dept = { role: 'department', unitId: 1, departmentId: 7 };
    expect(checkVerificationAction({ ...base, action: 'confirm', reviewer: dept, reviewerDepartmentId: 7 })).toBeNull();
    expect(checkVerificationAction({ ...base, action: 'confirm', reviewer: dept, reviewerDepartmentId: 8 })).toBe('verification.notReviewer');
    expect(checkVerificationAction({ ...base, action: 'confirm', reviewer: dept, reviewerDepartmentId: null })).toBe('verification.notReviewer');
  });
  it('only a reported change is decided, only a rejected one resubmitted', () => {
    for (const status of ['confirmed', 'rejected', 'withdrawn'] as const) {
      expect(checkVerificationAction({ ...base, status, action: 'confirm' })).toBe('verification.notReported');
    }
    expect(checkVerificationAction({ ...base, status: 'rejected', action: 'resubmit' })).toBeNull();
    expect(checkVerificationAction({ ...base, status: 'reported', action: 'resubmit' })).toBe('verification.notRejected');
    expect(checkVerificationAction({ ...base, status: 'confirmed', action: 'resubmit' })).toBe('verification.notRejected');
  });
  it('statuses follow the actions; reported and rejected changes do not count where only confirmed ones do', () => {
    expect([nextStatus('confirm'), nextStatus('reject'), nextStatus('resubmit')]).toEqual(['confirmed', 'rejected', 'reported']);
    expect(['reported', 'confirmed', 'rejected', 'withdrawn'].filter((s) => isUnconfirmed(s as never))).toEqual(['reported', 'rejected']);
  });
  it('waiting is counted in whole days from the report', () => {
    expect(daysWaiting('2026-11-01', '2026-12-03')).toBe(32);
    expect(daysWaiting('2026-12-03', '2026-12-03')).toBe(0);
  });
});

describe('figures under the confirmed-only setting (the catalogue’s reference)', async () => {
  const { DEFAULT_SCOPE_RULES, evaluate, metric } = await import('./metrics.ts');
  const project = (id: number, signedOn: string, startedOn: string | null, unconfirmed: ('signedOn' | 'startedOn')[]) => ({
    id,
    unitId: 4,
    projectType: 'industrial' as const,
    fundSource: 'outOfProvince' as const,
    industryCode: '3841',
    totalInvestmentYuan: 200_000_000,
    contractInvestmentYuan: null,
    signedOn,
    registeredOn: null,
    startedOn,
    producingOn: null,
    inStatsOn: null,
    threeBatch: null,
    unconfirmedStages: unconfirmed,
  });
  const projects = [project(1, '2026-01-10', '2026-02-01', []), project(2, '2026-01-20', '2026-02-10', ['startedOn']), project(3, '2026-02-01', null, ['signedOn'])];
  const period = { from: '2026-01-01', to: '2026-03-31' };
  const run = (key: string, confirmedOnly: boolean) => evaluate(metric(key).spec, { projects, funds: [], period, rules: { ...DEFAULT_SCOPE_RULES, confirmedOnly } });

  it('reported: every recorded stage counts; confirmed only: a stage waiting for confirmation does not, yet', () => {
    expect(run('signedCount', false)).toMatchObject({ value: 3, projectIds: [1, 2, 3] });
    expect(run('signedCount', true)).toMatchObject({ value: 2, projectIds: [1, 2] });
    expect(run('signedContractYuan', true).value).toBe(400_000_000);
    expect(run('startedCount', false).value).toBe(2);
    expect(run('startedCount', true)).toMatchObject({ value: 1, projectIds: [1] });
  });
  it('a rate counts confirmed stages on both sides: 开工率 of the confirmed signings, by confirmed starts', () => {
    expect(run('startRate', false).text).toBe('66.67');
    expect(run('startRate', true).text).toBe('50.00');
  });
});
