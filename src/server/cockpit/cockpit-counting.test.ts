import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TBreakdown, TCockpit, TCockpitOverview, TMetricRecords, TTrend } from '../../shared/cockpit.ts';

// The test clock reads 2026-03-02 in China.
describe('the cockpit counts as reported or as confirmed on request (统计口径, issue 17)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let bureau: Session;
  const period = 'from=2026-02-01&to=2026-02-28';

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    bureau = await logIn(t.app, 'bureau');
    const settings = { rules: [{ stage: 'signed', minYuan: 100_000_000, reviewerDepartmentId: null }], confirmedOnly: false, cityCentre: null, maxPhotoKm: 80, maxPhotoDaysBefore: 30 };
    expect((await call(t.app, bureau, 'PUT', '/api/verification-settings', settings)).statusCode).toBe(200);
    // 甲县 signs 3亿 (waits for confirmation) and 5000万 (under the threshold, counts at once).
    for (const [name, amount, contractNo] of [['待核实项目', 300_000_000, 'C-1'], ['小项目', 50_000_000, 'C-2']] as const) {
      const project = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, stage: 'lead', totalInvestmentYuan: amount, name });
      const moved = await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage`, { to: 'signed', date: '2026-02-10', evidence: { contractNo } });
      expect(moved.statusCode, moved.body).toBe(200);
    }
  });
  afterAll(() => t.close());

  async function get<T>(url: string): Promise<T> {
    const response = await call(t.app, bureau, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  }
  const card = async (extra: string) => (await get<TCockpit>(`/api/cockpit?${period}${extra}`)).kpis.find((k) => k.key === 'signedCount')!.value;

  it('the cards: as the settings say without a parameter, either way with one', async () => {
    expect(await card('')).toBe(2);
    expect(await card('&counting=reported')).toBe(2);
    expect(await card('&counting=confirmed')).toBe(1);
  });

  it('the breakdown and the records behind a card count the same way, so a clicked number still adds up', async () => {
    const breakdown = await get<TBreakdown>(`/api/cockpit/breakdown?${period}&key=signedCount&by=unit&counting=confirmed`);
    expect(breakdown.value).toBe(1);
    expect(breakdown.rows.reduce((sum, row) => sum + row.value, 0)).toBe(1);
    expect((await get<TBreakdown>(`/api/cockpit/breakdown?${period}&key=signedCount&by=unit&counting=reported`)).value).toBe(2);
    const records = await get<TMetricRecords>(`/api/cockpit/records?${period}&key=signedCount&counting=confirmed`);
    expect(records.items.map((r) => r.projectName)).toEqual(['小项目']);
    expect((await get<TMetricRecords>(`/api/cockpit/records?${period}&key=signedCount&counting=reported`)).items).toHaveLength(2);
  });

  it('the ranking counts the same way as the cards above it', async () => {
    const signedOfCountyA = async (counting: string) =>
      (await get<TCockpitOverview>(`/api/cockpit/overview?${period}&counting=${counting}`)).ranking
        .find((row) => row.unitId === w.countyA.id)!
        .heroes.find((h) => h.key === 'signedCount')!.value;
    expect(await signedOfCountyA('reported')).toBe(2);
    expect(await signedOfCountyA('confirmed')).toBe(1);
  });

  it('the monthly trend counts the same way as the cards', async () => {
    const february = async (counting: string) =>
      (await get<TTrend>(`/api/cockpit/trend?key=signedCount&year=2026${counting}`)).months.find((m) => m.month === 2)!.value;
    expect(await february('')).toBe(2);
    expect(await february('&counting=reported')).toBe(2);
    expect(await february('&counting=confirmed')).toBe(1);
  });

  it('a wrong counting is refused, naming the field', async () => {
    const response = await call(t.app, bureau, 'GET', `/api/cockpit?${period}&counting=maybe`);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('counting');
  });
});
