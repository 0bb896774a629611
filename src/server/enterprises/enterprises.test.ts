import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, creditCode, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';

type Enterprise = { id: number; name: string; creditCode: string | null; hqRegionCode: string | null; hqRegionName: string | null; unitId: number; unitName: string };

describe('enterprises', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
  let enterprisePark: { id: number };
  let staffA: Session;
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    enterprisePark = await t.given.enterprise({ unit: w.parkA, name: '甲县园区企业有限公司' });
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  const listIds = async (session: Session, query = '') =>
    ((await call(t.app, session, 'GET', `/api/enterprises?pageSize=200${query}`)).json() as { items: Enterprise[] }).items.map((e) => e.id).sort((a, b) => a - b);

  it('staff register an enterprise in their unit by default, or in a unit below it; the code is stored normalized', async () => {
    const own = await call(t.app, staffA, 'POST', '/api/enterprises', {
      name: '  襄阳新能源有限公司 ',
      creditCode: ` ${creditCode(201).toLowerCase().slice(0, 9)} ${creditCode(201).toLowerCase().slice(9)} `,
      hqRegionCode: '420602',
    });
    expect(own.statusCode, own.body).toBe(200);
    const created = own.json() as Enterprise;
    expect(created).toMatchObject({ name: '襄阳新能源有限公司', creditCode: creditCode(201), unitId: w.countyA.id, unitName: '甲县', hqRegionCode: '420602' });
    expect(created.hqRegionName).toContain('襄城');
    expect(await t.read.enterprise(created.id)).toMatchObject({ creditCode: creditCode(201), unitId: w.countyA.id, createdBy: w.staffA.id });
    expect((await call(t.app, staffA, 'GET', `/api/enterprises/${created.id}`)).json()).toEqual(created);

    const inPark = await call(t.app, staffA, 'POST', '/api/enterprises', { name: '园区里的企业有限公司', unitId: w.parkA.id });
    expect(inPark.json()).toMatchObject({ unitId: w.parkA.id, creditCode: null, hqRegionCode: null });
  });

  it('updates an enterprise and finds it by name or by credit code', async () => {
    const response = await call(t.app, staffA, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { name: '甲县测试企业股份有限公司', creditCode: null });
    expect(response.json()).toMatchObject({ name: '甲县测试企业股份有限公司', creditCode: null });
    expect(await t.read.enterprise(w.enterpriseA.id)).toMatchObject({ name: '甲县测试企业股份有限公司', creditCode: null });
    expect(await listIds(staffA, `&q=${encodeURIComponent('股份')}`)).toEqual([w.enterpriseA.id]);
    const restored = await call(t.app, staffA, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { creditCode: creditCode(1) });
    expect(restored.statusCode).toBe(200);
    expect(await listIds(staffA, `&q=${creditCode(1).toLowerCase()}`)).toEqual([w.enterpriseA.id]);
  });

  it('names the field of a validation error, in zh-CN and en', async () => {
    const before = await t.read.counts();
    const post = (body: object) => call(t.app, staffA, 'POST', '/api/enterprises', body);
    const good = creditCode(202);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const checkDigit = await post({ name: '校验位错误有限公司', creditCode: wrongCheck });
    expectApiError(checkDigit, 400, 'creditCode.checkDigit', 'creditCode');
    expect(checkDigit.json().error.message).toEqual({
      'zh-CN': '统一社会信用代码：校验位不正确',
      en: 'Unified social credit code: the check character is wrong',
    });
    expectApiError(await post({ name: '长度错误有限公司', creditCode: good.slice(0, 17) }), 400, 'creditCode.length', 'creditCode');
    expectApiError(await post({ name: '字符错误有限公司', creditCode: 'O' + good.slice(1) }), 400, 'creditCode.character', 'creditCode');
    const missing = await post({ creditCode: good });
    expectApiError(missing, 400, 'validation.required', 'name');
    expect(missing.json().error.message).toEqual({ 'zh-CN': '名称：不能为空', en: 'Name: is required' });
    const short = await post({ name: ' 甲 ' });
    expectApiError(short, 400, 'validation.invalid', 'name');
    expect(short.json().error.message.en).toBe('Name: must be at least 2 characters');
    expectApiError(await post({ name: '地区未知有限公司', hqRegionCode: '999999' }), 400, 'region.unknown', 'hqRegionCode');
    expectApiError(await post({ name: '地区格式有限公司', hqRegionCode: '4206' }), 400, 'validation.invalid', 'hqRegionCode');
    expectApiError(await post({ name: '单位类型有限公司', unitId: 'countyA' }), 400, 'validation.invalid', 'unitId');
    expect(await t.read.counts()).toEqual(before);
  });

  it('a leader reads the subtree but cannot write', async () => {
    const leader = await logIn(t.app, 'leader_a');
    expect(await listIds(leader)).toEqual(await listIds(staffA));
    expect(await listIds(leader)).toEqual(expect.arrayContaining([w.enterpriseA.id, enterprisePark.id]));
    expect((await call(t.app, leader, 'GET', `/api/enterprises/${enterprisePark.id}`)).statusCode).toBe(200);
    const before = await t.read.enterprise(w.enterpriseA.id);
    const counts = await t.read.counts();
    expectApiError(await call(t.app, leader, 'POST', '/api/enterprises', { name: '领导登记的企业有限公司' }), 403, 'auth.readOnly');
    expectApiError(await call(t.app, leader, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { name: '领导改名有限公司' }), 403, 'auth.readOnly');
    expect(await t.read.enterprise(w.enterpriseA.id)).toEqual(before);
    expect(await t.read.counts()).toEqual(counts);
  });

  it('a department reads the library (the city’s shared reference) but cannot register or change an enterprise', async () => {
    const dept = await logIn(t.app, 'dept');
    const list = await call(t.app, dept, 'GET', '/api/enterprises?pageSize=200');
    expect(list.json()).toMatchObject({ total: (await t.read.counts()).enterprises });
    expect((await call(t.app, dept, 'GET', `/api/enterprises/${w.enterpriseA.id}`)).statusCode).toBe(200);
    expectApiError(await call(t.app, dept, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { name: '部门改名有限公司' }), 403, 'auth.readOnly');
    expectApiError(await call(t.app, dept, 'POST', '/api/enterprises', { name: '部门登记企业有限公司' }), 403, 'auth.readOnly');
  });

  it('every unit reads every enterprise (issue 13); a park’s staff change only what their park recorded', async () => {
    await t.given.user({ unit: w.parkA, role: 'staff', username: 'park_staff' });
    const park = await logIn(t.app, 'park_staff');
    const all = (await call(t.app, await logIn(t.app, 'bureau'), 'GET', '/api/enterprises?pageSize=200')).json() as { items: Enterprise[]; total: number };
    expect(all.total).toBe((await t.read.counts()).enterprises);
    expect(all.items.map((e) => e.id)).toEqual(expect.arrayContaining([w.enterpriseA.id, w.enterpriseB.id, enterprisePark.id]));
    expect(await listIds(park)).toEqual(all.items.map((e) => e.id).sort((a, b) => a - b));
    expect(await listIds(staffA)).toEqual(await listIds(park));
    expect((await call(t.app, park, 'GET', `/api/enterprises/${w.enterpriseA.id}`)).json()).toMatchObject({ id: w.enterpriseA.id, canEdit: false });

    const before = await t.read.enterprise(w.enterpriseA.id);
    expectApiError(await call(t.app, park, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { name: '园区改名有限公司' }), 403, 'enterprise.factsReadOnly');
    expect(await t.read.enterprise(w.enterpriseA.id)).toEqual(before);
    expect((await call(t.app, park, 'PATCH', `/api/enterprises/${enterprisePark.id}`, { englishName: 'Park Enterprise Ltd.' })).json()).toMatchObject({ englishName: 'Park Enterprise Ltd.' });
  });
});
