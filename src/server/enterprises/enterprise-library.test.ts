import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, enterpriseContacts, enterprises, projects } from '../db/schema.ts';
import { call, createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TEnterprise, TEnterpriseContact, TEnterpriseDetail, TEnterpriseTier } from '../../shared/enterprises.ts';
import type { TImportBatch } from '../../shared/imports.ts';
import { ledgerXlsx, multipartBody } from '../../../test/support/ledgers.ts';

describe('the enterprise library (issue 13)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let bureau: Session;
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    bureau = await logIn(t.app, 'bureau');
  });
  afterAll(() => t.close());

  const detail = async (session: Session, id: number) => {
    const response = await call(t.app, session, 'GET', `/api/enterprises/${id}/detail`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TEnterpriseDetail;
  };

  it('every user of the city reads the public facts of every enterprise; staff change only those their units recorded', async () => {
    for (const username of ['staff_b', 'leader_a', 'dept']) {
      const session = await logIn(t.app, username);
      const list = (await call(t.app, session, 'GET', '/api/enterprises?pageSize=200')).json() as { items: TEnterprise[] };
      expect(list.items.map((e) => e.id)).toEqual(expect.arrayContaining([w.enterpriseA.id, w.enterpriseB.id]));
      expect((await call(t.app, session, 'GET', `/api/enterprises/${w.enterpriseA.id}`)).json()).toMatchObject({ name: '甲县测试企业有限公司', unitName: '甲县' });
    }
    expect((await call(t.app, staffB, 'GET', `/api/enterprises/${w.enterpriseA.id}`)).json()).toMatchObject({ canEdit: false });
    expect((await call(t.app, staffA, 'GET', `/api/enterprises/${w.enterpriseA.id}`)).json()).toMatchObject({ canEdit: true });

    const before = await t.read.enterprise(w.enterpriseA.id);
    expectApiError(await call(t.app, staffB, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { name: '乙县改名有限公司' }), 403, 'enterprise.factsReadOnly');
    expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${w.enterpriseA.id}/tiers`, { list: 'high_tech', year: 2024 }), 403, 'enterprise.factsReadOnly');
    expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${w.enterpriseA.id}/names`, { kind: 'short', name: '甲测' }), 403, 'enterprise.factsReadOnly');
    expect(await t.read.enterprise(w.enterpriseA.id)).toEqual(before);

    const facts = {
      englishName: 'Jiaxian Test Co., Ltd.',
      industryCodes: ['C', '3841'],
      registeredCapitalYuan: 50_000_000,
      foundedOn: '2009-06-18',
      businessScope: '电池制造;储能系统集成',
      listingExchange: 'SZSE',
      listingTicker: '300750',
      sizeBand: 'large',
      website: 'https://example.com',
      localUnitId: w.parkA.id,
    };
    const updated = await call(t.app, bureau, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, facts);
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ ...facts, localUnitName: '甲县园区', canEdit: true });
    expect((await call(t.app, staffB, 'GET', `/api/enterprises/${w.enterpriseA.id}`)).json()).toMatchObject(facts);
    expectApiError(await call(t.app, staffA, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { sizeBand: 'huge' }), 400, 'validation.invalid', 'sizeBand');
    expectApiError(await call(t.app, staffA, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { website: 'javascript:alert(1)' }), 400, 'validation.invalid', 'website');
    expectApiError(await call(t.app, staffA, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { localUnitId: 999_999 }), 400, 'enterprise.localUnitUnknown', 'localUnitId');
  });

  it('keeps tiers as dated list entries, so who was on which list when is answerable; 世界500强 follows the latest list', async () => {
    const add = (session: Session, id: number, body: object) => call(t.app, session, 'POST', `/api/enterprises/${id}/tiers`, body);
    const giant = await add(staffA, w.enterpriseA.id, { list: 'little_giant', year: 2023, batch: '第五批' });
    expect(giant.statusCode, giant.body).toBe(200);
    expect((await add(staffA, w.enterpriseA.id, { list: 'fortune_global_500', year: 2024, rank: 480 })).statusCode).toBe(200);
    expect((await add(staffA, w.enterpriseA.id, { list: 'high_tech', year: 2021 })).statusCode).toBe(200);
    expectApiError(await add(staffA, w.enterpriseA.id, { list: 'fortune_global_500', year: 2024, rank: 1 }), 409, 'enterprise.tierTaken', 'year');
    // The test clock stands in 2026: a later year's list is not out yet.
    expectApiError(await add(staffA, w.enterpriseA.id, { list: 'fortune_global_500', year: 2027, rank: 1 }), 400, 'enterprise.tierYearFuture', 'year');
    expectApiError(await add(staffA, w.enterpriseA.id, { list: 'high_tech', year: 2022, rank: 3 }), 400, 'enterprise.tierNotRanked', 'rank');
    expectApiError(await add(staffA, w.enterpriseA.id, { list: 'fortune_500', year: 2022 }), 400, 'validation.invalid', 'list');

    const history = (await detail(staffB, w.enterpriseA.id)).tierHistory;
    expect(history.map((e) => [e.year, e.list, e.rank, e.batch])).toEqual([
      [2024, 'fortune_global_500', 480, null],
      [2023, 'little_giant', null, '第五批'],
      [2021, 'high_tech', null, null],
    ]);
    expect(await t.read.enterprise(w.enterpriseA.id)).toMatchObject({ fortuneGlobal500: true });

    // B enters the 2025 list: A (2024) still counts; once a 2026 list is on record, A's 2024 entry no longer does.
    const bEntry = (await add(bureau, w.enterpriseB.id, { list: 'fortune_global_500', year: 2025, rank: 12 })).json() as TEnterpriseTier;
    expect(await t.read.enterprise(w.enterpriseA.id)).toMatchObject({ fortuneGlobal500: true });
    expect(await t.read.enterprise(w.enterpriseB.id)).toMatchObject({ fortuneGlobal500: true });
    const moved = await call(t.app, bureau, 'PUT', `/api/enterprises/${w.enterpriseB.id}/tiers/${bEntry.id}`, { list: 'fortune_global_500', year: 2026, rank: 10 });
    expect(moved.json()).toMatchObject({ year: 2026, rank: 10 });
    expect(await t.read.enterprise(w.enterpriseA.id)).toMatchObject({ fortuneGlobal500: false });
    const derived = (await t.read.audit()).filter((a) => a.entity === 'enterprise' && a.entityId === String(w.enterpriseA.id) && a.reason?.includes('世界500强'));
    expect(derived.map((a) => a.after)).toEqual([{ fortuneGlobal500: true }, { fortuneGlobal500: false }]);

    expect((await call(t.app, bureau, 'DELETE', `/api/enterprises/${w.enterpriseB.id}/tiers/${bEntry.id}`)).statusCode).toBe(200);
    expect(await t.read.enterprise(w.enterpriseA.id)).toMatchObject({ fortuneGlobal500: true });
    expect(await t.read.enterprise(w.enterpriseB.id)).toMatchObject({ fortuneGlobal500: false });
    expectApiError(await call(t.app, bureau, 'DELETE', `/api/enterprises/${w.enterpriseA.id}/tiers/${bEntry.id}`), 404, 'notFound');
    expect((await t.read.audit()).filter((a) => a.entity === 'enterpriseTier').map((a) => a.action)).toEqual(['create', 'create', 'create', 'create', 'update', 'delete']);
  });

  it('keeps former names, 简称 and English names', async () => {
    const added = await call(t.app, staffA, 'POST', `/api/enterprises/${w.enterpriseA.id}/names`, { kind: 'former', name: '甲县老字号厂' });
    expect(added.statusCode, added.body).toBe(200);
    const { id } = added.json() as { id: number };
    expectApiError(await call(t.app, staffA, 'POST', `/api/enterprises/${w.enterpriseA.id}/names`, { kind: 'former', name: '甲县老字号厂' }), 409, 'enterprise.otherNameTaken', 'name');
    expect((await call(t.app, staffA, 'PUT', `/api/enterprises/${w.enterpriseA.id}/names/${id}`, { kind: 'short', name: '甲测' })).json()).toMatchObject({ kind: 'short', name: '甲测' });
    expect((await detail(staffB, w.enterpriseA.id)).enterprise.otherNames).toEqual([{ id, kind: 'short', name: '甲测' }]);
    expect((await call(t.app, staffA, 'DELETE', `/api/enterprises/${w.enterpriseA.id}/names/${id}`)).statusCode).toBe(200);
    expect((await detail(staffA, w.enterpriseA.id)).enterprise.otherNames).toEqual([]);
  });

  it('builds the group tree: the source region is the ultimate parent’s HQ, and no loop is accepted', async () => {
    const parent = (await call(t.app, bureau, 'POST', '/api/enterprises', { name: '深圳集团总部有限公司', hqRegionCode: '440305' })).json() as TEnterprise;
    expect((await call(t.app, bureau, 'PATCH', `/api/enterprises/${w.enterpriseB.id}`, { parentEnterpriseId: parent.id, hqRegionCode: '310115' })).statusCode).toBe(200);
    const child = await call(t.app, staffA, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { parentEnterpriseId: w.enterpriseB.id });
    expect(child.json()).toMatchObject({ parentEnterpriseId: w.enterpriseB.id, parentName: '乙县测试企业有限公司', sourceRegionCode: '440305' });

    const page = await detail(staffB, w.enterpriseA.id);
    expect(page.group.parents.map((p) => [p.id, p.hqRegionCode])).toEqual([
      [w.enterpriseB.id, '310115'],
      [parent.id, '440305'],
    ]);
    expect((await detail(staffB, parent.id)).group.children.map((c) => c.id)).toEqual([w.enterpriseB.id]);

    const before = await t.read.enterprise(parent.id);
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/enterprises/${parent.id}`, { parentEnterpriseId: w.enterpriseA.id }), 400, 'enterprise.parentCycle', 'parentEnterpriseId');
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/enterprises/${parent.id}`, { parentEnterpriseId: parent.id }), 400, 'enterprise.parentCycle', 'parentEnterpriseId');
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/enterprises/${parent.id}`, { parentEnterpriseId: 999_999 }), 400, 'enterprise.parentUnknown', 'parentEnterpriseId');
    expect(await t.read.enterprise(parent.id)).toEqual(before);
  });

  it('keeps contacts per unit: phones masked, read only in the subtree and by the bureau, every full read audited', async () => {
    const added = await call(t.app, staffA, 'POST', `/api/enterprises/${w.enterpriseB.id}/contacts`, { name: '王经理', title: '投资总监', phone: '13812345678', unitId: w.parkA.id });
    expect(added.statusCode, added.body).toBe(200);
    const contact = added.json() as TEnterpriseContact;
    expect(contact).toMatchObject({ name: '王经理', phoneMasked: '138****5678', unitName: '甲县园区' });
    expect(added.body).not.toContain('13812345678');

    // County B (the enterprise's own recorder) does not see county A's contact; the bureau and county A do.
    expect((await call(t.app, staffB, 'GET', `/api/enterprises/${w.enterpriseB.id}/contacts`)).json()).toEqual([]);
    expect((await detail(staffB, w.enterpriseB.id)).contacts).toEqual([]);
    expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${w.enterpriseB.id}/contacts/${contact.id}/phone`), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'PUT', `/api/enterprises/${w.enterpriseB.id}/contacts/${contact.id}`, { name: '改名' }), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'DELETE', `/api/enterprises/${w.enterpriseB.id}/contacts/${contact.id}`), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${w.enterpriseB.id}/contacts`, { name: '李四', unitId: w.countyA.id }), 400, 'project.unitOutOfScope', 'unitId');
    expect((await detail(bureau, w.enterpriseB.id)).contacts.map((c) => c.id)).toEqual([contact.id]);
    expect((await detail(staffA, w.enterpriseB.id)).contacts).toEqual([contact]);

    const phoneReadsBefore = (await t.read.audit()).filter((a) => a.action === 'phoneRead').length;
    expect(phoneReadsBefore).toBe(0);
    const leader = await logIn(t.app, 'leader_a');
    expect((await call(t.app, leader, 'POST', `/api/enterprises/${w.enterpriseB.id}/contacts/${contact.id}/phone`)).json()).toEqual({ phone: '13812345678' });
    expect((await call(t.app, bureau, 'POST', `/api/enterprises/${w.enterpriseB.id}/contacts/${contact.id}/phone`)).json()).toEqual({ phone: '13812345678' });
    const reads = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'contact'), eq(auditLog.action, 'phoneRead')));
    expect(reads.map((r) => [r.actorUserId, r.entityId, r.unitId])).toEqual([
      [w.leaderA.id, String(contact.id), w.parkA.id],
      [w.bureau.id, String(contact.id), w.parkA.id],
    ]);

    expectApiError(await call(t.app, leader, 'POST', `/api/enterprises/${w.enterpriseB.id}/contacts`, { name: '领导加的' }), 403, 'auth.readOnly');
    const edited = await call(t.app, staffA, 'PUT', `/api/enterprises/${w.enterpriseB.id}/contacts/${contact.id}`, { name: '王经理', phone: '0710-3456789' });
    expect(edited.json()).toMatchObject({ phoneMasked: '071****6789', title: null });
    expect((await call(t.app, staffA, 'DELETE', `/api/enterprises/${w.enterpriseB.id}/contacts/${contact.id}`)).statusCode).toBe(200);
    expect(await t.db.select().from(enterpriseContacts)).toEqual([]);
  });

  it('keeps an investor an import added once someone took it up, when the import is reverted', async () => {
    const row = ['储能电站项目', '甲县新储能有限公司', '', '', '5000', '', '2025年5月', '', '甲县', '已签约', '', ''];
    const body = multipartBody('甲县台账.xlsx', await ledgerXlsx({ title: '甲县2025年招商引资签约项目台账', sections: [{ title: '一、工业项目', rows: [row] }] }));
    const upload = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    expect(upload.statusCode, upload.body).toBe(200);
    const batch = upload.json() as TImportBatch;
    expect((await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`)).statusCode).toBe(200);
    const found = (await call(t.app, staffB, 'GET', `/api/enterprises?q=${encodeURIComponent('甲县新储能')}`)).json() as { items: TEnterprise[] };
    const investor = found.items[0]!;
    expect(investor).toMatchObject({ name: '甲县新储能有限公司', unitName: '甲县' });
    // County B records a contact at the new enterprise of the shared library; A's revert must not take it away.
    expect((await call(t.app, staffB, 'POST', `/api/enterprises/${investor.id}/contacts`, { name: '赵总' })).statusCode).toBe(200);
    const reverted = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/revert`);
    expect(reverted.statusCode, reverted.body).toBe(200);
    expect(await t.read.enterprise(investor.id)).toMatchObject({ name: '甲县新储能有限公司' });
  });

  it('matches a ledger’s investors in the whole library: by credit code, or by a name only one enterprise has', async () => {
    const rows = [
      ['乙县储能项目', '甲县测试企业（集团）', w.enterpriseA.creditCode!, '', '5000', '', '2025年5月', '', '乙县', '已签约', '', ''],
      ['乙县深圳项目', '深圳集团总部有限公司', '', '', '8000', '', '2025年6月', '', '乙县', '已签约', '', ''],
    ];
    const body = multipartBody('乙县台账.xlsx', await ledgerXlsx({ title: '乙县2025年招商引资签约项目台账', sections: [{ title: '一、工业项目', rows }] }));
    const upload = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffB.cookie } });
    expect(upload.statusCode, upload.body).toBe(200);
    const batch = upload.json() as TImportBatch;
    const enterprisesBefore = (await t.read.counts()).enterprises;
    const commit = await call(t.app, staffB, 'POST', `/api/imports/${batch.id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    const imported = await t.db.select().from(projects).where(eq(projects.unitId, w.countyB.id));
    const investorOf = (name: string) => imported.find((p) => p.name === name)?.investorEnterpriseId;
    expect(investorOf('乙县储能项目')).toBe(w.enterpriseA.id);
    const [group] = await t.db.select().from(enterprises).where(eq(enterprises.name, '深圳集团总部有限公司'));
    expect(investorOf('乙县深圳项目')).toBe(group!.id);
    expect((await t.read.counts()).enterprises).toBe(enterprisesBefore);
  });

  it('shows another unit’s interest only as that unit’s name; the unit’s own work is not "interest"', async () => {
    // County B's project invests in enterprise B; county A opens B's page.
    expect((await detail(staffA, w.enterpriseB.id)).interest).toEqual([{ unitName: '乙县', kinds: ['project'] }]);
    expect((await detail(staffB, w.enterpriseB.id)).interest).toEqual([]);
    expect((await detail(bureau, w.enterpriseB.id)).interest).toEqual([]);
    const body = (await call(t.app, staffA, 'GET', `/api/enterprises/${w.enterpriseB.id}/detail`)).body;
    expect(body).not.toContain('乙县测试项目');

    // County B may now link its own work to county A's enterprise: the library is shared, the visit stays B's.
    const visit = await call(t.app, staffB, 'POST', '/api/visits', { enterpriseId: w.enterpriseA.id, enterpriseName: '甲县测试企业有限公司', kind: 'visit', visitedOn: '2026-02-10' });
    expect(visit.statusCode, visit.body).toBe(200);
    // (乙县's ledger import above already named this enterprise as an investor.)
    expect((await detail(staffA, w.enterpriseA.id)).interest).toEqual([{ unitName: '乙县', kinds: ['visit', 'project'] }]);
  });
});
