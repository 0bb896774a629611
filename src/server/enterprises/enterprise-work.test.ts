import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TEnterpriseDetail } from '../../shared/enterprises.ts';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';

/**
 * The enterprise page's own work (issue 13 screens): the leads and projects of one enterprise, read through the lists
 * filtered by it — still only the caller's subtree, and a code-named project not found by its investor outside its unit.
 */
describe('leads and projects of one enterprise', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let bureau: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    [staffA, staffB, bureau] = await Promise.all([logIn(t.app, 'staff_a'), logIn(t.app, 'staff_b'), logIn(t.app, 'bureau')]);
  });
  afterAll(() => t.close());

  const ids = async (session: Session, url: string) => ((await call(t.app, session, 'GET', url)).json() as { items: Array<{ id: number }> }).items.map((r) => r.id);

  it('lists the leads on the enterprise in the caller subtree only', async () => {
    const lead = async (session: Session, enterpriseId: number) => {
      const res = await call(t.app, session, 'POST', '/api/leads', { enterpriseId, source: 'other', collectedOn: '2026-01-05' });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { id: number }).id;
    };
    const own = await lead(staffA, w.enterpriseA.id);
    const elsewhere = await lead(staffB, w.enterpriseA.id);
    const other = await lead(staffA, w.enterpriseB.id);
    expect(await ids(staffA, `/api/leads?enterpriseId=${w.enterpriseA.id}`)).toEqual([own]);
    expect(await ids(staffB, `/api/leads?enterpriseId=${w.enterpriseA.id}`)).toEqual([elsewhere]);
    expect((await ids(bureau, `/api/leads?enterpriseId=${w.enterpriseA.id}`)).sort()).toEqual([own, elsewhere].sort());
    expect(await ids(staffA, `/api/leads?enterpriseId=${w.enterpriseA.id}`)).not.toContain(other);
  });

  it('lists the projects of an investor, a code-named one only in its own unit', async () => {
    expect(await ids(staffA, `/api/projects?investorEnterpriseId=${w.enterpriseA.id}`)).toEqual([w.projectA.id]);
    expect(await ids(staffB, `/api/projects?investorEnterpriseId=${w.enterpriseA.id}`)).toEqual([]);
    expect(await ids(bureau, `/api/projects?investorEnterpriseId=${w.enterpriseB.id}`)).toEqual([w.projectB.id]);
    const coded = await call(t.app, staffA, 'PATCH', `/api/projects/${w.projectA.id}`, { codeName: 'A-07号项目' });
    expect(coded.statusCode, coded.body).toBe(200);
    expect(await ids(staffA, `/api/projects?investorEnterpriseId=${w.enterpriseA.id}`)).toEqual([w.projectA.id]);
    expect(await ids(bureau, `/api/projects?investorEnterpriseId=${w.enterpriseA.id}`)).toEqual([]);
  });

  it('shows county B nothing of county A on the enterprise page: no lead, visit, project or contact, only its name', async () => {
    // A fresh enterprise that county A alone works on: a lead, a visit, a project and a contact.
    const created = await call(t.app, staffA, 'POST', '/api/enterprises', { name: '甲县独家跟进企业有限公司' });
    expect(created.statusCode, created.body).toBe(200);
    const enterpriseId = (created.json() as { id: number }).id;
    const steps = [
      await call(t.app, staffA, 'POST', '/api/leads', { enterpriseId, source: 'other', collectedOn: '2026-02-03', note: '甲县的线索' }),
      await call(t.app, staffA, 'POST', '/api/visits', { enterpriseId, visitedOn: '2026-02-04', notes: '甲县的拜访' }),
      await call(t.app, staffA, 'POST', '/api/projects', { name: '甲县独家项目', unitId: w.countyA.id, investorEnterpriseId: enterpriseId, totalInvestmentYuan: 100_000_000 }),
      await call(t.app, staffA, 'POST', `/api/enterprises/${enterpriseId}/contacts`, { name: '甲县联系人', phone: '13800001111' }),
    ];
    for (const step of steps) expect(step.statusCode, step.body).toBe(200);

    const page = async (session: Session) => ({
      leads: await ids(session, `/api/leads?enterpriseId=${enterpriseId}`),
      visits: await ids(session, `/api/visits?enterpriseId=${enterpriseId}`),
      projects: await ids(session, `/api/projects?investorEnterpriseId=${enterpriseId}`),
      detail: (await call(t.app, session, 'GET', `/api/enterprises/${enterpriseId}/detail`)).json() as TEnterpriseDetail,
    });
    const a = await page(staffA);
    expect([a.leads.length, a.visits.length, a.projects.length, a.detail.contacts.length]).toEqual([1, 1, 1, 1]);
    expect(a.detail.interest).toEqual([]);

    const b = await page(staffB);
    expect(b.leads).toEqual([]);
    expect(b.visits).toEqual([]);
    expect(b.projects).toEqual([]);
    expect(b.detail.contacts).toEqual([]);
    // County A's interest reaches county B as its unit's name and the kinds of work, nothing more.
    expect(b.detail.interest).toEqual([{ unitName: '甲县', kinds: ['lead', 'visit', 'project'] }]);
    expect(JSON.stringify(b.detail)).not.toMatch(/甲县的线索|甲县的拜访|甲县独家项目|甲县联系人|13800001111/);
  });
});
