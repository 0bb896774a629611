import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { call, createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';

type Project = { id: number; name: string; unitId: number; unitName: string; investorEnterpriseId: number; investorName: string; totalInvestmentYuan: number; stage: string };
type Page = { items: Project[]; total: number; page: number; pageSize: number };

describe('projects', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
  let projectPark: { id: number };
  let staffA: Session;
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    const enterprisePark = await t.given.enterprise({ unit: w.parkA });
    projectPark = await t.given.project({ unit: w.parkA, investor: enterprisePark, name: '园区项目', stage: 'lead' });
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  const list = async (session: Session, query = '') => (await call(t.app, session, 'GET', `/api/projects?pageSize=200${query}`)).json() as Page;
  const ids = async (session: Session, query = '') => (await list(session, query)).items.map((p) => p.id).sort((a, b) => a - b);

  it('staff create, read and update a project of their unit', async () => {
    const created = await call(t.app, staffA, 'POST', '/api/projects', {
      name: '新能源电池项目',
      investorEnterpriseId: w.enterpriseA.id,
      unitId: w.parkA.id,
      totalInvestmentYuan: 1_250_000_000,
    });
    expect(created.statusCode, created.body).toBe(200);
    const project = created.json() as Project;
    expect(project).toMatchObject({
      name: '新能源电池项目',
      unitId: w.parkA.id,
      unitName: '甲县园区',
      investorEnterpriseId: w.enterpriseA.id,
      investorName: '甲县测试企业有限公司',
      totalInvestmentYuan: 1_250_000_000,
      stage: 'lead',
    });
    expect((await call(t.app, staffA, 'GET', `/api/projects/${project.id}`)).json()).toEqual(project);
    const updated = await call(t.app, staffA, 'PATCH', `/api/projects/${project.id}`, { unitId: w.countyA.id, isMajor: true });
    expect(updated.json()).toMatchObject({ stage: 'lead', unitId: w.countyA.id, name: '新能源电池项目', isMajor: true });
    expect(await t.read.project(project.id)).toMatchObject({ stage: 'lead', unitId: w.countyA.id, createdBy: w.staffA.id, reportedUnitId: w.parkA.id });
    // The stage is not a field of the record: a PATCH naming it changes nothing of it.
    await call(t.app, staffA, 'PATCH', `/api/projects/${project.id}`, { stage: 'inStats' });
    expect((await t.read.project(project.id))!.stage).toBe('lead');
  });

  it('keeps amounts as exact whole 元: large amounts and their sum round-trip exactly', async () => {
    const amounts = [3_000_000_000_000_001, 3_000_000_000_000_002, 3_000_000_000_000_003];
    const created: number[] = [];
    for (const [i, amount] of amounts.entries()) {
      const response = await call(t.app, staffA, 'POST', '/api/projects', { name: `大额项目${i}`, investorEnterpriseId: w.enterpriseA.id, unitId: w.countyA.id, totalInvestmentYuan: amount });
      expect(response.json().totalInvestmentYuan).toBe(amount);
      created.push(response.json().id);
    }
    const back = (await list(staffA, `&q=${encodeURIComponent('大额项目')}`)).items;
    expect(back.map((p) => p.totalInvestmentYuan).sort((a, b) => a - b)).toEqual(amounts);
    const sum = back.reduce((s, p) => s + p.totalInvestmentYuan, 0);
    expect(sum).toBe(9_000_000_000_000_006);
    const [db] = await queryRows<{ sum: string }>(t.db, sql`select sum(total_investment_yuan)::text as sum from projects where id in (${sql.join(created.map((id) => sql`${id}`), sql`, `)})`);
    expect(db!.sum).toBe('9000000000000006');
    const max = await call(t.app, staffA, 'PATCH', `/api/projects/${created[0]}`, { totalInvestmentYuan: Number.MAX_SAFE_INTEGER });
    expect(max.json().totalInvestmentYuan).toBe(Number.MAX_SAFE_INTEGER);
    expect((await t.read.project(created[0]!))!.totalInvestmentYuan).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('names the field of a validation error, in zh-CN and en', async () => {
    const before = await t.read.counts();
    const base = { name: '校验项目', investorEnterpriseId: w.enterpriseA.id, unitId: w.countyA.id, totalInvestmentYuan: 100 };
    const post = (body: object) => call(t.app, staffA, 'POST', '/api/projects', body);
    const negative = await post({ ...base, totalInvestmentYuan: -1 });
    expectApiError(negative, 400, 'validation.invalid', 'totalInvestmentYuan');
    expect(negative.json().error.message).toEqual({ 'zh-CN': '总投资：不能小于0', en: 'Total investment: must be at least 0' });
    const fraction = await post({ ...base, totalInvestmentYuan: 10.5 });
    expectApiError(fraction, 400, 'validation.invalid', 'totalInvestmentYuan');
    expect(fraction.json().error.message.en).toBe('Total investment: must be a whole number');
    expectApiError(await post({ ...base, totalInvestmentYuan: Number.MAX_SAFE_INTEGER + 2 }), 400, 'validation.invalid', 'totalInvestmentYuan');
    expectApiError(await post({ ...base, totalInvestmentYuan: '100' }), 400, 'validation.invalid', 'totalInvestmentYuan');
    const { name: _name, ...noName } = base;
    const missing = await post(noName);
    expectApiError(missing, 400, 'validation.required', 'name');
    expect(missing.json().error.message).toEqual({ 'zh-CN': '名称：不能为空', en: 'Name: is required' });
    expectApiError(await post({ ...base, projectType: 'dreaming' }), 400, 'validation.invalid', 'projectType');
    expectApiError(await post({ ...base, industryCode: '9999' }), 400, 'industry.unknown', 'industryCode');
    expectApiError(await post({ ...base, investorEnterpriseId: 999_999 }), 400, 'project.investorOutOfScope', 'investorEnterpriseId');
    expectApiError(await call(t.app, staffA, 'PATCH', `/api/projects/${w.projectA.id}`, { totalInvestmentYuan: -5 }), 400, 'validation.invalid', 'totalInvestmentYuan');
    expectApiError(await call(t.app, staffA, 'GET', '/api/projects/abc'), 400, 'validation.invalid', 'id');
    expect(await t.read.counts()).toEqual(before);
  });

  it('filters lists by unit, stage and name, and pages them with the right total', async () => {
    expect(await ids(staffA, `&unitId=${w.parkA.id}`)).toEqual([projectPark.id]);
    expect(await ids(staffA, `&stage=lead&unitId=${w.parkA.id}`)).toEqual([projectPark.id]);
    expect(await ids(staffA, `&stage=producing`)).toEqual([]);
    expect(await ids(staffA, `&q=${encodeURIComponent('园区项目')}`)).toEqual([projectPark.id]);
    const all = await list(staffA);
    const first = (await call(t.app, staffA, 'GET', '/api/projects?pageSize=2&page=1')).json() as Page;
    const second = (await call(t.app, staffA, 'GET', '/api/projects?pageSize=2&page=2')).json() as Page;
    const beyond = (await call(t.app, staffA, 'GET', '/api/projects?pageSize=2&page=99')).json() as Page;
    expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
    expect(second.total).toBe(all.total);
    expect([...first.items, ...second.items].map((p) => p.id)).toEqual(all.items.slice(0, 4).map((p) => p.id));
    expect(beyond).toMatchObject({ items: [], total: all.total });
    expectApiError(await call(t.app, staffA, 'GET', '/api/projects?pageSize=500'), 400, 'validation.invalid', 'pageSize');
  });

  it("a unit filter takes in the unit's sub-units, and the page's total counts them", async () => {
    const bureau = await logIn(t.app, 'bureau');
    const inCountyA = await queryRows<{ id: number }>(
      t.db,
      sql`select id from projects where unit_id in (${w.countyA.id}, ${w.parkA.id}) order by id`,
    );
    expect(inCountyA.map((p) => p.id)).toEqual(expect.arrayContaining([w.projectA.id, projectPark.id]));
    expect(await ids(bureau, `&unitId=${w.countyA.id}`)).toEqual(inCountyA.map((p) => p.id));
    const inPark = await queryRows<{ id: number }>(t.db, sql`select id from projects where unit_id = ${w.parkA.id} order by id`);
    expect(await ids(bureau, `&unitId=${w.parkA.id}`)).toEqual(inPark.map((p) => p.id));
    // One project a page: the total is then the kept per-unit counts summed over the subtree, not a count of the page.
    const paged = (await call(t.app, bureau, 'GET', `/api/projects?pageSize=1&unitId=${w.countyA.id}`)).json() as Page;
    expect(paged.total).toBe(inCountyA.length);
    expect((await call(t.app, bureau, 'GET', `/api/projects?pageSize=1&stage=lead&unitId=${w.countyA.id}`)).json()).toMatchObject({
      total: (await list(bureau, `&stage=lead`)).items.filter((p) => inCountyA.some((c) => c.id === p.id)).length,
    });
  });

  it('a leader reads the subtree but cannot write', async () => {
    const leader = await logIn(t.app, 'leader_a');
    expect(await ids(leader)).toEqual(await ids(staffA));
    expect(await ids(leader)).toEqual(expect.arrayContaining([w.projectA.id, projectPark.id]));
    expect((await call(t.app, leader, 'GET', `/api/projects/${projectPark.id}`)).statusCode).toBe(200);
    const before = await t.read.project(w.projectA.id);
    const counts = await t.read.counts();
    expectApiError(
      await call(t.app, leader, 'POST', '/api/projects', { name: '领导项目', investorEnterpriseId: w.enterpriseA.id, unitId: w.countyA.id, totalInvestmentYuan: 1 }),
      403,
      'auth.readOnly',
    );
    expectApiError(await call(t.app, leader, 'PATCH', `/api/projects/${w.projectA.id}`, { stage: 'terminated' }), 403, 'auth.readOnly');
    expect(await t.read.project(w.projectA.id)).toEqual(before);
    expect(await t.read.counts()).toEqual(counts);
  });

  it('a department sees empty lists and no project', async () => {
    const dept = await logIn(t.app, 'dept');
    expect(await list(dept)).toMatchObject({ items: [], total: 0 });
    expect(await list(dept, `&unitId=${w.countyA.id}`)).toMatchObject({ items: [], total: 0 });
    expectApiError(await call(t.app, dept, 'GET', `/api/projects/${w.projectA.id}`), 404, 'notFound');
    expectApiError(await call(t.app, dept, 'PATCH', `/api/projects/${w.projectA.id}`, { stage: 'signed' }), 403, 'auth.readOnly');
  });

  it('county staff see the park’s projects; park staff do not see the county’s; the bureau sees everything', async () => {
    expect((await call(t.app, staffA, 'GET', `/api/projects/${projectPark.id}`)).statusCode).toBe(200);
    expect(await ids(staffA)).toContain(projectPark.id);
    expect((await call(t.app, staffA, 'PATCH', `/api/projects/${projectPark.id}`, { name: '园区项目(二期)' })).statusCode).toBe(200);

    await t.given.user({ unit: w.parkA, role: 'staff', username: 'park_staff' });
    const park = await logIn(t.app, 'park_staff');
    expect(await ids(park)).toEqual([projectPark.id]);
    expectApiError(await call(t.app, park, 'GET', `/api/projects/${w.projectA.id}`), 404, 'notFound');
    expectApiError(
      await call(t.app, park, 'POST', '/api/projects', { name: '上级单位项目', investorEnterpriseId: w.enterpriseA.id, unitId: w.countyA.id, totalInvestmentYuan: 1 }),
      400,
      'project.unitOutOfScope',
      'unitId',
    );

    const all = await list(await logIn(t.app, 'bureau'));
    expect(all.total).toBe((await t.read.counts()).projects);
    expect(all.items.map((p) => p.id)).toEqual(expect.arrayContaining([w.projectA.id, w.projectB.id, projectPark.id]));
  });
});
