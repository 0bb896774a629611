import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TProject } from '../../shared/projects.ts';

type Page = { items: TProject[]; total: number };

describe('the full project record, its filters and its confidentiality', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let bureau: Session;
  let secret: TProject;
  let battery: TProject;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    bureau = await logIn(t.app, 'bureau');
    const created = await call(t.app, staffA, 'POST', '/api/projects', {
      name: '华为鲲鹏服务器生产基地项目',
      codeName: 'A-01号项目',
      investorEnterpriseId: w.enterpriseA.id,
      unitId: w.countyA.id,
      totalInvestmentYuan: 2_000_000_000,
    });
    expect(created.statusCode, created.body).toBe(200);
    secret = created.json();
    const second = await call(t.app, staffA, 'POST', '/api/projects', {
      name: '锂电池隔膜生产项目',
      investorEnterpriseId: w.enterpriseA.id,
      unitId: w.parkA.id,
      reportedUnitId: w.countyA.id,
      projectType: 'industrial',
      industryCode: '3841',
      totalInvestmentYuan: 1_500_000_000,
      contractInvestmentYuan: 1_200_000_000,
      fundSource: 'outOfProvince',
      isMajor: true,
      threeBatch: '2026年第一期',
      responsibleLeader: '张副县长',
      responsibleOfficerId: w.staffA.id,
    });
    expect(second.statusCode, second.body).toBe(200);
    battery = second.json();
  });
  afterAll(() => t.close());

  const ids = async (session: Session, query: string) =>
    ((await call(t.app, session, 'GET', `/api/projects?pageSize=200${query}`)).json() as Page).items.map((p) => p.id);

  it('keeps every field of the record, with names resolved for display', () => {
    expect(battery).toMatchObject({
      unitName: '甲县园区',
      reportedUnitId: w.countyA.id,
      reportedUnitName: '甲县',
      industryCode: '3841',
      industryName: '锂离子电池制造',
      contractInvestmentYuan: 1_200_000_000,
      fundSource: 'outOfProvince',
      isMajor: true,
      threeBatch: '2026年第一期',
      responsibleLeader: '张副县长',
      responsibleOfficerId: w.staffA.id,
      responsibleOfficerName: w.staffA.displayName,
      stage: 'lead',
      deadlineStatus: null,
      confidential: false,
    });
    // The first-reporting unit defaults to the unit where the project lands.
    expect(secret.reportedUnitId).toBe(w.countyA.id);
  });

  it('shows the code name, not the real name or investor, to users outside the project’s unit — even the bureau', async () => {
    const own = (await call(t.app, staffA, 'GET', `/api/projects/${secret.id}`)).json() as TProject;
    expect(own).toMatchObject({ name: '华为鲲鹏服务器生产基地项目', codeName: 'A-01号项目', confidential: false });
    const city = (await call(t.app, bureau, 'GET', `/api/projects/${secret.id}`)).json() as TProject;
    expect(city).toMatchObject({ name: 'A-01号项目', codeName: null, confidential: true, investorEnterpriseId: null, investorName: '***' });
    expect(JSON.stringify(city)).not.toContain('华为');
    // Searching the real name from outside finds nothing; the code name is found.
    expect(await ids(bureau, `&q=${encodeURIComponent('鲲鹏')}`)).toEqual([]);
    expect(await ids(bureau, `&q=${encodeURIComponent('A-01')}`)).toEqual([secret.id]);
    expect(await ids(staffA, `&q=${encodeURIComponent('鲲鹏')}`)).toEqual([secret.id]);
  });

  it('filters by industry (a class, its division, its section), amount band, source region, flags and deadline status', async () => {
    expect(await ids(staffA, '&industry=3841')).toEqual([battery.id]);
    expect(await ids(staffA, '&industry=38')).toEqual([battery.id]);
    expect(await ids(staffA, '&industry=C')).toEqual([battery.id]);
    expect(await ids(staffA, '&industry=13')).toEqual([]);
    expect(await ids(staffA, '&minTotalYuan=1600000000')).toContain(secret.id);
    expect(await ids(staffA, '&minTotalYuan=1600000000')).not.toContain(battery.id);
    expect(await ids(staffA, '&maxTotalYuan=1500000000&minTotalYuan=1500000000')).toEqual([battery.id]);
    // The test enterprises have their HQ in 襄阳 (420600).
    expect(await ids(staffA, '&sourceRegion=42&isMajor=true')).toEqual([battery.id]);
    expect(await ids(staffA, '&sourceRegion=44')).toEqual([]);
    expect(await ids(staffA, '&inThreeBatch=true')).toEqual([battery.id]);
    expect(await ids(staffA, '&fundSource=outOfProvince')).toEqual([battery.id]);
    // The builder's project A was signed 2026-01-05: registration due 03-05, today (03-02) is within the warning.
    expect(await ids(staffA, '&deadlineStatus=dueSoon')).toEqual([w.projectA.id]);
    expect(await ids(staffA, '&deadlineStatus=overdue')).toEqual([]);
  });

  it('sorts by amount, name and next due date', async () => {
    const byAmount = (await call(t.app, staffA, 'GET', '/api/projects?sort=totalDesc')).json() as Page;
    const amounts = byAmount.items.map((p) => p.totalInvestmentYuan);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const byDue = (await call(t.app, staffA, 'GET', '/api/projects?sort=nextDue')).json() as Page;
    expect(byDue.items[0]!.id).toBe(w.projectA.id);
  });

  it('refuses a responsible officer, a first-reporting unit or an industry outside what the caller may name', async () => {
    const base = { name: '越界项目', investorEnterpriseId: w.enterpriseB.id, unitId: w.countyB.id, totalInvestmentYuan: 1 };
    expectApiError(await call(t.app, staffB, 'POST', '/api/projects', { ...base, responsibleOfficerId: w.staffA.id }), 400, 'project.officerOutOfScope', 'responsibleOfficerId');
    expectApiError(await call(t.app, staffB, 'POST', '/api/projects', { ...base, reportedUnitId: w.countyA.id }), 400, 'project.unitOutOfScope', 'reportedUnitId');
    expectApiError(await call(t.app, staffB, 'POST', '/api/projects', { ...base, industryCode: '3845' }), 400, 'industry.unknown', 'industryCode');
  });
});

describe('the project count kept per unit', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
  });
  afterAll(() => t.close());

  const total = async (session: Session, query = '') =>
    ((await call(t.app, session, 'GET', `/api/projects?pageSize=1${query}`)).json() as Page).total;

  it('gives unfiltered lists the exact total, through creates and moves between units', async () => {
    const staffA = await logIn(t.app, 'staff_a');
    const bureau = await logIn(t.app, 'bureau');
    for (let i = 0; i < 3; i++) await t.given.project({ unit: w.parkA, investor: w.enterpriseA, stage: 'lead' });
    expect(await total(staffA)).toBe(4); // project A and three in the park
    expect(await total(staffA, `&unitId=${w.parkA.id}`)).toBe(3);
    expect(await total(bureau)).toBe(5);
    const moved = (await call(t.app, staffA, 'GET', `/api/projects?unitId=${w.parkA.id}&pageSize=1`)).json() as Page;
    await call(t.app, staffA, 'PATCH', `/api/projects/${moved.items[0]!.id}`, { unitId: w.countyA.id });
    expect(await total(staffA, `&unitId=${w.parkA.id}`)).toBe(2);
    expect(await total(staffA, `&unitId=${w.countyA.id}`)).toBe(4); // the county's two and its park's two
    // Filtered lists count their rows; the two ways agree.
    expect(await total(staffA, '&stage=lead')).toBe(3);
    expect(await total(staffA)).toBe(4);
  });
});
