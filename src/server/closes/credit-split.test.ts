import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { DEFAULT_SCOPE_RULES } from '../../domain/metrics.ts';
import type { TBulletin } from '../../shared/bulletin.ts';
import type { TMetricRecords } from '../../shared/cockpit.ts';

/**
 * Credit split with the 首报单位 (issue 5, domain.md §3): configured as the 首报单位's share, it reaches the
 * bulletin's per-unit table, the month close and the corrections. The test clock says 2026-03-02.
 */
describe('credit split with the 首报单位', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let reported: number;

  const bulletin = async (session: Session, month: number) => {
    const response = await call(t.app, session, 'GET', `/api/bulletin?year=2026&month=${month}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TBulletin;
  };
  const signedRow = (b: TBulletin) => b.items.find((i) => i.metricKey === 'signedCount')!;
  const signedOf = (b: TBulletin, unitId: number) => signedRow(b).units.find((u) => u.unitId === unitId && !u.own)?.value;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    // County A found the investor and reported it first; the project lands in county B.
    const created = await call(t.app, bureau, 'POST', '/api/projects', {
      name: '甲县首报落地乙县项目', investorEnterpriseId: w.enterpriseB.id, unitId: w.countyB.id, reportedUnitId: w.countyA.id, totalInvestmentYuan: 300_000_001, codeName: '乙县A-7',
    });
    expect(created.statusCode, created.body).toBe(200);
    reported = created.json().id;
    const signed = await call(t.app, bureau, 'POST', `/api/projects/${reported}/stage`, { to: 'signed', date: '2026-01-15', evidence: { contractNo: 'HT-SB-1' } });
    expect(signed.statusCode, signed.body).toBe(200);
  });
  afterAll(() => t.close());

  it('counts the project in its 落地单位 alone until a share is configured, then each unit its share and the city once', async () => {
    const before = await bulletin(bureau, 2);
    const setRules = await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...DEFAULT_SCOPE_RULES, reportingUnitSharePercent: 50 });
    expect(setRules.statusCode, setRules.body).toBe(200);
    const after = await bulletin(bureau, 2);
    expect(signedOf(after, w.countyA.id)).toBe(signedOf(before, w.countyA.id)! + 0.5);
    expect(signedOf(after, w.countyB.id)).toBe(signedOf(before, w.countyB.id)! - 0.5);
    expect(signedRow(after).value).toBe(signedRow(before).value);
    // The sentence writes the shares as they are; amounts split in whole 元, the parts adding up.
    const countyA = await bulletin(staffA, 2);
    expect(signedRow(countyA).sentence).toMatch(/^1—2月份，甲县新签约项目\d+\.5个/);
    const contract = after.items.find((i) => i.metricKey === 'signedContractYuan')!;
    expect(contract.units.filter((u) => !u.own).reduce((sum, u) => sum + u.value, 0) + (contract.units.find((u) => u.own)?.value ?? 0)).toBe(contract.value);
  });

  it('shows the 首报单位 its share of the record, under the code name, without opening another unit\'s project', async () => {
    const records = await call(t.app, staffA, 'GET', '/api/cockpit/records?from=2026-01-01&to=2026-02-28&key=signedContractYuan');
    const row = (records.json() as TMetricRecords).items.find((r) => r.projectId === reported)!;
    expect(row).toMatchObject({ projectName: '乙县A-7', confidential: true, creditPercent: 50, openable: false, contribution: 150_000_001, unitName: '乙县' });
    expect((await call(t.app, staffA, 'GET', `/api/projects/${reported}`)).statusCode).toBe(404);
    const cityRow = (await call(t.app, bureau, 'GET', '/api/cockpit/records?from=2026-01-01&to=2026-02-28&key=signedContractYuan')).json() as TMetricRecords;
    expect(cityRow.items.filter((r) => r.projectId === reported)).toMatchObject([{ creditPercent: 100, openable: true, contribution: 300_000_001 }]);
  });

  it('keeps the closed bulletin as it was when the 首报单位 is corrected, and lists the correction', async () => {
    expect((await call(t.app, bureau, 'POST', '/api/closes', { year: 2026, month: 2 })).statusCode).toBe(200);
    const closed = await bulletin(bureau, 2);
    const move = (body: object) => call(t.app, bureau, 'PATCH', `/api/projects/${reported}`, { reportedUnitId: w.countyB.id, ...body });
    expectApiError(await move({}), 409, 'month.closed', 'correctionReason');
    const corrected = await move({ correctionReason: '经核实为乙县自行对接' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(await bulletin(bureau, 2)).toEqual(closed);
    const march = await bulletin(bureau, 3);
    expect(signedOf(march, w.countyA.id)).toBe(signedOf(closed, w.countyA.id)! - 0.5);
    expect(march.corrections.map((c) => c.summary)).toContain('修改首报单位');
    // Switched off again, the 首报单位 moves no figure and needs no reason.
    await call(t.app, bureau, 'PUT', '/api/metrics/rules', DEFAULT_SCOPE_RULES);
    expect((await call(t.app, bureau, 'PATCH', `/api/projects/${reported}`, { reportedUnitId: w.countyA.id })).statusCode).toBe(200);
  });
});
