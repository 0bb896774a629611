import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { projects } from '../db/schema.ts';
import type { TBreakdown, TMetricRecords } from '../../shared/cockpit.ts';

/**
 * The cockpit's industry breakdown at a chosen level (issue 16): 门类, 大类 or 中类, each row's figure the same as
 * the records it opens, the rows adding up to the unit's figure, names in both languages.
 */
describe('the industry breakdown by level', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  const ids: Record<string, number> = {};
  const period = 'from=2019-01-01&to=2019-12-31';

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    const investor = await t.given.enterprise({ unit: w.city, name: '层级测试投资有限公司' });
    // Two batteries (384), one other electrical (389), one coded only to its division (38), one medicine (271), one none.
    for (const [key, code] of [['3841a', '3841'], ['3841b', '3841'], ['3899', '3899'], ['38', '38'], ['2710', '2710'], ['none', null]] as const) {
      const project = await t.given.project({ unit: w.countyA, investor, stage: 'signed' });
      await t.db.update(projects).set({ signedOn: '2019-05-01', industryCode: code }).where(eq(projects.id, project.id));
      ids[key] = project.id;
    }
  });
  afterAll(() => t.close());

  const get = async <T>(url: string): Promise<T> => {
    const response = await call(t.app, bureau, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };
  const breakdown = (level?: string) => get<TBreakdown>(`/api/cockpit/breakdown?${period}&key=signedCount&by=industry${level ? `&industryLevel=${level}` : ''}`);
  const rowsOf = (b: TBreakdown) => Object.fromEntries(b.rows.map((r) => [r.group, r.value]));

  it('groups by 门类 by default, by 大类 or 中类 when asked; the rows add up to the whole', async () => {
    const sections = await breakdown();
    expect(rowsOf(sections)).toEqual({ C: 5, unknown: 1 });
    expect(rowsOf(await breakdown('section'))).toEqual(rowsOf(sections));
    const divisions = await breakdown('division');
    expect(rowsOf(divisions)).toEqual({ '38': 4, '27': 1, unknown: 1 });
    const groups = await breakdown('group');
    expect(rowsOf(groups)).toEqual({ '384': 2, '389': 1, '38': 1, '271': 1, unknown: 1 });
    for (const b of [sections, divisions, groups]) expect(b.rows.reduce((sum, r) => sum + r.value, 0)).toBe(b.value);
    expect(groups.value).toBe(6);
    expect((await call(t.app, bureau, 'GET', `/api/cockpit/breakdown?${period}&key=signedCount&by=industry&industryLevel=class`)).statusCode).toBe(400);
  });

  it('names each row in Chinese and English', async () => {
    const divisions = await breakdown('division');
    expect(divisions.rows.find((r) => r.group === '38')!.label).toEqual({ zh: '38 电气机械和器材制造业', en: '38 Manufacture of electrical machinery and apparatus' });
    const groups = await breakdown('group');
    expect(groups.rows.find((r) => r.group === '384')!.label).toEqual({ zh: '384 电池制造', en: '384 电池制造 (Manufacture of electrical machinery and apparatus)' });
    expect((await breakdown()).rows.find((r) => r.group === 'C')!.label).toEqual({ zh: 'C 制造业', en: 'C Manufacturing' });
  });

  it('a 中类 or 大类 row opens exactly its records', async () => {
    const records = (group: string) => get<TMetricRecords>(`/api/cockpit/records?${period}&key=signedCount&by=industry&group=${group}`);
    const battery = await records('384');
    expect(battery.items.map((r) => r.projectId).sort()).toEqual([ids['3841a'], ids['3841b']].sort());
    expect(battery.value).toBe(2);
    expect((await records('389')).items.map((r) => r.projectId)).toEqual([ids['3899']]);
    expect((await records('27')).items.map((r) => r.projectId)).toEqual([ids['2710']]);
    expect((await records('38')).value).toBe(4);
  });
});
