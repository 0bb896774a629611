import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { eventProjects, events, leaderLevels, leads, projects, trips, visits } from '../db/schema.ts';
import { DEFAULT_SCOPE_RULES, metric } from '../../domain/metrics.ts';
import type { ActivityFacts, LeaderRole } from '../../domain/activity-metrics.ts';
import type { TBreakdown, TMetricRecords } from '../../shared/cockpit.ts';
import type { TMetricValues } from '../../shared/metrics.ts';
import type { TLeaderLevel } from '../../shared/activities.ts';

const KEYS = ['principalTrips', 'leaderTrips', 'tripDays', 'enterprisesVisited', 'eventsHeld', 'eventSignedCount', 'eventSignedYuan', 'leadsCollected', 'leadConversionRate', 'leadDaysToSigning'];

/** The test clock says 2026-03-02; the builders' projects are signed in January 2026. */
describe('the front of the funnel in the metric catalogue', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    const trip = (unitId: number, leaderName: string, leaderLevel: string, fromOn: string, toOn: string) => ({ unitId, leaderName, leaderLevel, fromOn, toOn });
    await t.db.insert(trips).values([
      trip(w.countyA.id, '张书记', 'principal', '2026-01-10', '2026-01-12'), // 深圳
      trip(w.countyA.id, '张书记', 'principal', '2026-01-12', '2026-01-14'), // 上海: 1 day overlaps
      trip(w.countyA.id, '李副县长', 'inCharge', '2026-01-12', '2026-01-12'),
      trip(w.parkA.id, '园区主任', 'department', '2026-02-27', '2026-03-03'), // runs past the period below
      trip(w.countyB.id, '张书记', 'countyHead', '2026-01-10', '2026-01-11'), // another county's 张书记
      trip(w.countyA.id, '张书记', 'principal', '2025-12-30', '2026-01-01'), // began last year
    ]);
    await t.db.insert(visits).values([
      { unitId: w.countyA.id, kind: 'visit', enterpriseId: w.enterpriseA.id, enterpriseName: '甲县测试企业有限公司', visitedOn: '2026-01-10' },
      { unitId: w.countyA.id, kind: 'talks', enterpriseId: w.enterpriseA.id, enterpriseName: '甲县测试企业有限公司', visitedOn: '2026-01-13' },
      { unitId: w.parkA.id, kind: 'visit', enterpriseName: '北京智造装备有限公司', visitedOn: '2026-02-28' },
      { unitId: w.countyB.id, kind: 'reception', enterpriseId: w.enterpriseB.id, enterpriseName: '乙县测试企业有限公司', visitedOn: '2026-02-01' },
    ]);
    const [fair] = await t.db.insert(events).values({ unitId: w.city.id, name: '华创会', kind: 'fair', heldOn: '2026-01-15' }).returning();
    await t.db.insert(events).values({ unitId: w.countyA.id, name: '甲县推介会', kind: 'promotion', heldOn: '2026-02-20' });
    await t.db.insert(eventProjects).values([{ eventId: fair!.id, projectId: w.projectA.id }, { eventId: fair!.id, projectId: w.projectB.id }]);
    await t.db.update(projects).set({ contractInvestmentYuan: 80_000_000 }).where(eq(projects.id, w.projectB.id));
    const [a] = await t.db.select().from(projects).where(eq(projects.id, w.projectA.id));
    await t.db.insert(leads).values([
      { unitId: w.countyA.id, enterpriseName: '甲县测试企业有限公司', source: 'resident', collectedOn: '2025-12-01', state: 'converted', projectId: w.projectA.id },
      { unitId: w.countyA.id, enterpriseName: '线索二有限公司', source: 'online', collectedOn: '2026-01-05' },
      { unitId: w.parkA.id, enterpriseName: '线索三有限公司', source: 'fair', collectedOn: '2026-02-05' },
    ]);
    expect(a!.signedOn).not.toBeNull();
  });
  afterAll(() => t.close());

  const values = async (session: Session, query: string) => {
    const response = await call(t.app, session, 'GET', `/api/metrics?${query}&keys=${KEYS.join(',')}`);
    expect(response.statusCode, response.body).toBe(200);
    return Object.fromEntries((response.json() as TMetricValues).items.map((m) => [m.key, m.value]));
  };

  /** The domain's evaluation over every activity record of a set of units: the reference. */
  async function reference(unitIds: number[], period: { from: string; to: string }) {
    const mine = <T extends { unitId: number }>(rows: T[]) => rows.filter((r) => unitIds.includes(r.unitId));
    const projectRows = await t.db.select().from(projects);
    const signedOf = (id: number | null) => projectRows.find((p) => p.id === id)?.signedOn ?? null;
    const links = await t.db.select().from(eventProjects);
    const facts: ActivityFacts = {
      trips: await Promise.all(
        mine(await t.db.select().from(trips)).map(async (r) => {
          const [level] = await t.db.select().from(leaderLevels).where(eq(leaderLevels.key, r.leaderLevel));
          return { ...r, leaderRole: level!.role as LeaderRole };
        }),
      ),
      visits: mine(await t.db.select().from(visits)),
      events: mine(await t.db.select().from(events)).map((e) => ({
        ...e,
        signed: links.filter((l) => l.eventId === e.id).map((l) => {
          const p = projectRows.find((row) => row.id === l.projectId)!;
          return { projectId: p.id, signedYuan: p.contractInvestmentYuan ?? p.totalInvestmentYuan };
        }),
      })),
      leads: mine(await t.db.select().from(leads)).map((l) => ({ id: l.id, collectedOn: l.collectedOn, projectSignedOn: signedOf(l.projectId) })),
    };
    return Object.fromEntries(KEYS.map((key) => [key, metric(key).compute({ projects: [], funds: [], period, rules: DEFAULT_SCOPE_RULES, activities: facts }).value]));
  }

  it('counts trips, days once per leader, enterprises visited, events and what they signed, and leads — in SQL as the domain does', async () => {
    const period = { from: '2026-01-01', to: '2026-02-28' };
    const city = await values(bureau, `from=${period.from}&to=${period.to}`);
    expect(city).toEqual(await reference([w.city.id, w.countyA.id, w.countyB.id, w.parkA.id], period));
    expect(city).toMatchObject({
      principalTrips: 2, // the trip begun in December is last year's
      leaderTrips: 4, // principal ×2, in charge, and 乙县's county head
      tripDays: 1 + 5 + 1 + 2 + 2, // 张书记 of 甲县: Jan 1 and Jan 10–14; 李副县长; 园区主任 Feb 27–28; 乙县's 张书记
      enterprisesVisited: 3,
      eventsHeld: 2,
      eventSignedCount: 2,
      eventSignedYuan: 100_000_000 + 80_000_000,
      leadsCollected: 2,
    });
    const county = await values(staffA, `from=${period.from}&to=${period.to}`);
    expect(county).toEqual(await reference([w.countyA.id, w.parkA.id], period));
    expect(county).toMatchObject({ tripDays: 1 + 5 + 1 + 2, enterprisesVisited: 2, eventsHeld: 1, eventSignedCount: 0 });
  });

  it('gives the conversion rate and the median days from lead to signing', async () => {
    const period = { from: '2025-12-01', to: '2026-02-28' };
    const county = await values(staffA, `from=${period.from}&to=${period.to}`);
    expect(county).toEqual(await reference([w.countyA.id, w.parkA.id], period));
    expect(county.leadsCollected).toBe(3);
    expect(county.leadConversionRate).toBeCloseTo(1 / 3, 12);
    expect(county.leadDaysToSigning).toBeGreaterThan(30);
  });

  it('breaks activity figures down by unit and month, not by industry; targets and bulletins take them', async () => {
    const byUnit = (await call(t.app, bureau, 'GET', '/api/cockpit/breakdown?from=2026-01-01&to=2026-02-28&key=tripDays&by=unit')).json() as TBreakdown;
    expect(byUnit.rows.map((r) => [r.label.zh, r.value])).toEqual([['甲县', 9], ['乙县', 2]]);
    expectApiError(await call(t.app, bureau, 'GET', '/api/cockpit/breakdown?from=2026-01-01&to=2026-02-28&key=tripDays&by=industry'), 400, 'validation.invalid', 'by');
    expectApiError(await call(t.app, bureau, 'GET', '/api/cockpit/records?from=2026-01-01&to=2026-02-28&key=leadDaysToSigning'), 400, 'metric.noRecords', 'key');
    // 惠济's 2023 targets become expressible: ≥5 major events, ≥20 trips led by principal leaders.
    const set = await call(t.app, bureau, 'PUT', '/api/targets', {
      year: 2026,
      items: [
        { unitId: w.countyA.id, metricKey: 'eventsHeld', value: 5 },
        { unitId: w.countyA.id, metricKey: 'principalTrips', value: 20 },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
    expectApiError(await call(t.app, bureau, 'PUT', '/api/targets', { year: 2026, items: [{ unitId: w.countyA.id, metricKey: 'leadDaysToSigning', value: 30 }] }), 400, 'validation.invalid', 'items.0.metricKey');
    const bulletin = (await call(t.app, staffA, 'GET', '/api/bulletin?year=2026&month=2')).json();
    expect(bulletin.items.map((i: { sentence: string }) => i.sentence)).toEqual([
      '1—2月份，甲县主要领导带队外出招商2次，完成年度目标任务20次的10.00%，上年同期为零。',
      '1—2月份，甲县举办招商活动1场，完成年度目标任务5场的20.00%，上年同期为零。',
    ]);
  });

  it('opens every activity figure onto its records, which add up to it — also for one unit of a breakdown', async () => {
    const range = 'from=2026-01-01&to=2026-02-28';
    const city = await values(bureau, range);
    for (const key of KEYS.filter((k) => k !== 'leadDaysToSigning')) {
      const response = await call(t.app, bureau, 'GET', `/api/cockpit/records?${range}&key=${key}`);
      expect(response.statusCode, response.body).toBe(200);
      const records = response.json() as TMetricRecords;
      expect(records.value, key).toBeCloseTo(city[key]!, 12);
    }
    const days = (await call(t.app, bureau, 'GET', `/api/cockpit/records?${range}&key=tripDays&by=unit&group=${w.countyA.id}`)).json() as TMetricRecords;
    expect(days.items.map((r) => [r.recordKind, r.projectName, r.contribution])).toEqual([
      ['trip', '张书记(主要领导) 2025-12-30–2026-01-01', 1],
      ['trip', '张书记(主要领导) 2026-01-10–2026-01-12', 3],
      ['trip', '张书记(主要领导) 2026-01-12–2026-01-14', 2],
      ['trip', '李副县长(分管领导) 2026-01-12–2026-01-12', 1],
      ['trip', '园区主任(部门负责人) 2026-02-27–2026-03-03', 2],
    ]);
    const signed = (await call(t.app, bureau, 'GET', `/api/cockpit/records?${range}&key=eventSignedYuan`)).json() as TMetricRecords;
    expect(signed.items.every((r) => r.recordKind === 'project' && r.projectId !== null)).toBe(true);
  });

  it('counts trips by the bureau\'s own leader levels: a level added with a role counts, a deactivated one takes no new trips', async () => {
    const levels = (await call(t.app, bureau, 'GET', '/api/leader-levels')).json().items as TLeaderLevel[];
    expect(levels.map((l) => [l.key, l.nameZh, l.role])).toEqual([
      ['principal', '主要领导', 'principal'],
      ['inCharge', '分管领导', 'leader'],
      ['countyHead', '县区党政主要负责人', 'leader'],
      ['department', '部门负责人', 'other'],
      ['staff', '工作人员', 'other'],
    ]);
    const changed = [
      ...levels.filter((l) => l.key !== 'staff'),
      { key: 'zoneDirector', nameZh: '开发区管委会主任', nameEn: 'Zone director', role: 'leader', sort: 6, active: true },
    ];
    expectApiError(await call(t.app, staffA, 'PUT', '/api/leader-levels', { items: changed }), 403, 'auth.forbidden');
    const saved = await call(t.app, bureau, 'PUT', '/api/leader-levels', { items: changed });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json().items as TLeaderLevel[]).find((l) => l.key === 'staff')!.active).toBe(false);
    const before = (await values(bureau, 'from=2026-01-01&to=2026-02-28')).leaderTrips!;
    const trip = { leaderName: '园区主任', fromOn: '2026-02-10', toOn: '2026-02-11', unitId: w.parkA.id };
    expect((await call(t.app, staffA, 'POST', '/api/trips', { ...trip, leaderLevel: 'zoneDirector' })).json().leaderLevelName).toEqual({ zh: '开发区管委会主任', en: 'Zone director' });
    expect((await values(bureau, 'from=2026-01-01&to=2026-02-28')).leaderTrips).toBe(before + 1);
    expectApiError(await call(t.app, staffA, 'POST', '/api/trips', { ...trip, leaderLevel: 'staff' }), 400, 'validation.invalid', 'leaderLevel');
    expect((await call(t.app, bureau, 'GET', '/api/trips?pageSize=50')).statusCode).toBe(200); // trips at the deactivated level still read
  });
});
