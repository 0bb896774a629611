import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, departments, stageVerifications, users } from '../db/schema.ts';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { jpegWithExif } from '../../../test/support/exif-jpeg.ts';
import type { TProjectLifecycle } from '../../shared/project-stages.ts';
import type { TStageVerification, TStageVerificationDetail, TVerificationPage } from '../../shared/stage-verifications.ts';

function multipart(fileName: string, content: Buffer) {
  const boundary = '----zhaoshang' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// The test clock reads 2026-03-02 in China.
describe('stage verification (核实)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let bureau: Session;
  let dept: Session;
  let leaderA: Session;
  let departmentId: number;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    const [d] = await t.db.insert(departments).values({ unitId: w.city.id, name: '市住建局' }).returning();
    departmentId = d!.id;
    await t.db.update(users).set({ departmentId }).where(eq(users.id, w.department.id));
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    bureau = await logIn(t.app, 'bureau');
    dept = await logIn(t.app, 'dept');
    leaderA = await logIn(t.app, 'leader_a');
    const settings = {
      rules: [
        { stage: 'signed', minYuan: 100_000_000, reviewerDepartmentId: null },
        { stage: 'started', minYuan: 0, reviewerDepartmentId: departmentId },
      ],
      confirmedOnly: false,
      cityCentre: { lat: 32.009, lon: 112.122 },
      maxPhotoKm: 80,
      maxPhotoDaysBefore: 30,
    };
    const set = await call(t.app, bureau, 'PUT', '/api/verification-settings', settings);
    expect(set.statusCode, set.body).toBe(200);
  });
  afterAll(() => t.close());

  const lead = (amount = 200_000_000, unit = w.countyA, investor = w.enterpriseA) =>
    t.given.project({ unit, investor, stage: 'lead', totalInvestmentYuan: amount });
  const move = (session: Session, id: number, body: object) => call(t.app, session, 'POST', `/api/projects/${id}/stage`, body);
  const queue = async (session: Session, query = '') => (await call(t.app, session, 'GET', `/api/stage-verifications${query}`)).json() as TVerificationPage;
  const decide = (session: Session, id: number, body: object) => call(t.app, session, 'POST', `/api/stage-verifications/${id}/decision`, body);
  const verificationOf = async (projectId: number) => (await t.db.select().from(stageVerifications).where(eq(stageVerifications.projectId, projectId)))[0];

  it('only the bureau sets what is verified; a second rule for one stage is refused, naming it', async () => {
    expectApiError(await call(t.app, staffA, 'PUT', '/api/verification-settings', { rules: [], confirmedOnly: true, cityCentre: null, maxPhotoKm: 80, maxPhotoDaysBefore: 30 }), 403, 'auth.forbidden');
    const twice = { rules: [{ stage: 'signed', minYuan: 0 }, { stage: 'signed', minYuan: 5 }], confirmedOnly: false, cityCentre: null, maxPhotoKm: 80, maxPhotoDaysBefore: 30 };
    expectApiError(await call(t.app, bureau, 'PUT', '/api/verification-settings', twice), 400, 'validation.invalid', 'rules.1.stage');
    const read = (await call(t.app, staffA, 'GET', '/api/verification-settings')).json();
    expect(read).toMatchObject({ isDefault: false, settings: { rules: [{ stage: 'signed', minYuan: 100_000_000 }, { stage: 'started', reviewerDepartmentId: departmentId }] } });
    const audits = await t.db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, 'verificationSettings'));
    expect(Number(audits[0]!.n)).toBe(1);
  });

  it('a signing of 2亿 is reported and waits; one of 5000万 counts at once; the unit sees 待核实 on its stage', async () => {
    const big = await lead(200_000_000);
    const small = await lead(50_000_000);
    const response = await move(staffA, big.id, { to: 'signed', date: '2026-02-20', evidence: { contractNo: 'XY-2026-001' } });
    expect(response.statusCode, response.body).toBe(200);
    const lifecycle = response.json() as TProjectLifecycle;
    expect(lifecycle.events.at(-1)!.verification).toMatchObject({ status: 'reported', reason: null });
    await move(staffA, small.id, { to: 'signed', date: '2026-02-20', evidence: { contractNo: 'XY-2026-002' } });
    expect(await verificationOf(small.id)).toBeUndefined();
    const waiting = (await queue(bureau)).items.filter((v) => v.projectId === big.id);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ stage: 'signed', status: 'reported', unitName: '甲县', happenedOn: '2026-02-20', daysWaiting: 0, reviewerDepartmentId: null });
  });

  it('a reviewer rejects with a reason, the unit resubmits or corrects, the reviewer confirms — each step audited and kept', async () => {
    const project = await lead();
    await move(staffA, project.id, { to: 'signed', date: '2026-02-21', evidence: { contractNo: 'XY-2026-010' } });
    const v = (await verificationOf(project.id))!;
    expectApiError(await decide(staffA, v.id, { action: 'confirm' }), 403, 'verification.notReviewer');
    expectApiError(await decide(bureau, v.id, { action: 'reject' }), 400, 'reason.required', 'reason');
    const rejected = await decide(bureau, v.id, { action: 'reject', reason: '合同未见双方盖章' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', reason: '合同未见双方盖章' });
    expectApiError(await decide(bureau, v.id, { action: 'confirm' }), 409, 'verification.notReported');
    const lifecycle = (await call(t.app, leaderA, 'GET', `/api/projects/${project.id}/lifecycle`)).json() as TProjectLifecycle;
    expect(lifecycle.events.at(-1)!.verification).toEqual({ id: v.id, status: 'rejected', reason: '合同未见双方盖章' });

    expectApiError(await call(t.app, leaderA, 'POST', `/api/stage-verifications/${v.id}/resubmit`, {}), 403, 'auth.readOnly');
    const resubmitted = await call(t.app, staffA, 'POST', `/api/stage-verifications/${v.id}/resubmit`, { note: '已补盖章页' });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({ status: 'reported', reason: null });
    expectApiError(await call(t.app, staffA, 'POST', `/api/stage-verifications/${v.id}/resubmit`, {}), 409, 'verification.notRejected');

    await decide(bureau, v.id, { action: 'reject', reason: '日期与合同不符' });
    const eventId = (await verificationOf(project.id))!.stageEventId;
    const corrected = await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage-corrections`, { kind: 'correct', correctsEventId: eventId, happenedOn: '2026-02-18', reason: '按合同落款日期更正' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await verificationOf(project.id))!.status).toBe('reported');

    const confirmed = (await decide(bureau, v.id, { action: 'confirm' })).json() as TStageVerification;
    expect(confirmed).toMatchObject({ status: 'confirmed', decidedByName: expect.any(String) });
    expect(confirmed.steps.map((s) => s.status)).toEqual(['reported', 'rejected', 'reported', 'rejected', 'reported', 'confirmed']);
    expect(confirmed.steps[1]!.reason).toBe('合同未见双方盖章');
    const audits = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entity, 'stageVerification'), eq(auditLog.entityId, String(v.id))));
    expect(Number(audits[0]!.n)).toBe(6);
  });

  it('a revoked change is withdrawn from the queue', async () => {
    const project = await lead();
    await move(staffA, project.id, { to: 'signed', date: '2026-02-22', evidence: { contractNo: 'XY-2026-020' } });
    const v = (await verificationOf(project.id))!;
    await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage-corrections`, { kind: 'revoke', correctsEventId: v.stageEventId, reason: '误录' });
    expect((await verificationOf(project.id))!.status).toBe('withdrawn');
    expect((await queue(bureau)).items.some((i) => i.id === v.id)).toBe(false);
  });

  it('a unit sees only its own reported changes; another county gets 404 and cannot act', async () => {
    const project = await lead();
    await move(staffA, project.id, { to: 'signed', date: '2026-02-23', evidence: { contractNo: 'XY-2026-030' } });
    const v = (await verificationOf(project.id))!;
    expect((await queue(staffA)).items.some((i) => i.id === v.id)).toBe(true);
    expect((await queue(staffB)).items.some((i) => i.id === v.id)).toBe(false);
    expectApiError(await call(t.app, staffB, 'GET', `/api/stage-verifications/${v.id}`), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'POST', `/api/stage-verifications/${v.id}/resubmit`, {}), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'GET', `/api/stage-verifications?unitId=${w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
    // A department sees only what is routed to it: a signing is the bureau's.
    expectApiError(await call(t.app, dept, 'GET', `/api/stage-verifications/${v.id}`), 404, 'notFound');
  });

  it('a 开工 routed to a department: its reviewer sees the photo’s EXIF checks, the contract and credit code checks, and confirms', async () => {
    const project = await lead(80_000_000);
    await move(staffA, project.id, { to: 'signed', date: '2025-12-01', evidence: { contractNo: 'XY-2026-001' } });
    await move(staffA, project.id, { to: 'registered', date: '2026-01-05', evidence: { registeredCreditCode: '91350900587527783P' } });
    const photos = [jpegWithExif({ takenAt: '2025:03:01 10:00:00', lat: 22.543, lon: 114.058 }), jpegWithExif({ takenAt: '2026:02:25 09:00:00', lat: 32.05, lon: 112.2 })];
    const fileIds: number[] = [];
    for (const [i, photo] of photos.entries()) {
      const body = multipart(`开工${i}.jpg`, photo);
      const up = await t.app.inject({ method: 'POST', url: `/api/projects/${project.id}/files`, payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
      expect(up.statusCode, up.body).toBe(200);
      fileIds.push(up.json().id);
    }
    await move(staffA, project.id, { to: 'started', date: '2026-03-01', evidence: {}, fileIds });
    const started = (await queue(dept)).items;
    expect(started.map((i) => [i.projectId, i.stage, i.reviewerDepartmentName])).toEqual([[project.id, 'started', '市住建局']]);
    const detail = (await call(t.app, dept, 'GET', `/api/stage-verifications/${started[0]!.id}`)).json() as TStageVerificationDetail;
    expect(detail.checks.photos.map((p) => [p.fileName, p.level, p.takenOn, p.flags])).toEqual([
      ['开工0.jpg', 'warn', '2025-03-01', ['longBefore', 'farFromCity']],
      ['开工1.jpg', 'ok', '2026-02-25', []],
    ]);
    expect(detail.checks.photos[0]!.daysBeforeClaim).toBe(365);
    expect(detail.checks.photos[0]!.km).toBeGreaterThan(1000);
    expect(detail.checks.contract.level).toBe('missing');
    expect(detail.checks.limits).toEqual({ maxPhotoKm: 80, maxPhotoDaysBefore: 30, cityCentreSet: true });
    const ok = await decide(dept, started[0]!.id, { action: 'confirm' });
    expect(ok.statusCode, ok.body).toBe(200);

    // The signing's contract number is also the first project's (written with other dashes and case): flagged, counted, not named.
    const other = await lead(300_000_000);
    await move(staffA, other.id, { to: 'signed', date: '2026-02-26', evidence: { contractNo: 'xy 2026—001' } });
    const signing = (await queue(bureau)).items.find((i) => i.projectId === other.id)!;
    const checks = ((await call(t.app, bureau, 'GET', `/api/stage-verifications/${signing.id}`)).json() as TStageVerificationDetail).checks;
    expect(checks.contract).toEqual({ level: 'warn', contractNo: 'xy 2026—001', otherProjects: 2 });
    expect(checks.creditCode.level).toBe('missing');
  });

  it('the registered credit code is checked against the investor', async () => {
    await call(t.app, bureau, 'PUT', '/api/verification-settings', {
      rules: [{ stage: 'registered', minYuan: 0, reviewerDepartmentId: null }],
      confirmedOnly: false,
      cityCentre: null,
      maxPhotoKm: 80,
      maxPhotoDaysBefore: 30,
    });
    const project = await lead();
    await move(staffA, project.id, { to: 'signed', date: '2026-01-01', evidence: { contractNo: 'XY-R-1' } });
    await move(staffA, project.id, { to: 'registered', date: '2026-02-01', evidence: { registeredCreditCode: '91350900587527783P' } });
    const v = (await verificationOf(project.id))!;
    const checks = ((await call(t.app, bureau, 'GET', `/api/stage-verifications/${v.id}`)).json() as TStageVerificationDetail).checks;
    expect(checks.creditCode).toEqual({ level: 'warn', code: '91350900587527783P', invalid: null, investorMatch: 'different' });
  });

  it('the city’s own projects are not put under verification (no one above the bureau confirms them)', async () => {
    const project = await t.given.project({ unit: w.city, investor: w.enterpriseA, stage: 'lead', totalInvestmentYuan: 500_000_000 });
    await move(bureau, project.id, { to: 'signed', date: '2026-02-01', evidence: { contractNo: 'CITY-1' } });
    await move(bureau, project.id, { to: 'registered', date: '2026-02-02', evidence: { registeredCreditCode: '91350900587527783P' } });
    expect(await verificationOf(project.id)).toBeUndefined();
  });
});
