import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, problems, projects } from '../db/schema.ts';
import { DEFAULT_COCKPIT_HEROES } from '../../domain/cockpit-heroes.ts';
import type { TBreakdown, TCockpitOverview } from '../../shared/cockpit.ts';

/**
 * The cockpit's first screen (issue 16): the bureau's hero metrics, the child units ranked by their hero completion,
 * and the alerts — each the total of the list it opens. The test clock stands at 2026-03-02.
 */
describe('the cockpit overview', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  const period = 'from=2026-01-01&to=2026-03-02';

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    // A: its own project and the park's, both signed 2026-01-05; B: one. Started: none (the builder stops at signed).
    const park = await t.given.project({ unit: w.parkA, investor: w.enterpriseA, name: '园区测试项目' });
    // Deadlines as the kept columns say: A's project overdue, B's due soon, the park's on track.
    await t.db.update(projects).set({ nextDueOn: null, warnFromOn: null, nextDueRule: null });
    await t.db.update(projects).set({ nextDueOn: '2026-02-01', warnFromOn: '2026-01-20', nextDueRule: 'register' }).where(eq(projects.id, w.projectA.id));
    await t.db.update(projects).set({ nextDueOn: '2026-03-10', warnFromOn: '2026-02-25', nextDueRule: 'register' }).where(eq(projects.id, w.projectB.id));
    await t.db.update(projects).set({ nextDueOn: '2026-06-01', warnFromOn: '2026-05-20', nextDueRule: 'register' }).where(eq(projects.id, park.id));
    // Problems: two past due and open (A's, B's), one open but not yet due, one past due but resolved.
    await t.db.insert(problems).values([
      { projectId: w.projectA.id, category: 'land', description: '用地指标', dueOn: '2026-02-15' },
      { projectId: park.id, category: 'approval', description: '环评', dueOn: '2026-04-01' },
      { projectId: w.projectB.id, category: 'funding', description: '贷款', dueOn: '2026-01-10' },
      { projectId: w.projectB.id, category: 'other', description: '已办结', dueOn: '2026-01-10', state: 'resolved', resolvedAt: new Date('2026-01-09T00:00:00Z'), resolution: '已解决' },
    ]);
    // Targets: A 4 projects (2 signed: 50%) and 1 started (0 started: 0%) → 25.00; B 1 project (100%) and 2亿元
    // contracted (1亿元 of total investment, no contract figure: 50%) → 75.00.
    const targets = await call(t.app, bureau, 'PUT', '/api/targets', {
      year: 2026,
      items: [
        { unitId: w.countyA.id, metricKey: 'signedCount', value: 4 },
        { unitId: w.countyA.id, metricKey: 'startedCount', value: 1 },
        { unitId: w.countyB.id, metricKey: 'signedCount', value: 1 },
        { unitId: w.countyB.id, metricKey: 'signedContractYuan', value: 200_000_000 },
      ],
    });
    expect(targets.statusCode, targets.body).toBe(200);
  });
  afterAll(() => t.close());

  const get = async <T>(session: Session, url: string): Promise<T> => {
    const response = await call(t.app, session, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };

  it('ranks the child units by their mean hero completion, with the figures the by-unit breakdown gives', async () => {
    const overview = await get<TCockpitOverview>(bureau, `/api/cockpit/overview?${period}`);
    expect(overview).toMatchObject({ heroes: [...DEFAULT_COCKPIT_HEROES], heroesChosen: false, targetYear: 2026 });
    expect(overview.ranking.map((r) => [r.unitName, r.rank, r.completion])).toEqual([
      ['乙县', 1, '75.00'],
      ['甲县', 2, '25.00'],
    ]);
    const a = overview.ranking.find((r) => r.unitId === w.countyA.id)!;
    expect(a.heroes.find((h) => h.key === 'signedCount')).toEqual({ key: 'signedCount', value: 2, target: 4, completion: '50.00' });
    expect(a.heroes.find((h) => h.key === 'signedContractYuan')).toMatchObject({ target: null, completion: null });
    // Every unit's hero figure is the one the cockpit's breakdown by unit shows.
    for (const key of overview.heroes) {
      const byUnit = await get<TBreakdown>(bureau, `/api/cockpit/breakdown?${period}&key=${key}&by=unit`);
      for (const unit of overview.ranking) {
        expect(unit.heroes.find((h) => h.key === key)!.value, `${key} ${unit.unitName}`).toBe(byUnit.rows.find((r) => r.group === String(unit.unitId))!.value);
      }
    }
  });

  it('counts the alerts with the lists they open: the 督办 list by status and the problems past due', async () => {
    const overview = await get<TCockpitOverview>(bureau, `/api/cockpit/overview?${period}`);
    expect(overview.alerts).toEqual({ overdueDeadlines: 1, dueSoonDeadlines: 1, overdueProblems: 2 });
    expect((await get<{ total: number }>(bureau, '/api/supervision?status=overdue')).total).toBe(1);
    expect((await get<{ total: number }>(bureau, '/api/supervision?status=dueSoon')).total).toBe(1);
    const pastDue = await get<{ total: number; items: { description: string; overdue: boolean }[] }>(bureau, '/api/problems?overdue=true');
    expect(pastDue.items.map((p) => p.description).sort()).toEqual(['用地指标', '贷款']);
    expect(pastDue.items.every((p) => p.overdue)).toBe(true);

    // A unit chosen: its subtree only, here and in the lists it opens.
    const a = await get<TCockpitOverview>(bureau, `/api/cockpit/overview?${period}&unitId=${w.countyA.id}`);
    expect(a.alerts).toEqual({ overdueDeadlines: 1, dueSoonDeadlines: 0, overdueProblems: 1 });
    expect((await get<{ total: number }>(bureau, `/api/problems?overdue=true&unitId=${w.countyA.id}`)).total).toBe(1);
    // A's children: the park, with no target — listed, unranked, never a 0% at the bottom.
    expect(a.ranking).toMatchObject([{ unitId: w.parkA.id, rank: null, completion: null }]);

    // County A's staff: its own scope, whatever it asks.
    const own = await get<TCockpitOverview>(staffA, `/api/cockpit/overview?${period}`);
    expect(own.alerts).toEqual(a.alerts);
  });

  it('has no ranking against targets when the period spans two years', async () => {
    const overview = await get<TCockpitOverview>(bureau, '/api/cockpit/overview?from=2025-12-01&to=2026-03-02');
    expect(overview.targetYear).toBeNull();
    expect(overview.ranking.every((r) => r.rank === null && r.heroes.every((h) => h.target === null))).toBe(true);
  });

  it('lets the bureau choose 4–6 hero metrics among those with targets, audited; nobody else', async () => {
    const state = (await call(t.app, bureau, 'GET', '/api/metrics/rules')).json();
    const heroes = ['signedCount', 'signedLargeCount', 'startedCount', 'startedInvestmentYuan', 'fundsArrivedForeignUsd'];
    await expectApiError(await call(t.app, staffA, 'PUT', '/api/metrics/rules', { ...state.rules, cockpitHeroes: heroes }), 403, 'auth.forbidden');
    await expectApiError(await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...state.rules, cockpitHeroes: ['signedCount', 'startedCount', 'performanceRate', 'producingCount'] }), 400, 'validation.invalid', 'cockpitHeroes');
    await expectApiError(await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...state.rules, cockpitHeroes: ['signedCount', 'startedCount', 'signedCount', 'producingCount'] }), 400, 'validation.invalid', 'cockpitHeroes');
    await expectApiError(await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...state.rules, cockpitHeroes: ['signedCount', 'startedCount', 'producingCount'] }), 400, 'validation.invalid', 'cockpitHeroes');
    expect((await get<TCockpitOverview>(bureau, `/api/cockpit/overview?${period}`)).heroesChosen).toBe(false);
    const trailBefore = await t.db.select().from(auditLog).where(inArray(auditLog.entity, ['metricRules']));

    const set = await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...state.rules, cockpitHeroes: heroes });
    expect(set.statusCode, set.body).toBe(200);
    const overview = await get<TCockpitOverview>(staffA, `/api/cockpit/overview?${period}`);
    expect(overview).toMatchObject({ heroes, heroesChosen: true });
    const trail = await t.db.select().from(auditLog).where(inArray(auditLog.entity, ['metricRules']));
    expect(trail).toHaveLength(trailBefore.length + 1);
    expect(trail.at(-1)!.after).toMatchObject({ cockpitHeroes: heroes });
  });
});
