import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, creditCode, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, projects } from '../db/schema.ts';
import type { TDuplicate, TLead } from '../../shared/leads.ts';
import type { TNotification } from '../../shared/notifications.ts';
import type { TTeam, TTrip } from '../../shared/activities.ts';
import { runReminderJob } from '../reminders/reminders.job.ts';

describe('leads', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let leaderA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    leaderA = await logIn(t.app, 'leader_a');
  });
  afterAll(() => t.close());

  const create = async (session: Session, body: object) => {
    const response = await call(t.app, session, 'POST', '/api/leads', body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TLead;
  };

  it('takes a lead in, follows it, and converts it into a project carrying its enterprise, industry and amount', async () => {
    const lead = await create(staffA, {
      enterpriseName: '深圳鲲鹏储能科技有限公司',
      industryCode: '3841',
      intendedAmountYuan: 500_000_000,
      source: 'resident',
      collectedOn: '2026-02-10',
      followUpOn: '2026-03-10',
      note: '驻深圳招商小分队收集,企业计划在华中布局储能电池产线',
    });
    expect(lead).toMatchObject({ state: 'new', unitId: w.countyA.id, enterpriseId: null, reporterName: w.staffA.displayName });
    expect((await call(t.app, staffA, 'POST', `/api/leads/${lead.id}/state`, { to: 'following' })).json().state).toBe('following');
    const converted = await call(t.app, staffA, 'POST', `/api/leads/${lead.id}/convert`, { name: '鲲鹏储能电池生产基地项目' });
    expect(converted.statusCode, converted.body).toBe(200);
    const done = converted.json() as TLead;
    expect(done).toMatchObject({ state: 'converted', projectId: expect.any(Number), enterpriseId: expect.any(Number) });
    const [project] = await t.db.select().from(projects).where(eq(projects.id, done.projectId!));
    expect(project).toMatchObject({ unitId: w.countyA.id, investorEnterpriseId: done.enterpriseId, industryCode: '3841', totalInvestmentYuan: 500_000_000, stage: 'lead' });
    expect(project!.note).toContain('由线索转化（2026-02-10 收集）');
    // The project's timeline starts with the lead; a visit about the project shows there too.
    await call(t.app, staffA, 'POST', '/api/visits', { kind: 'talks', enterpriseId: done.enterpriseId, projectId: done.projectId, visitedOn: '2026-03-01', nextStep: '提交用地申请' });
    const timeline = (await call(t.app, staffA, 'GET', `/api/projects/${done.projectId}/timeline`)).json().items as { kind: string; at: string; data: Record<string, unknown> }[];
    expect(timeline.filter((i) => i.kind === 'lead' || i.kind === 'visit').map((i) => [i.kind, i.at, i.data.enterpriseName])).toEqual([
      ['visit', '2026-03-01', '深圳鲲鹏储能科技有限公司'],
      ['lead', '2026-02-10', '深圳鲲鹏储能科技有限公司'],
    ]);
    // Converted is done: no more moves, no edits.
    expectApiError(await call(t.app, staffA, 'POST', `/api/leads/${lead.id}/state`, { to: 'dropped', reason: '重复' }), 409, 'lead.notAllowed', 'to');
    expectApiError(await call(t.app, staffA, 'POST', `/api/leads/${lead.id}/convert`, { name: '再次转化项目' }), 409, 'lead.notAllowed', 'state');
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'lead'));
    expect(trail.map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('drops a lead only with a reason, and takes it up again', async () => {
    const lead = await create(staffA, { enterpriseId: w.enterpriseA.id, source: 'chamber', collectedOn: '2026-03-01' });
    expect(lead.enterpriseName).toBe('甲县测试企业有限公司');
    expectApiError(await call(t.app, staffA, 'POST', `/api/leads/${lead.id}/state`, { to: 'dropped' }), 400, 'lead.reasonRequired', 'reason');
    const dropped = (await call(t.app, staffA, 'POST', `/api/leads/${lead.id}/state`, { to: 'dropped', reason: '企业战略调整,暂缓投资' })).json() as TLead;
    expect(dropped).toMatchObject({ state: 'dropped', droppedReason: '企业战略调整,暂缓投资' });
    expect((await call(t.app, staffA, 'POST', `/api/leads/${lead.id}/state`, { to: 'following' })).json()).toMatchObject({ state: 'following', droppedReason: null });
    const list = (await call(t.app, staffA, 'GET', '/api/leads?state=following&source=chamber')).json();
    expect(list.items.map((l: TLead) => l.id)).toEqual([lead.id]);
  });

  it('refuses leaders, future dates, an enterprise that does not exist and a unit of another county', async () => {
    const body = { enterpriseName: '某某科技有限公司', source: 'online', collectedOn: '2026-03-01' };
    expectApiError(await call(t.app, leaderA, 'POST', '/api/leads', body), 403, 'auth.readOnly');
    expectApiError(await call(t.app, staffA, 'POST', '/api/leads', { ...body, collectedOn: '2026-03-03' }), 400, 'date.future', 'collectedOn');
    expectApiError(await call(t.app, staffA, 'POST', '/api/leads', { ...body, enterpriseName: undefined }), 400, 'validation.required', 'enterpriseName');
    // The enterprise library is the city's shared reference (issue 13): another county's enterprise may be named, a missing one not.
    expectApiError(await call(t.app, staffA, 'POST', '/api/leads', { ...body, enterpriseId: 2_000_000_000 }), 400, 'project.investorOutOfScope', 'enterpriseId');
    expectApiError(await call(t.app, staffA, 'POST', '/api/leads', { ...body, unitId: w.countyB.id }), 400, 'project.unitOutOfScope', 'unitId');
  });

  it('shows likely duplicates anywhere in the city, without another county\'s details', async () => {
    await create(staffB, { enterpriseName: '华中智能装备（襄阳）有限责任公司', creditCode: creditCode(77), intendedAmountYuan: 900_000_000, source: 'agency', collectedOn: '2026-02-01', note: '乙县的机密洽谈' });
    await t.db.update(projects).set({ codeName: '乙县一号' }).where(eq(projects.id, w.projectB.id));
    const duplicates = async (session: Session, query: string) => {
      const response = await call(t.app, session, 'GET', `/api/duplicates?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items as TDuplicate[];
    };
    // The same company written with half-width brackets and the short company form, seen from 甲县.
    expect(await duplicates(staffA, `name=${encodeURIComponent('华中智能装备(襄阳)有限公司')}`)).toEqual([
      { kind: 'lead', match: 'same', unitName: '乙县', id: null, name: null },
    ]);
    expect(await duplicates(staffA, `creditCode=${creditCode(77)}`)).toEqual([{ kind: 'lead', match: 'creditCode', unitName: '乙县', id: null, name: null }]);
    // 乙县's enterprise is the city's public library (issue 13): by id and name. Its project (two of them, even) only as
    // 乙县's work on it, once, with neither its name nor its code name.
    await t.given.project({ unit: w.countyB, investor: w.enterpriseB, name: '乙县第二个项目' });
    const other = await duplicates(staffA, `name=${encodeURIComponent('乙县测试企业 有限责任公司')}`);
    expect(other).toEqual([
      { kind: 'enterprise', match: 'same', unitName: '乙县', id: w.enterpriseB.id, name: '乙县测试企业有限公司' },
      { kind: 'project', match: 'same', unitName: '乙县', id: null, name: null },
    ]);
    // A record merged into another is not offered; its survivor is.
    const duplicate = await t.given.enterprise({ unit: w.countyB, name: '乙县测试企业(集团)有限公司' });
    expect((await duplicates(staffA, `name=${encodeURIComponent('乙县测试企业(集团)有限公司')}`)).map((d) => d.id)).toContain(duplicate.id);
    const merged = await call(t.app, await logIn(t.app, 'bureau'), 'POST', `/api/enterprises/${w.enterpriseB.id}/merges`, { mergedId: duplicate.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await duplicates(staffA, `name=${encodeURIComponent('乙县测试企业(集团)有限公司')}`)).map((d) => d.id)).not.toContain(duplicate.id);
    // Seen from 乙县 itself: the records, by id and name.
    const own = await duplicates(staffB, `name=${encodeURIComponent('乙县测试企业有限公司')}`);
    expect(own).toEqual([
      { kind: 'enterprise', match: 'same', unitName: '乙县', id: w.enterpriseB.id, name: '乙县测试企业有限公司' },
      { kind: 'project', match: 'same', unitName: '乙县', id: w.projectB.id, name: '乙县测试项目' },
      { kind: 'project', match: 'same', unitName: '乙县', id: expect.any(Number), name: '乙县第二个项目' },
    ]);
    expect(await duplicates(staffA, `name=${encodeURIComponent('完全不同的名字有限公司')}`)).toEqual([]);
  });

  it('lists the leads of one trip or one resident team, and nothing for another county\'s', async () => {
    const post = async <T>(session: Session, url: string, body: object) => {
      const response = await call(t.app, session, 'POST', url, body);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as T;
    };
    const trip = (session: Session, leaderName: string) =>
      post<TTrip>(session, '/api/trips', { leaderName, leaderLevel: 'countyHead', fromOn: '2026-02-10', toOn: '2026-02-12', cities: ['440300'] });
    const tripA = await trip(staffA, '甲县 县长');
    const otherTripA = await trip(staffA, '甲县 副县长');
    const tripB = await trip(staffB, '乙县 县长');
    const teamA = await post<TTeam>(staffA, '/api/teams', { name: '甲县驻深圳小分队', hostRegionCode: '440300', startedOn: '2026-01-05' });
    const teamB = await post<TTeam>(staffB, '/api/teams', { name: '乙县驻深圳小分队', hostRegionCode: '440300', startedOn: '2026-01-05' });
    const fromTrip = await create(staffA, { enterpriseName: '深圳行程企业甲有限公司', source: 'squad', collectedOn: '2026-02-11', tripId: tripA.id });
    const fromBoth = await create(staffA, { enterpriseName: '深圳行程企业乙有限公司', source: 'squad', collectedOn: '2026-02-12', tripId: tripA.id, teamId: teamA.id });
    const fromTeam = await create(staffA, { enterpriseName: '深圳驻点企业有限公司', source: 'resident', collectedOn: '2026-02-20', teamId: teamA.id });
    await create(staffA, { enterpriseName: '另一行程企业有限公司', source: 'squad', collectedOn: '2026-02-12', tripId: otherTripA.id });
    await create(staffB, { enterpriseName: '乙县行程企业有限公司', source: 'squad', collectedOn: '2026-02-11', tripId: tripB.id, teamId: teamB.id });

    const ids = async (session: Session, query: string) => {
      const response = await call(t.app, session, 'GET', `/api/leads?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as { items: TLead[]; total: number };
      expect(page.total).toBe(page.items.length);
      return page.items.map((l) => l.id);
    };
    expect(await ids(staffA, `tripId=${tripA.id}`)).toEqual([fromBoth.id, fromTrip.id]);
    expect(await ids(staffA, `teamId=${teamA.id}`)).toEqual([fromTeam.id, fromBoth.id]);
    expect(await ids(staffA, `tripId=${tripA.id}&teamId=${teamA.id}`)).toEqual([fromBoth.id]);
    expect(await ids(staffA, `tripId=${tripA.id}&source=resident`)).toEqual([]);
    // Another county's trip or team: its leads stay out of sight, and so does whether it has any.
    expect(await ids(staffA, `tripId=${tripB.id}`)).toEqual([]);
    expect(await ids(staffA, `teamId=${teamB.id}`)).toEqual([]);
    expect(await ids(staffB, `tripId=${tripA.id}`)).toEqual([]);
    expect(await ids(staffA, 'tripId=999999')).toEqual([]);
    expectApiError(await call(t.app, staffA, 'GET', '/api/leads?tripId=abc'), 400, 'validation.invalid', 'tripId');

    // A park's staff sees a park lead the county recorded from the county's trip, but asking by that trip finds nothing.
    await t.given.user({ unit: w.parkA, role: 'staff', username: 'staff_park' });
    const parkLead = await create(staffA, { enterpriseName: '园区落地企业有限公司', source: 'squad', collectedOn: '2026-02-12', tripId: tripA.id, unitId: w.parkA.id });
    const staffPark = await logIn(t.app, 'staff_park');
    expect(await ids(staffPark, '')).toEqual([parkLead.id]);
    expect(await ids(staffPark, `tripId=${tripA.id}`)).toEqual([]);
    expect(await ids(staffA, `tripId=${tripA.id}`)).toEqual([parkLead.id, fromBoth.id, fromTrip.id]);
  });

  it('edits a lead that is not converted; a wrong field is named', async () => {
    const lead = await create(staffA, { enterpriseName: '待补充信息企业有限公司', source: 'online', collectedOn: '2026-02-15' });
    const edited = await call(t.app, staffA, 'PATCH', `/api/leads/${lead.id}`, { note: '已电话确认投资意向', intendedAmountYuan: 30_000_000, followUpOn: '2026-03-20', source: 'agency' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ note: '已电话确认投资意向', intendedAmountYuan: 30_000_000, followUpOn: '2026-03-20', source: 'agency', state: 'new' });
    expectApiError(await call(t.app, staffA, 'PATCH', `/api/leads/${lead.id}`, { industryCode: '99999' }), 400, 'validation.invalid', 'industryCode');
    expectApiError(await call(t.app, staffB, 'PATCH', `/api/leads/${lead.id}`, { note: '乙县改的' }), 404, 'notFound');
    expectApiError(await call(t.app, leaderA, 'PATCH', `/api/leads/${lead.id}`, { note: '领导改的' }), 403, 'auth.readOnly');
  });

  it('reminds the reporter and the unit of a follow-up day once, near it and once it has passed', async () => {
    const lead = await create(staffA, { enterpriseName: '待回访企业有限公司', source: 'hometown', collectedOn: '2026-02-20', followUpOn: '2026-03-04' });
    const noSend = async () => ({ ok: true, detail: 'test' });
    const run = (at: string) => runReminderJob({ db: t.db, now: new Date(`${at}T09:00:00+08:00`), send: noSend });
    const bell = async (session: Session) => ((await call(t.app, session, 'GET', '/api/notifications')).json().items as TNotification[]).filter((n) => n.leadId === lead.id);
    const mine = () => bell(staffA);
    await run('2026-02-28'); // five days before: nothing yet
    expect(await mine()).toEqual([]);
    await run('2026-03-02');
    await run('2026-03-02'); // twice on one day: once
    // The reporter is told in person, once: the unit's copy of the same reminder is not shown to them again (issue 16);
    // a colleague of the unit sees the unit's copy.
    expect((await mine()).map((n) => [n.level, n.personal, n.projectName, n.projectId])).toEqual([['dueSoon', true, '待回访企业有限公司', null]]);
    expect((await bell(leaderA)).map((n) => [n.level, n.personal])).toEqual([['dueSoon', false]]);
    await run('2026-03-05');
    expect((await mine()).filter((n) => n.level === 'overdue')).toHaveLength(1);
    expect((await bell(leaderA)).filter((n) => n.level === 'overdue')).toHaveLength(1);
    // Followed up and dropped: no more reminders.
    await call(t.app, staffA, 'POST', `/api/leads/${lead.id}/state`, { to: 'dropped', reason: '企业无投资意向' });
    const before = (await mine()).length;
    await run('2026-03-09');
    expect((await mine()).length).toBe(before);
    // Another county never sees them.
    const theirs = (await call(t.app, staffB, 'GET', '/api/notifications')).json().items as TNotification[];
    expect(theirs.filter((n) => n.leadId === lead.id)).toEqual([]);
  });

  // Catches (docs/testing.md, case 2): leadsDueForFollowUp picking leads in any state (the `inArray(leads.state,
  // ['new', 'following'])` condition dropped). The leads are dropped and converted BEFORE the job ever runs, so no
  // reminder stored earlier and no unique key can hide a wrong pick.
  it('never reminds of a lead dropped or converted before its follow-up day; one still followed is reminded', async () => {
    const followUp = { source: 'hometown', collectedOn: '2026-02-25', followUpOn: '2026-03-11' };
    const kept = await create(staffA, { enterpriseName: '仍在跟进企业有限公司', ...followUp });
    const dropped = await create(staffA, { enterpriseName: '已放弃企业有限公司', ...followUp });
    const converted = await create(staffA, { enterpriseName: '已转化企业有限公司', ...followUp });
    expect((await call(t.app, staffA, 'POST', `/api/leads/${dropped.id}/state`, { to: 'dropped', reason: '企业无投资意向' })).json().state).toBe('dropped');
    expect((await call(t.app, staffA, 'POST', `/api/leads/${converted.id}/state`, { to: 'following' })).json().state).toBe('following');
    const done = await call(t.app, staffA, 'POST', `/api/leads/${converted.id}/convert`, { name: '已转化企业生产基地项目' });
    expect(done.statusCode, done.body).toBe(200);
    await runReminderJob({ db: t.db, now: new Date('2026-03-13T09:00:00+08:00'), send: async () => ({ ok: true, detail: 'test' }) });
    const items = (await call(t.app, staffA, 'GET', '/api/notifications')).json().items as TNotification[];
    const levelsOf = (leadId: number) => items.filter((n) => n.leadId === leadId).map((n) => n.level);
    expect(levelsOf(kept.id)).toEqual(['overdue']);
    expect(levelsOf(dropped.id)).toEqual([]);
    expect(levelsOf(converted.id)).toEqual([]);
  });
});
