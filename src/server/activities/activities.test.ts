import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog } from '../db/schema.ts';
import type { TTeam, TTrip, TVisit } from '../../shared/activities.ts';
import type { TLead } from '../../shared/leads.ts';

/** The test clock says 2026-03-02. */
describe('trips, visits and resident teams', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
  });
  afterAll(() => t.close());

  const post = async <T>(session: Session, url: string, body: object): Promise<T> => {
    const response = await call(t.app, session, 'POST', url, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };

  it('logs a trip with the cities in order and its visits in one go; a lead from the trip rolls up to the team', async () => {
    const team = await post<TTeam>(staffA, '/api/teams', { name: '驻深圳招商小分队', hostRegionCode: '440300', members: ['王五', '赵六'], startedOn: '2026-01-01' });
    expect(team).toMatchObject({ hostRegionName: '广东省深圳市', members: ['王五', '赵六'], leads: 0, visits: 0 });
    const trip = await post<TTrip>(staffA, '/api/trips', {
      leaderName: '张县长',
      leaderLevel: 'countyHead',
      participants: '招商局 李四',
      fromOn: '2026-02-24',
      toOn: '2026-02-26',
      cities: ['320300', '110000', '310000'],
      teamId: team.id,
      nextStep: '3月中旬回访',
      visits: [
        { enterpriseId: w.enterpriseA.id, projectId: w.projectA.id, visitedOn: '2026-02-24', peopleMet: '董事长 陈总', notes: '洽谈二期扩产' },
        { kind: 'talks', enterpriseName: '北京智造装备有限公司', visitedOn: '2026-02-25', nextStep: '寄送园区资料', followUpOn: '2026-03-10' },
      ],
    });
    expect(trip).toMatchObject({ days: 3, leaderLevel: 'countyHead', teamId: team.id });
    expect(trip.cities.map((c) => c.name)).toEqual(['江苏省徐州市', '北京市', '上海市']);
    expect(trip.visits.map((v) => [v.enterpriseName, v.kind, v.tripId, v.teamId])).toEqual([
      ['甲县测试企业有限公司', 'visit', trip.id, team.id],
      ['北京智造装备有限公司', 'talks', trip.id, team.id],
    ]);
    await post<TLead>(staffA, '/api/leads', { enterpriseName: '北京智造装备有限公司', source: 'squad', collectedOn: '2026-02-25', tripId: trip.id, teamId: team.id });
    // The trip's outcomes: the lead recorded from it, the project discussed on a visit (signed before the trip).
    const again = (await call(t.app, staffA, 'GET', `/api/trips/${trip.id}`)).json() as TTrip;
    expect(again.outcomes).toEqual({ leads: 1, projects: [{ id: w.projectA.id, name: '甲县测试项目', signedOnTrip: false }] });
    // The trips list finds it by who led it or went along; the search is taken literally.
    const found = async (q: string) => ((await call(t.app, staffA, 'GET', `/api/trips?q=${encodeURIComponent(q)}`)).json().items as TTrip[]).map((x) => x.id);
    expect([await found('张县'), await found('李四'), await found('王县长'), await found('%')]).toEqual([[trip.id], [trip.id], [], []]);
    const [rolled] = (await call(t.app, staffA, 'GET', '/api/teams')).json().items as TTeam[];
    expect(rolled).toMatchObject({ leads: 1, visits: 2 });
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'visit'));
    expect(audited).toHaveLength(2);
  });

  it('logs a visit alone, and lists an enterprise\'s visits', async () => {
    const visit = await post<TVisit>(staffA, '/api/visits', { kind: 'reception', enterpriseId: w.enterpriseA.id, projectId: w.projectA.id, visitedOn: '2026-03-02', peopleMet: '总经理' });
    expect(visit).toMatchObject({ tripId: null, projectId: w.projectA.id });
    const list = (await call(t.app, staffA, 'GET', `/api/visits?enterpriseId=${w.enterpriseA.id}`)).json();
    expect(list.items.map((v: TVisit) => v.visitedOn)).toEqual(['2026-03-02', '2026-02-24']);
  });

  it('refuses what does not add up, and keeps counties apart', async () => {
    const trip = { leaderName: '张县长', leaderLevel: 'countyHead', fromOn: '2026-02-24', toOn: '2026-02-26' };
    expectApiError(await call(t.app, staffA, 'POST', '/api/trips', { ...trip, toOn: '2026-02-23' }), 400, 'date.beforeStart', 'toOn');
    expectApiError(await call(t.app, staffA, 'POST', '/api/trips', { ...trip, cities: ['999999'] }), 400, 'region.unknown', 'cities.0');
    expectApiError(
      await call(t.app, staffA, 'POST', '/api/trips', { ...trip, visits: [{ enterpriseName: '某某公司', visitedOn: '2026-02-27' }] }),
      400,
      'visit.outsideTrip',
      'visits.0.visitedOn',
    );
    expectApiError(
      // Any enterprise of the city's library may be visited (issue 13); one that does not exist is refused.
      await call(t.app, staffA, 'POST', '/api/trips', { ...trip, visits: [{ enterpriseId: 2_000_000_000, visitedOn: '2026-02-25' }] }),
      400,
      'project.investorOutOfScope',
      'visits.0.enterpriseId',
    );
    expectApiError(await call(t.app, staffA, 'POST', '/api/visits', { enterpriseName: '某某公司', visitedOn: '2026-03-03' }), 400, 'date.future', 'visitedOn');
    // Nothing of 甲县's in 乙县's lists; 甲县's trip is not found from 乙县.
    expect((await call(t.app, staffB, 'GET', '/api/trips')).json().items).toEqual([]);
    expect((await call(t.app, staffB, 'GET', '/api/teams')).json().items).toEqual([]);
    const [own] = (await call(t.app, staffA, 'GET', '/api/trips')).json().items as TTrip[];
    expectApiError(await call(t.app, staffB, 'GET', `/api/trips/${own!.id}`), 404, 'notFound');
  });
});
