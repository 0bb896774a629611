import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { call, createTestApp, creditCode, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, duplicateClaims, evidenceFiles, problems, projectComments, projectFunds, projectMerges, projects, projectStageEvents, visits } from '../db/schema.ts';
import { runDuplicateScan } from './duplicate-claims.job.ts';
import type { TDuplicateClaim, TProjectDuplicateReview } from '../../shared/duplicate-claims.ts';

/** Issue 17: merging a pair of the 甄别 queue — one project survives, the other's records move to it — and undoing it. */
describe('merging a duplicate claim, and undoing it', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffB: Session;
  let bureau: Session;
  let kept: { id: number };
  let duplicate: { id: number };
  let claimId: number;

  const figures = async (unitId: number) => {
    const response = await call(t.app, bureau, 'GET', `/api/metrics?from=2026-01-01&to=2026-02-28&unitId=${unitId}&keys=signedCount,signedContractYuan,fundsArrivedDomesticYuan`);
    expect(response.statusCode, response.body).toBe(200);
    const items = (response.json() as { items: { key: string; value: number }[] }).items;
    return Object.fromEntries(items.map((i) => [i.key, i.value]));
  };
  /** Every row a merge may touch, as stored: an undo must give back exactly this. */
  const rowsOf = async (ids: number[]) => ({
    projects: await t.db.select().from(projects).where(inArray(projects.id, ids)).orderBy(asc(projects.id)),
    funds: await t.db.select().from(projectFunds).where(inArray(projectFunds.projectId, ids)).orderBy(asc(projectFunds.id)),
    comments: await t.db.select().from(projectComments).where(inArray(projectComments.projectId, ids)).orderBy(asc(projectComments.id)),
    files: await t.db.select({ id: evidenceFiles.id, projectId: evidenceFiles.projectId, stageEventId: evidenceFiles.stageEventId }).from(evidenceFiles).where(inArray(evidenceFiles.projectId, ids)).orderBy(asc(evidenceFiles.id)),
    problems: await t.db.select().from(problems).where(inArray(problems.projectId, ids)).orderBy(asc(problems.id)),
    visits: await t.db.select().from(visits).where(inArray(visits.projectId, ids)).orderBy(asc(visits.id)),
    stageEvents: await t.db.select().from(projectStageEvents).where(inArray(projectStageEvents.projectId, ids)).orderBy(asc(projectStageEvents.id)),
  });
  const withoutUpdatedAt = <T extends { updatedAt: Date }>(rows: T[]) => rows.map(({ updatedAt: _, ...rest }) => rest);

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    const catl = await t.given.enterprise({ unit: w.city, name: '宁德时代新能源科技股份有限公司', creditCode: creditCode(7) });
    kept = await t.given.project({ unit: w.countyA, investor: catl, name: '甲县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000, stage: 'started' });
    duplicate = await t.given.project({ unit: w.countyB, investor: catl, name: '乙县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000, stage: 'started' });
    await runDuplicateScan(t.db, new Date('2026-03-02T00:00:00Z'));
    const [claim] = await t.db.select().from(duplicateClaims).where(and(eq(duplicateClaims.projectAId, kept.id), eq(duplicateClaims.projectBId, duplicate.id)));
    claimId = claim!.id;
    // What 乙县 recorded about its project: funds, a comment, a problem, a visit, a loose file and a stage's photo.
    await t.db.insert(projectFunds).values({ projectId: duplicate.id, arrivedOn: '2026-02-15', source: 'outOfProvince', amountYuan: 50_000_000, evidenceRef: '乙县到账凭证' });
    await t.db.insert(projectComments).values({ projectId: duplicate.id, authorId: w.staffB.id, text: '乙县跟进记录' });
    await t.db.insert(problems).values({ projectId: duplicate.id, category: 'land', description: '乙县用地指标待落实', createdBy: w.staffB.id });
    await t.db.insert(visits).values({ unitId: w.countyB.id, kind: 'visit', enterpriseName: '宁德时代新能源科技股份有限公司', projectId: duplicate.id, visitedOn: '2026-01-10', createdBy: w.staffB.id });
    const [signing] = await t.db.select().from(projectStageEvents).where(eq(projectStageEvents.projectId, duplicate.id)).orderBy(asc(projectStageEvents.id)).limit(1);
    const file = (name: string, stageEventId: number | null) => ({
      projectId: duplicate.id,
      stageEventId,
      fileName: name,
      contentType: 'image/jpeg',
      size: 3,
      sha256: 'x'.repeat(64),
      content: Buffer.from('abc'),
      uploadedBy: w.staffB.id,
    });
    await t.db.insert(evidenceFiles).values([file('乙县现场.jpg', null), file('乙县签约.jpg', signing!.id)]);
    [staffB, bureau] = [await logIn(t.app, 'staff_b'), await logIn(t.app, 'bureau')];
  });
  afterAll(() => t.close());

  it('is the bureau’s: a county is refused and nothing moves; the survivor must be one of the pair', async () => {
    const before = await rowsOf([kept.id, duplicate.id]);
    expectApiError(await call(t.app, staffB, 'POST', `/api/duplicate-claims/${claimId}/merge`, { survivorProjectId: duplicate.id, reason: '乙县自行合并' }), 403, 'auth.forbidden');
    expectApiError(await call(t.app, bureau, 'POST', `/api/duplicate-claims/${claimId}/merge`, { survivorProjectId: w.projectA.id, reason: '同一项目' }), 400, 'duplicateClaim.notInPair', 'survivorProjectId');
    expectApiError(await call(t.app, bureau, 'POST', `/api/duplicate-claims/${claimId}/merge`, { survivorProjectId: kept.id }), 400, 'validation.required', 'reason');
    expect(await rowsOf([kept.id, duplicate.id])).toEqual(before);
  });

  it('moves the duplicate’s records to the survivor, keeps its stage history with its unit, counts the investment once, and undoes exactly', async () => {
    const before = await rowsOf([kept.id, duplicate.id]);
    const [cityBefore, countyABefore, countyBBefore] = [await figures(w.city.id), await figures(w.countyA.id), await figures(w.countyB.id)];
    expect(cityBefore.signedCount).toBeGreaterThanOrEqual(2);

    const merged = await call(t.app, bureau, 'POST', `/api/duplicate-claims/${claimId}/merge`, { survivorProjectId: kept.id, reason: '同一投资，甲县落地' });
    expect(merged.statusCode, merged.body).toBe(200);
    const claim = merged.json() as TDuplicateClaim;
    expect(claim).toMatchObject({ status: 'merged', reason: '同一投资，甲县落地', resolvedByName: w.bureau.displayName, resolution: null });
    expect(claim.merge).toMatchObject({ survivorProjectId: kept.id, mergedProjectId: duplicate.id, counts: { funds: 1, files: 1, problems: 1, visits: 1, leads: 0 } });

    const after = await rowsOf([kept.id, duplicate.id]);
    for (const kind of ['funds', 'problems', 'visits'] as const) {
      expect(after[kind].map((r) => r.projectId)).toEqual(before[kind].map(() => kept.id));
    }
    // The loose file moved; the signing photo stays with the signing it proves, in 乙县's history.
    expect(after.files.map((f) => [f.stageEventId === null, f.projectId])).toEqual([
      [true, kept.id],
      [false, duplicate.id],
    ]);
    // Stage history and comments are append-only and 乙县's own: they stay on its record.
    expect(after.stageEvents).toEqual(before.stageEvents);
    expect(after.comments).toEqual(before.comments);
    // The visit is still 乙县's own record: both units' history is kept.
    expect(after.visits[0]!.unitId).toBe(w.countyB.id);
    const mergedRow = after.projects.find((p) => p.id === duplicate.id)!;
    expect(mergedRow).toMatchObject({ mergedIntoId: kept.id, unitId: w.countyB.id, stage: 'started', nextDueOn: null, warnFromOn: null });

    // Counted once: the city and 乙县 lose 乙县's project; its funds now count for 甲县.
    const [cityAfter, countyAAfter, countyBAfter] = [await figures(w.city.id), await figures(w.countyA.id), await figures(w.countyB.id)];
    expect(cityAfter).toEqual({ ...cityBefore, signedCount: cityBefore.signedCount! - 1, signedContractYuan: cityBefore.signedContractYuan! - 1_000_000_000 });
    expect(countyBAfter).toEqual({ ...countyBBefore, signedCount: countyBBefore.signedCount! - 1, signedContractYuan: countyBBefore.signedContractYuan! - 1_000_000_000, fundsArrivedDomesticYuan: countyBBefore.fundsArrivedDomesticYuan! - 50_000_000 });
    expect(countyAAfter).toEqual({ ...countyABefore, fundsArrivedDomesticYuan: countyABefore.fundsArrivedDomesticYuan! + 50_000_000 });

    // Audited: the merge, the pair, both projects and every moved record.
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.requestId, (await t.db.select().from(auditLog).where(eq(auditLog.entity, 'projectMerge')))[0]!.requestId!));
    expect(audits.map((a) => a.entity).sort()).toEqual(['duplicateClaim', 'evidenceFile', 'fund', 'problem', 'project', 'project', 'projectMerge', 'visit']);
    expect(audits.every((a) => a.actorUserId === w.bureau.id)).toBe(true);

    // A decided pair is not decided twice; the merged project is proposed in no pair by the nightly scan.
    expectApiError(await call(t.app, bureau, 'POST', `/api/duplicate-claims/${claimId}/merge`, { survivorProjectId: kept.id, reason: '再次合并' }), 409, 'duplicateClaim.decided');
    await runDuplicateScan(t.db, new Date('2026-03-03T00:00:00Z'));
    const touching = await t.db.select().from(duplicateClaims).where(eq(duplicateClaims.projectBId, duplicate.id));
    expect(touching.map((c) => c.status)).toEqual(['merged']);

    // Undo: a county may not; the bureau gets back exactly what was there.
    const [merge] = await t.db.select().from(projectMerges).where(eq(projectMerges.claimId, claimId));
    expectApiError(await call(t.app, staffB, 'POST', `/api/project-merges/${merge!.id}/undo`, { reason: '乙县撤销' }), 403, 'auth.forbidden');
    const undone = await call(t.app, bureau, 'POST', `/api/project-merges/${merge!.id}/undo`, { reason: '核实为两个项目' });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ id: claimId, status: 'open', merge: null, resolvedAt: null });
    const restored = await rowsOf([kept.id, duplicate.id]);
    expect({ ...restored, projects: withoutUpdatedAt(restored.projects) }).toEqual({ ...before, projects: withoutUpdatedAt(before.projects) });
    expect([await figures(w.city.id), await figures(w.countyA.id), await figures(w.countyB.id)]).toEqual([cityBefore, countyABefore, countyBBefore]);
    expect((await t.db.select().from(projectMerges).where(eq(projectMerges.id, merge!.id)))[0]).toMatchObject({ undoReason: '核实为两个项目', undoneBy: w.bureau.id });
    expectApiError(await call(t.app, bureau, 'POST', `/api/project-merges/${merge!.id}/undo`, { reason: '再撤一次' }), 409, 'projectMerge.undone');
    expectApiError(await call(t.app, bureau, 'POST', `/api/project-merges/999999/undo`, { reason: '不存在' }), 404, 'notFound');
  });

  it('tells each unit only that its project was resolved and by whom, nothing of the other unit’s record', async () => {
    const merged = await call(t.app, bureau, 'POST', `/api/duplicate-claims/${claimId}/merge`, { survivorProjectId: kept.id, reason: '同一投资，甲县落地' });
    expect(merged.statusCode, merged.body).toBe(200);
    const review = await call(t.app, staffB, 'GET', `/api/projects/${duplicate.id}/duplicate-review`);
    expect(review.json() as TProjectDuplicateReview).toEqual({ status: 'resolved', outcome: 'merged', resolvedAt: expect.any(String), resolvedByName: w.bureau.displayName, resolvedByUnitName: '测试市' });
    // Exactly these fields (toEqual above): no id, name or unit of the other project.
    expect(review.body).not.toContain('甲县');
    // The survivor and the records that moved to it are 甲县's now: 乙县 cannot reach them.
    expectApiError(await call(t.app, staffB, 'GET', `/api/projects/${kept.id}`), 404, 'notFound');
    expectApiError(await call(t.app, staffB, 'GET', `/api/projects/${kept.id}/funds`), 404, 'notFound');
    const ownProject = await call(t.app, staffB, 'GET', `/api/projects/${duplicate.id}`);
    expect(ownProject.statusCode).toBe(200);
    expect(ownProject.body).not.toContain('甲县宁德时代');
    // Merged, it counts nowhere: its stage no longer moves (a move would be a figure nobody sees).
    const before = await rowsOf([duplicate.id]);
    expectApiError(await call(t.app, staffB, 'POST', `/api/projects/${duplicate.id}/stage`, { to: 'producing', date: '2026-03-01' }), 409, 'projectMerge.projectMerged');
    expect(await rowsOf([duplicate.id])).toEqual(before);
  });
});
