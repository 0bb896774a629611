import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, tripPlans, tripPlanStops, trips } from '../db/schema.ts';
import type { TTripPlan, TTripPlanList } from '../../shared/trip-plans.ts';
import type { TChain } from '../../shared/chains.ts';

/**
 * 加入出行计划 (issue 14): a candidate becomes a stop of an upcoming trip plan of the caller's units, or starts a new plan;
 * plans are the unit subtree's (another county neither sees nor adds to them), a plan that is over takes no stop, an
 * enterprise is on a plan once; every write is audited, nothing half-written; a plan is not a trip.
 */
describe('trip plans (issue 14)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let linkId: number;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    const bureau = await logIn(t.app, 'bureau');
    const chain = (await call(t.app, bureau, 'POST', '/api/chains', { name: '动力电池', nameEn: 'Batteries' })).json() as TChain;
    linkId = ((await call(t.app, bureau, 'POST', `/api/chains/${chain.id}/links`, { segment: 'upstream', name: '正极材料', nameEn: 'Cathode', industryCodes: ['3841'] })).json() as { id: number }).id;
    await t.given.user({ unit: w.countyA, role: 'leader', username: 'leader_plan' });
  });
  afterAll(() => t.close());

  it('starts a plan with a candidate, adds another to it, lists the upcoming plans of the caller’s units only', async () => {
    const created = await call(t.app, staffA, 'POST', '/api/trip-plans', {
      title: '赴深圳招商',
      fromOn: '2026-04-01',
      toOn: '2026-04-03',
      stops: [{ enterpriseId: w.enterpriseA.id, linkId }],
    });
    expect(created.statusCode, created.body).toBe(200);
    const plan = created.json() as TTripPlan;
    expect(plan).toMatchObject({ unitId: w.countyA.id, unitName: '甲县', title: '赴深圳招商', fromOn: '2026-04-01', toOn: '2026-04-03' });
    expect(plan.stops.map((s) => [s.enterpriseId, s.enterpriseName, s.linkId])).toEqual([[w.enterpriseA.id, w.enterpriseA.name, linkId]]);

    const added = await call(t.app, staffA, 'POST', `/api/trip-plans/${plan.id}/stops`, { enterpriseId: w.enterpriseB.id });
    expect(added.statusCode, added.body).toBe(200);
    expect((added.json() as TTripPlan).stops.map((s) => [s.enterpriseId, s.linkId])).toEqual([
      [w.enterpriseA.id, linkId],
      [w.enterpriseB.id, null],
    ]);
    // Audited: the plan and each stop, under 甲县.
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.unitId, w.countyA.id)));
    expect(audits.filter((a) => a.entity === 'tripPlan' && a.action === 'create').map((a) => a.entityId)).toEqual([String(plan.id)]);
    expect(audits.filter((a) => a.entity === 'tripPlanStop')).toHaveLength(2);

    const listA = (await call(t.app, staffA, 'GET', '/api/trip-plans')).json() as TTripPlanList;
    expect(listA.items.map((p) => [p.id, p.stops.length])).toEqual([[plan.id, 2]]);
    // 乙县 sees none of 甲县's plans and cannot add to them.
    expect(((await call(t.app, staffB, 'GET', '/api/trip-plans')).json() as TTripPlanList).items).toEqual([]);
    expectApiError(await call(t.app, staffB, 'POST', `/api/trip-plans/${plan.id}/stops`, { enterpriseId: w.enterpriseB.id }), 404, 'notFound');
    // Nor start one for 甲县.
    expectApiError(await call(t.app, staffB, 'POST', '/api/trip-plans', { unitId: w.countyA.id, title: '越权', fromOn: '2026-04-01', toOn: '2026-04-02' }), 400, 'project.unitOutOfScope', 'unitId');
    // A plan is not a trip: no trip was recorded.
    expect(await t.db.select().from(trips)).toEqual([]);
  });

  it('refuses an enterprise twice on a plan, a plan over or ending before it starts, an unknown link — writing nothing', async () => {
    const plan = (await call(t.app, staffB, 'POST', '/api/trip-plans', { title: '赴苏州招商', fromOn: '2026-03-02', toOn: '2026-03-05', stops: [{ enterpriseId: w.enterpriseB.id }] })).json() as TTripPlan;
    const stopsBefore = (await t.db.select().from(tripPlanStops)).length;
    const plansBefore = (await t.db.select().from(tripPlans)).length;
    expectApiError(await call(t.app, staffB, 'POST', `/api/trip-plans/${plan.id}/stops`, { enterpriseId: w.enterpriseB.id }), 409, 'tripPlan.stopTwice', 'enterpriseId');
    expectApiError(
      await call(t.app, staffB, 'POST', '/api/trip-plans', { title: '重复', fromOn: '2026-04-01', toOn: '2026-04-02', stops: [{ enterpriseId: w.enterpriseA.id }, { enterpriseId: w.enterpriseA.id }] }),
      409,
      'tripPlan.stopTwice',
      'stops.1.enterpriseId',
    );
    expectApiError(await call(t.app, staffB, 'POST', '/api/trip-plans', { title: '倒序', fromOn: '2026-04-05', toOn: '2026-04-01' }), 400, 'date.beforeStart', 'toOn');
    expectApiError(await call(t.app, staffB, 'POST', '/api/trip-plans', { title: '已过', fromOn: '2026-02-01', toOn: '2026-03-01' }), 400, 'tripPlan.over', 'toOn');
    expectApiError(await call(t.app, staffB, 'POST', `/api/trip-plans/${plan.id}/stops`, { enterpriseId: w.enterpriseA.id, linkId: 2_000_000_000 }), 400, 'tripPlan.linkUnknown', 'linkId');
    expectApiError(await call(t.app, staffB, 'POST', `/api/trip-plans/${plan.id}/stops`, { enterpriseId: 2_000_000_000 }), 400, 'project.investorOutOfScope', 'enterpriseId');
    const blank = await call(t.app, staffB, 'POST', '/api/trip-plans', { title: ' ', fromOn: '2026-04-01', toOn: '2026-04-02' });
    expect(blank.statusCode).toBe(400);
    expect((blank.json() as { error: { field: string } }).error.field).toBe('title');
    expect((await t.db.select().from(tripPlanStops)).length).toBe(stopsBefore);
    expect((await t.db.select().from(tripPlans)).length).toBe(plansBefore);
    // Once the plan is over it leaves the list and takes no stop.
    t.clock.advanceMinutes(4 * 24 * 60); // 2026-03-06: the plan ended yesterday
    staffB = await logIn(t.app, 'staff_b');
    expect(((await call(t.app, staffB, 'GET', '/api/trip-plans')).json() as TTripPlanList).items.map((p) => p.id)).not.toContain(plan.id);
    expectApiError(await call(t.app, staffB, 'POST', `/api/trip-plans/${plan.id}/stops`, { enterpriseId: w.enterpriseA.id }), 400, 'tripPlan.over', 'id');
  });

  it('read-only roles plan nothing', async () => {
    const viewer = await logIn(t.app, 'leader_plan');
    expectApiError(await call(t.app, viewer, 'POST', '/api/trip-plans', { title: '只读', fromOn: '2026-04-01', toOn: '2026-04-02' }), 403, 'auth.readOnly');
  });

  it('lists past, upcoming or all plans; edits a plan’s title and dates; takes a stop off; removes a plan with its stops — each audited', async () => {
    // The clock is 2026-03-06 (the test above): 乙县's 苏州 plan is over, 甲县's 深圳 plan upcoming.
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    const list = async (who: Session, query: string) => ((await call(t.app, who, 'GET', `/api/trip-plans${query}`)).json() as TTripPlanList).items.map((p) => p.title);
    expect(await list(staffB, '?when=past')).toEqual(['赴苏州招商']);
    expect(await list(staffB, '')).toEqual([]);
    expect(await list(staffA, '?when=all')).toEqual(['赴深圳招商']);
    expect(await list(staffA, `?when=all&unitId=${w.parkA.id}`)).toEqual([]);
    expect((await call(t.app, staffA, 'GET', '/api/trip-plans?when=soon')).statusCode).toBe(400);
    const plan = ((await call(t.app, staffA, 'GET', '/api/trip-plans')).json() as TTripPlanList).items[0]!;

    const edited = await call(t.app, staffA, 'PATCH', `/api/trip-plans/${plan.id}`, { title: '赴深圳、东莞招商', toOn: '2026-04-04' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id: plan.id, title: '赴深圳、东莞招商', fromOn: '2026-04-01', toOn: '2026-04-04' });
    const [update] = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'tripPlan'), eq(auditLog.action, 'update')));
    expect(update).toMatchObject({ entityId: String(plan.id), unitId: w.countyA.id, before: expect.objectContaining({ title: '赴深圳招商' }), after: expect.objectContaining({ toOn: '2026-04-04' }) });
    expectApiError(await call(t.app, staffA, 'PATCH', `/api/trip-plans/${plan.id}`, { fromOn: '2026-04-05' }), 400, 'date.beforeStart', 'fromOn');
    expect((await call(t.app, staffA, 'PATCH', `/api/trip-plans/${plan.id}`, {})).statusCode).toBe(400);
    expectApiError(await call(t.app, await logIn(t.app, 'leader_plan'), 'PATCH', `/api/trip-plans/${plan.id}`, { title: '只读' }), 403, 'auth.readOnly');

    const [first, second] = plan.stops;
    const off = await call(t.app, staffA, 'DELETE', `/api/trip-plans/${plan.id}/stops/${first!.id}`);
    expect(off.statusCode, off.body).toBe(200);
    expect((off.json() as TTripPlan).stops.map((s) => s.id)).toEqual([second!.id]);
    expectApiError(await call(t.app, staffA, 'DELETE', `/api/trip-plans/${plan.id}/stops/${first!.id}`), 404, 'notFound');
    const stopAudits = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'tripPlanStop'), eq(auditLog.action, 'delete')));
    expect(stopAudits.map((a) => [a.entityId, (a.before as { enterpriseId: number }).enterpriseId])).toEqual([[String(first!.id), first!.enterpriseId]]);

    expectApiError(await call(t.app, await logIn(t.app, 'leader_plan'), 'DELETE', `/api/trip-plans/${plan.id}`), 403, 'auth.readOnly');
    const removed = await call(t.app, staffA, 'DELETE', `/api/trip-plans/${plan.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await list(staffA, '?when=all')).toEqual([]);
    expect(await t.db.select().from(tripPlanStops).where(eq(tripPlanStops.planId, plan.id))).toEqual([]);
    const [deleted] = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'tripPlan'), eq(auditLog.action, 'delete')));
    expect(deleted).toMatchObject({ entityId: String(plan.id), unitId: w.countyA.id, before: expect.objectContaining({ title: '赴深圳、东莞招商', stops: [expect.objectContaining({ id: second!.id })] }) });
    expectApiError(await call(t.app, staffA, 'DELETE', `/api/trip-plans/${plan.id}`), 404, 'notFound');
  });
});
