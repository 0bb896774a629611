import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
