import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TBulletin } from '../../shared/bulletin.ts';

describe('the monthly bulletin', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffB: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffB = await logIn(t.app, 'staff_b');
    const set = await call(t.app, bureau, 'PUT', '/api/targets', {
      year: 2026,
      items: [
        { unitId: w.city.id, metricKey: 'signedCount', value: 4 },
        { unitId: w.countyA.id, metricKey: 'signedCount', value: 2 },
        { unitId: w.countyB.id, metricKey: 'signedCount', value: 1 },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
  });
  afterAll(() => t.close());

  it('writes the standard sentence, the per-unit table with ranks, and the red and black lists', async () => {
    const response = await call(t.app, bureau, 'GET', '/api/bulletin?year=2026&month=3');
    expect(response.statusCode, response.body).toBe(200);
    const bulletin = response.json() as TBulletin;
    expect(bulletin.period).toBe('1—3月份');
    // The English screen's period (issue 16): "Jan–Mar 2026", beside the English sentence.
    expect(bulletin.periodEn).toBe('Jan–Mar 2026');
    expect(bulletin.items).toHaveLength(1);
    const [signed] = bulletin.items;
    expect(signed!.sentence).toBe('1—3月份，全市新签约项目2个，完成年度目标任务4个的50.00%，上年同期为零。');
    expect(signed!.sentenceEn).toBe('Jan–Mar, the city: Projects signed 2, 50.00% of the annual target of 4, nothing in the same period last year.');
    expect(signed!.units.map((u) => [u.unitName, u.value, u.completion, u.rank])).toEqual([
      ['甲县', 1, '50.00', 2],
      ['乙县', 1, '100.00', 1],
    ]);
    expect(signed!.red).toEqual([w.countyB.id]);
    expect(signed!.black).toEqual([w.countyA.id]);
    const oneEach = (await call(t.app, bureau, 'GET', '/api/bulletin?year=2026&month=3&listSize=1')).json() as TBulletin;
    expect([oneEach.items[0]!.red, oneEach.items[0]!.black]).toEqual([[w.countyB.id], [w.countyA.id]]);
  });

  it('speaks of a county in its own name, and reports the default metrics for a unit without targets', async () => {
    const county = (await call(t.app, staffB, 'GET', '/api/bulletin?year=2026&month=1')).json() as TBulletin;
    expect(county.items.map((i) => i.sentence)).toEqual(['1月份，乙县新签约项目1个，完成年度目标任务1个的100.00%，上年同期为零。']);
    expect(county.items.map((i) => i.sentenceEn)).toEqual(['January, 乙县: Projects signed 1, 100.00% of the annual target of 1, nothing in the same period last year.']);
    const park = (await call(t.app, bureau, 'GET', `/api/bulletin?year=2026&month=1&unitId=${w.parkA.id}`)).json() as TBulletin;
    expect(park.items.map((i) => i.metricKey)).toEqual(['signedCount', 'signedContractYuan', 'startedCount', 'startedInvestmentYuan', 'fundsArrivedDomesticYuan']);
    expect(park.items[1]!.sentence).toBe('1月份，甲县园区新签约项目合同投资额0.00亿元，上年同期为零。');
    await expectApiError(await call(t.app, staffB, 'GET', `/api/bulletin?year=2026&month=3&unitId=${w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
  });
});
