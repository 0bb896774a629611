import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TProjectFunds } from '../../shared/funds.ts';

describe('funds arrived (到位资金)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let leaderA: Session;
  let projectId: number;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    leaderA = await logIn(t.app, 'leader_a');
    const created = await call(t.app, staffA, 'POST', '/api/projects', {
      name: '到位资金测试项目',
      investorEnterpriseId: w.enterpriseA.id,
      unitId: w.countyA.id,
      totalInvestmentYuan: 3_000_000_000,
      contractInvestmentYuan: 3_000_000_000,
    });
    projectId = created.json().id;
  });
  afterAll(() => t.close());

  const record = (session: Session, body: object) => call(t.app, session, 'POST', `/api/projects/${projectId}/funds`, body);

  it('adds dated entries by source and shows arrived against contracted, exactly', async () => {
    expect((await record(staffA, { arrivedOn: '2026-01-10', source: 'outOfProvince', amountYuan: 1_000_000_000, evidenceRef: '银行回单 20260110-01' })).statusCode).toBe(200);
    const second = await record(staffA, { arrivedOn: '2026-02-10', source: 'outOfCity', amountYuan: 1, evidenceRef: '验资报告 YZ-2' });
    const third = await record(staffA, { arrivedOn: '2026-02-20', source: 'foreign', amountUsd: 5_000_000, evidenceRef: 'FDI-88' });
    expect(second.statusCode).toBe(200);
    const funds = third.json() as TProjectFunds;
    expect(funds).toMatchObject({ arrivedYuan: 1_000_000_001, arrivedUsd: 5_000_000, contractInvestmentYuan: 3_000_000_000, arrivalRate: '33.33' });
    expect(funds.entries.map((e) => e.source)).toEqual(['outOfProvince', 'outOfCity', 'foreign']);
    expect(funds.entries[0]!.recordedBy).toBe(w.staffA.displayName);
  });

  it('refuses entries without evidence, in the wrong currency, in the future, or of a read-only user', async () => {
    const base = { arrivedOn: '2026-03-01', source: 'outOfProvince', amountYuan: 100, evidenceRef: 'R-1' };
    expectApiError(await record(staffA, { ...base, evidenceRef: ' ' }), 400, 'validation.invalid', 'evidenceRef');
    expectApiError(await record(staffA, { ...base, amountYuan: undefined }), 400, 'validation.required', 'amountYuan');
    expectApiError(await record(staffA, { ...base, source: 'foreign' }), 400, 'validation.required', 'amountUsd');
    expectApiError(await record(staffA, { ...base, amountUsd: 5 }), 400, 'funds.currency', 'amountUsd');
    expectApiError(await record(staffA, { ...base, arrivedOn: '2026-03-03' }), 400, 'date.future', 'arrivedOn');
    expectApiError(await record(staffA, { ...base, amountYuan: 0 }), 400, 'validation.invalid', 'amountYuan');
    expectApiError(await record(leaderA, base), 403, 'auth.readOnly');
    const funds = (await call(t.app, leaderA, 'GET', `/api/projects/${projectId}/funds`)).json() as TProjectFunds;
    expect(funds.entries).toHaveLength(3);
  });

  it('voids a mistaken entry with a reason: it stops counting and stays on the record', async () => {
    const before = (await call(t.app, staffA, 'GET', `/api/projects/${projectId}/funds`)).json() as TProjectFunds;
    const mistaken = before.entries.find((e) => e.amountYuan === 1)!;
    const voided = await call(t.app, staffA, 'POST', `/api/projects/${projectId}/funds/${mistaken.id}/void`, { reason: '重复录入' });
    expect(voided.statusCode, voided.body).toBe(200);
    const after = voided.json() as TProjectFunds;
    expect(after.arrivedYuan).toBe(1_000_000_000);
    expect(after.entries.find((e) => e.id === mistaken.id)).toMatchObject({ voided: true, voidReason: '重复录入' });
    expectApiError(await call(t.app, staffA, 'POST', `/api/projects/${projectId}/funds/${mistaken.id}/void`, { reason: '再次' }), 409, 'funds.alreadyVoided');
  });

  // Catches (docs/testing.md, case 1) through the API too: percentText in floats says 1.00 for 20,100 of 2,000,000.
  it('rounds the arrival rate half up exactly on a half-way case', async () => {
    const created = await call(t.app, staffA, 'POST', '/api/projects', {
      name: '到位率半数项目',
      investorEnterpriseId: w.enterpriseA.id,
      unitId: w.countyA.id,
      totalInvestmentYuan: 2_000_000,
      contractInvestmentYuan: 2_000_000,
    });
    expect(created.statusCode, created.body).toBe(200);
    const entry = await call(t.app, staffA, 'POST', `/api/projects/${created.json().id}/funds`, { arrivedOn: '2026-02-01', source: 'outOfProvince', amountYuan: 20_100, evidenceRef: '银行回单 HALF' });
    expect(entry.statusCode, entry.body).toBe(200);
    expect((entry.json() as TProjectFunds).arrivalRate).toBe('1.01'); // 1.005% exactly
  });
});
