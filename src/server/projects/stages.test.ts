import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { auditLog, projects, projectStageEvents } from '../db/schema.ts';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TProjectLifecycle } from '../../shared/project-stages.ts';

// The test clock reads 2026-03-02 in China.
describe('project stages and deadlines', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let bureau: Session;
  let leaderA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    bureau = await logIn(t.app, 'bureau');
    leaderA = await logIn(t.app, 'leader_a');
  });
  afterAll(() => t.close());

  const newLead = (name = '新能源电池项目') => t.given.project({ unit: w.countyA, investor: w.enterpriseA, stage: 'lead', name });
  const move = (session: Session, id: number, body: object) => call(t.app, session, 'POST', `/api/projects/${id}/stage`, body);
  const row = async (id: number) => (await t.db.select().from(projects).where(eq(projects.id, id)))[0]!;
  const eventCount = async (id: number) =>
    Number((await t.db.select({ n: count() }).from(projectStageEvents).where(eq(projectStageEvents.projectId, id)))[0]!.n);
  const auditCount = async () => Number((await t.db.select({ n: count() }).from(auditLog))[0]!.n);

  it('signs a lead with its contract number: the 26211 deadlines start, counted to the month end', async () => {
    const project = await newLead();
    const response = await move(staffA, project.id, { to: 'signed', date: '2025-12-31', evidence: { contractNo: 'XY-2025-118' } });
    expect(response.statusCode, response.body).toBe(200);
    const lifecycle = response.json() as TProjectLifecycle;
    expect(lifecycle.state).toBe('signed');
    expect(lifecycle.deadlines.map((d) => [d.ruleKey, d.dueDate, d.status])).toEqual([
      ['signedToRegistered', '2026-02-28', 'overdue'],
      ['signedToStarted', '2026-06-30', 'onTrack'],
    ]);
    expect(lifecycle.status).toBe('overdue');
    expect(await row(project.id)).toMatchObject({
      stage: 'signed',
      signedOn: '2025-12-31',
      nextDueOn: '2026-02-28',
      nextDueRule: 'signedToRegistered',
      warnFromOn: '2026-02-13',
    });
  });

  it('refuses a move without its evidence, in the future, or backwards — and writes nothing', async () => {
    const project = await newLead();
    const audits = await auditCount();
    expectApiError(await move(staffA, project.id, { to: 'signed', date: '2026-03-01', evidence: {} }), 400, 'evidence.contractNo', 'evidence.contractNo');
    expectApiError(await move(staffA, project.id, { to: 'signed', date: '2026-03-03', evidence: { contractNo: 'A' } }), 400, 'date.future', 'date');
    expectApiError(await move(staffA, project.id, { to: 'signed', date: '2026.3.1', evidence: { contractNo: 'A' } }), 400, 'date.invalid', 'date');
    expect(await eventCount(project.id)).toBe(0);
    expect(await auditCount()).toBe(audits);
    expect((await row(project.id)).stage).toBe('lead');

    await move(staffA, project.id, { to: 'signed', date: '2026-01-10', evidence: { contractNo: 'A-1' } });
    const back = await move(staffA, project.id, { to: 'lead', date: '2026-03-01', evidence: {} });
    expectApiError(back, 400, 'transition.toLead', 'to');
    const registerBad = await move(staffA, project.id, { to: 'registered', date: '2026-02-01', evidence: { registeredCreditCode: '91350900587527783Q' } });
    expectApiError(registerBad, 400, 'evidence.registeredCreditCode', 'evidence.registeredCreditCode');
    const early = await move(staffA, project.id, { to: 'registered', date: '2026-01-09', evidence: { registeredCreditCode: '91350900587527783P' } });
    expectApiError(early, 400, 'date.beforePrevious', 'date');
  });

  it('moves through the lifecycle, stalls with a reason and resumes; one audit row per move', async () => {
    const project = await newLead();
    const audits = await auditCount();
    const steps = [
      { to: 'signed', date: '2025-10-08', evidence: { contractNo: 'C-7' } },
      { to: 'registered', date: '2025-11-20', evidence: { registeredCreditCode: '91350900587527783P' } },
      { to: 'started', date: '2026-01-05', evidence: { permitNo: '420602202601050001' } },
      { to: 'stalled', date: '2026-01-20', reason: '用地手续未完成' },
      { to: 'started', date: '2026-02-10' },
    ];
    for (const step of steps) expect((await move(staffA, project.id, step)).statusCode).toBe(200);
    expectApiError(await move(staffA, project.id, { to: 'stalled', date: '2026-02-11' }), 400, 'reason.required', 'reason');
    const lifecycle = (await call(t.app, staffA, 'GET', `/api/projects/${project.id}/lifecycle`)).json() as TProjectLifecycle;
    expect(lifecycle.state).toBe('started');
    expect(lifecycle.events.map((e) => e.kind)).toEqual(['advance', 'advance', 'advance', 'stall', 'resume']);
    expect(lifecycle.deadlines.find((d) => d.ruleKey === 'signedToRegistered')).toMatchObject({ open: false, outcome: 'metOnTime' });
    expect(lifecycle.deadlines.find((d) => d.ruleKey === 'startedToInStats')).toMatchObject({ open: true, dueDate: '2026-03-05', status: 'dueSoon' });
    expect(await auditCount()).toBe(audits + steps.length);
  });

  it('corrects a stage date with a reason, keeping both records, and revokes only the latest', async () => {
    const project = await newLead();
    await move(staffA, project.id, { to: 'signed', date: '2026-01-31', evidence: { contractNo: 'C-8' } });
    const signed = (await call(t.app, staffA, 'GET', `/api/projects/${project.id}/lifecycle`)).json() as TProjectLifecycle;
    const signEvent = signed.events[0]!;

    const noReason = await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage-corrections`, { correctsEventId: signEvent.id, kind: 'correct', happenedOn: '2026-01-30', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const fixed = await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage-corrections`, {
      correctsEventId: signEvent.id,
      kind: 'correct',
      happenedOn: '2026-01-15',
      reason: '合同实际签署日期为1月15日',
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const lifecycle = fixed.json() as TProjectLifecycle;
    expect(lifecycle.events.map((e) => e.kind)).toEqual(['advance', 'correct']);
    expect(lifecycle.stageDates.signed).toBe('2026-01-15');
    expect(await row(project.id)).toMatchObject({ signedOn: '2026-01-15', nextDueOn: '2026-03-15' });

    await move(staffA, project.id, { to: 'registered', date: '2026-02-20', evidence: { registeredCreditCode: '914403001922038216' } });
    const notLatest = await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage-corrections`, { correctsEventId: signEvent.id, kind: 'revoke', reason: '误操作' });
    expectApiError(notLatest, 409, 'correction.notLatest', 'correctsEventId');
    const registerEvent = ((await call(t.app, staffA, 'GET', `/api/projects/${project.id}/lifecycle`)).json() as TProjectLifecycle).events.at(-1)!;
    const revoked = await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage-corrections`, { correctsEventId: registerEvent.id, kind: 'revoke', reason: '注册信息有误' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect((revoked.json() as TProjectLifecycle).state).toBe('signed');
    expect((await row(project.id)).registeredOn).toBeNull();
    expect(await eventCount(project.id)).toBe(4);
  });

  it('keeps the stage history append-only in the database', async () => {
    const project = await newLead();
    await move(staffA, project.id, { to: 'signed', date: '2026-02-01', evidence: { contractNo: 'C-9' } });
    await expect(t.db.execute(sql`update project_stage_events set happened_on = '2020-01-01' where project_id = ${project.id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from project_stage_events where project_id = ${project.id}`)).rejects.toThrow();
    expect(await eventCount(project.id)).toBe(1);
  });

  it('lets only writers of the project’s own units move it', async () => {
    const project = await newLead();
    const body = { to: 'signed', date: '2026-02-01', evidence: { contractNo: 'C-10' } };
    expect((await move(staffB, project.id, body)).statusCode).toBe(404);
    expect((await call(t.app, staffB, 'GET', `/api/projects/${project.id}/lifecycle`)).statusCode).toBe(404);
    expectApiError(await move(leaderA, project.id, body), 403, 'auth.readOnly');
    expect((await call(t.app, leaderA, 'GET', `/api/projects/${project.id}/lifecycle`)).statusCode).toBe(200);
    expect(await eventCount(project.id)).toBe(0);
    expect((await move(bureau, project.id, body)).statusCode).toBe(200);
  });

  it('lists the 督办 projects of the caller’s units, most overdue first', async () => {
    const late = await newLead('逾期项目');
    await move(staffA, late.id, { to: 'signed', date: '2025-10-01', evidence: { contractNo: 'S-1' } }); // registration due 2025-12-01
    const soon = await newLead('即将到期项目');
    await move(staffA, soon.id, { to: 'signed', date: '2026-01-10', evidence: { contractNo: 'S-2' } }); // due 2026-03-10, warned from 02-23
    const fine = await newLead('正常项目');
    await move(staffA, fine.id, { to: 'signed', date: '2026-02-20', evidence: { contractNo: 'S-3' } });

    const list = (await call(t.app, staffA, 'GET', '/api/supervision?pageSize=200')).json() as { items: { projectId: number; status: string; daysOverdue: number; colour: string }[] };
    const ours = list.items.filter((i) => [late.id, soon.id, fine.id].includes(i.projectId));
    expect(ours.map((i) => [i.projectId, i.status, i.daysOverdue, i.colour])).toEqual([
      [late.id, 'overdue', 91, 'red'],
      [soon.id, 'dueSoon', 0, 'yellow'],
    ]);
    const dueDates = list.items.map((i) => (i as unknown as { dueDate: string }).dueDate);
    expect(dueDates).toEqual([...dueDates].sort());
    const overdueOnly = (await call(t.app, staffA, 'GET', '/api/supervision?status=overdue&pageSize=200')).json() as { items: { status: string }[] };
    expect(overdueOnly.items.every((i) => i.status === 'overdue')).toBe(true);
    const seenByB = (await call(t.app, staffB, 'GET', '/api/supervision?pageSize=200')).json() as { items: { unitId: number }[] };
    expect(seenByB.items.every((i) => i.unitId === w.countyB.id)).toBe(true);
  });

  it('follows the bureau’s deadline rules: a changed rule moves every open due date', async () => {
    const project = await newLead();
    await move(staffA, project.id, { to: 'signed', date: '2026-01-10', evidence: { contractNo: 'C-11' } });
    const rules = (await call(t.app, staffA, 'GET', '/api/deadline-rules')).json() as { items: { id: number; key: string }[] };
    const registration = rules.items.find((r) => r.key === 'signedToRegistered')!;
    expectApiError(await call(t.app, staffA, 'PATCH', `/api/deadline-rules/${registration.id}`, { amount: 3 }), 403, 'auth.forbidden');
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/deadline-rules/${registration.id}`, { toStage: 'signed' }), 400, 'deadlineRule.stagesOutOfOrder', 'toStage');
    const changed = await call(t.app, bureau, 'PATCH', `/api/deadline-rules/${registration.id}`, { amount: 45, unit: 'days' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await row(project.id)).toMatchObject({ nextDueOn: '2026-02-24', nextDueRule: 'signedToRegistered' });
    await call(t.app, bureau, 'PATCH', `/api/deadline-rules/${registration.id}`, { amount: 2, unit: 'months' });
    expect((await row(project.id)).nextDueOn).toBe('2026-03-10');
  });
});
