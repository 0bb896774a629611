import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { runReminderJob } from '../reminders/reminders.job.ts';
import type { TProblem } from '../../shared/problems.ts';

describe('the problems ledger (问题台账)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let leaderA: Session;
  let bureau: Session;
  let dept: Session;
  let otherDept: Session;
  let landBureau: { id: number };
  let power: { id: number };
  let problem: TProblem;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    landBureau = (await call(t.app, bureau, 'POST', '/api/departments', { unitId: w.city.id, name: '市自然资源和规划局' })).json();
    power = (await call(t.app, bureau, 'POST', '/api/departments', { unitId: w.city.id, name: '国网供电公司' })).json();
    expect((await call(t.app, bureau, 'PATCH', `/api/users/${w.department.id}`, { departmentId: landBureau.id })).statusCode).toBe(200);
    const powerUser = await t.given.user({ unit: w.city, role: 'department', username: 'power_user' });
    await call(t.app, bureau, 'PATCH', `/api/users/${powerUser.id}`, { departmentId: power.id });
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    leaderA = await logIn(t.app, 'leader_a');
    dept = await logIn(t.app, 'dept');
    otherDept = await logIn(t.app, 'power_user');
    const raised = await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/problems`, {
      category: 'land',
      description: '项目二期用地指标未落实,需调整规划',
      departmentId: landBureau.id,
      dueOn: '2026-03-20',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    problem = raised.json();
  });
  afterAll(() => t.close());

  it('raises a blocker on a project, routed to a department with a due date', () => {
    expect(problem).toMatchObject({
      projectId: w.projectA.id,
      projectName: '甲县测试项目',
      category: 'land',
      departmentName: '市自然资源和规划局',
      dueOn: '2026-03-20',
      state: 'open',
      level: 'unit',
      overdue: false,
    });
  });

  it('shows a department user only the problems routed to their department, and none of the unit’s records', async () => {
    const theirs = (await call(t.app, dept, 'GET', '/api/problems')).json() as { items: TProblem[] };
    expect(theirs.items.map((p) => p.id)).toEqual([problem.id]);
    expect((await call(t.app, otherDept, 'GET', '/api/problems')).json()).toMatchObject({ items: [], total: 0 });
    expectApiError(await call(t.app, otherDept, 'GET', `/api/problems/${problem.id}`), 404, 'notFound');
    expect((await call(t.app, dept, 'GET', '/api/projects')).json()).toMatchObject({ items: [], total: 0 });
    expectApiError(await call(t.app, dept, 'GET', `/api/projects/${w.projectA.id}`), 404, 'notFound');
  });

  it('lets leaders add instructions (领导批示) and the department report progress and resolve', async () => {
    expectApiError(await call(t.app, staffA, 'POST', `/api/problems/${problem.id}/notes`, { kind: 'instruction', text: '尽快办理' }), 403, 'problem.instructionByLeader');
    expect((await call(t.app, leaderA, 'POST', `/api/problems/${problem.id}/notes`, { kind: 'instruction', text: '请自规局3月15日前拿出方案' })).statusCode).toBe(200);
    expectApiError(await call(t.app, leaderA, 'POST', `/api/problems/${problem.id}/notes`, { kind: 'progress', text: 'x' }), 403, 'auth.readOnly');
    expect((await call(t.app, dept, 'POST', `/api/problems/${problem.id}/notes`, { kind: 'progress', text: '已启动规划调整程序' })).statusCode).toBe(200);
    expectApiError(await call(t.app, otherDept, 'POST', `/api/problems/${problem.id}/resolve`, { resolution: '越权' }), 404, 'notFound');
    const resolved = await call(t.app, dept, 'POST', `/api/problems/${problem.id}/resolve`, { resolution: '规划调整已获批' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const done = resolved.json() as TProblem;
    expect(done).toMatchObject({ state: 'resolved', resolution: '规划调整已获批' });
    expect(done.notes.map((n) => [n.kind, n.author])).toEqual([
      ['instruction', w.leaderA.displayName],
      ['progress', w.department.displayName],
      ['resolution', w.department.displayName],
    ]);
    expectApiError(await call(t.app, dept, 'POST', `/api/problems/${problem.id}/resolve`, { resolution: '再次' }), 409, 'problem.resolved');
  });

  it('escalates an open problem past its due date to the city, once', async () => {
    const late = (
      await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'utilities', description: '双回路供电未接入', departmentId: power.id, dueOn: '2026-03-01' })
    ).json() as TProblem;
    expect(late.overdue).toBe(true);
    await runReminderJob({ db: t.db, now: t.clock.now() });
    await runReminderJob({ db: t.db, now: t.clock.now() });
    const escalated = (await call(t.app, bureau, 'GET', `/api/problems/${late.id}`)).json() as TProblem;
    expect(escalated.level).toBe('city');
    expect(escalated.notes.filter((n) => n.kind === 'escalation')).toHaveLength(1);
    const cityList = (await call(t.app, bureau, 'GET', '/api/problems?level=city')).json() as { items: TProblem[] };
    expect(cityList.items.map((p) => p.id)).toEqual([late.id]);
  });

  it('keeps problems inside the project’s units: another county cannot raise, read or change them', async () => {
    expectApiError(await call(t.app, staffB, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'other', description: '越权' }), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'GET', `/api/problems/${problem.id}`), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'PATCH', `/api/problems/${problem.id}`, { dueOn: '2030-01-01' }), 404, 'notFound');
    expect(((await call(t.app, staffB, 'GET', '/api/problems')).json() as { items: TProblem[] }).items).toEqual([]);
    expectApiError(await call(t.app, leaderA, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'other', description: '领导不能直接录入' }), 403, 'auth.readOnly');
  });
});
