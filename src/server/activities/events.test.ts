import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { projects } from '../db/schema.ts';
import type { TEvent } from '../../shared/events.ts';

/** The test clock says 2026-03-02; the builders' projects are signed in January. */
describe('events and their cohorts', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
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

  it('keeps what became of the projects signed at a fair, as of any day', async () => {
    const created = await call(t.app, bureau, 'POST', '/api/events', { name: '2026华创会襄阳专场签约仪式', kind: 'signing', place: '武汉', heldOn: '2026-01-15' });
    expect(created.statusCode, created.body).toBe(200);
    const event = created.json() as TEvent;
    const started = await t.given.project({ unit: w.countyB, investor: w.enterpriseB, name: '乙县已开工项目', stage: 'started', totalInvestmentYuan: 300_000_000 });
    for (const projectId of [w.projectA.id, started.id]) {
      expect((await call(t.app, bureau, 'POST', `/api/events/${event.id}/projects`, { projectId })).statusCode).toBe(200);
    }
    await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/funds`, { arrivedOn: '2026-02-20', source: 'outOfProvince', amountYuan: 20_000_000, evidenceRef: '回单' });
    const [a] = await t.db.select().from(projects).where(eq(projects.id, w.projectA.id));
    const [b] = await t.db.select().from(projects).where(eq(projects.id, started.id));
    const now = (await call(t.app, bureau, 'GET', `/api/events/${event.id}`)).json() as TEvent;
    expect(now.cohort).toEqual({
      asOf: '2026-03-02',
      signed: 2,
      signedYuan: 400_000_000,
      registered: 1,
      started: 1,
      producing: 0,
      fundsArrivedYuan: 20_000_000,
      startRate: '50.00',
      arrivalRate: '5.00',
    });
    expect(now.projects.map((p) => p.name).sort()).toEqual(['乙县已开工项目', '甲县测试项目']);
    // Before the start and the money: the same event, an earlier day.
    const before = (await call(t.app, bureau, 'GET', `/api/events/${event.id}?asOf=${a!.signedOn! > b!.signedOn! ? a!.signedOn : b!.signedOn}`)).json() as TEvent;
    expect(before.cohort).toMatchObject({ signed: 2, fundsArrivedYuan: 0 });
    // A project is signed at one event at most.
    const other = (await call(t.app, bureau, 'POST', '/api/events', { name: '投洽会', kind: 'fair', heldOn: '2026-02-01' })).json() as TEvent;
    expectApiError(await call(t.app, bureau, 'POST', `/api/events/${other.id}/projects`, { projectId: started.id }), 409, 'event.projectLinked', 'projectId');
    const unlinked = (await call(t.app, bureau, 'DELETE', `/api/events/${event.id}/projects/${started.id}`)).json() as TEvent;
    expect(unlinked.cohort.signed).toBe(1);
  });

  it('keeps a county to its own events and projects', async () => {
    const own = (await call(t.app, staffA, 'POST', '/api/events', { name: '甲县深圳推介会', kind: 'promotion', heldOn: '2026-02-10' })).json() as TEvent;
    expectApiError(await call(t.app, staffA, 'POST', `/api/events/${own.id}/projects`, { projectId: w.projectB.id }), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'GET', `/api/events/${own.id}`), 404, 'notFound');
    expect((await call(t.app, staffB, 'GET', '/api/events')).json().items).toEqual([]);
  });
});
