import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { call, createTestApp, creditCode, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { duplicateClaims, notifications } from '../db/schema.ts';
import { DEFAULT_SCOPE_RULES } from '../../domain/metrics.ts';
import { runDuplicateScan } from './duplicate-claims.job.ts';
import type { TNotification } from '../../shared/notifications.ts';

/**
 * Issue 17: each unit of a 甄别 pair is told in its bell that its own project entered review and, later, the bureau's
 * decision and decider — never anything of the other unit's project.
 */
describe('甄别 notices in each unit’s bell', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let staffC: Session;
  let leaderA: Session;
  let bureau: Session;
  let catl: { id: number };

  const bell = async (session: Session) => {
    const response = await call(t.app, session, 'GET', '/api/notifications?limit=200');
    expect(response.statusCode, response.body).toBe(200);
    return { body: response.body, items: (response.json() as { items: TNotification[] }).items.filter((n) => n.ruleKey === 'duplicateReview') };
  };
  const create = async (session: Session, body: Record<string, unknown>) => {
    const response = await call(t.app, session, 'POST', '/api/projects', body);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { id: number }).id;
  };
  const claimOf = async (a: number, b: number) => {
    const [low, high] = [a, b].sort((x, y) => x - y);
    const [row] = await t.db.select().from(duplicateClaims).where(and(eq(duplicateClaims.projectAId, low!), eq(duplicateClaims.projectBId, high!)));
    return row!;
  };
  const noticeCount = async () => (await t.db.select().from(notifications).where(eq(notifications.ruleKey, 'duplicateReview'))).length;
  /** A pair: 甲县's project and 乙县's, the same investment under different names and an amount of its own. */
  const pair = async (label: string, yuan: number) => {
    const a = await create(staffA, { name: `甲县${label}储能项目`, investorEnterpriseId: catl.id, unitId: w.countyA.id, totalInvestmentYuan: yuan, industryCode: '3841' });
    const b = await create(staffB, { name: `乙县${label}电芯基地`, investorEnterpriseId: catl.id, unitId: w.countyB.id, totalInvestmentYuan: yuan, industryCode: '3841' });
    const claim = await claimOf(a, b);
    expect(claim.status).toBe('open');
    return { a, b, claim, nameA: `甲县${label}储能项目`, nameB: `乙县${label}电芯基地` };
  };
  /** Nothing of the other unit's record: its project's name, its unit and its amount (元 and 万元). */
  const expectNothingOf = (body: string, other: { name: string; unitName: string; yuan: number }) => {
    expect(body).not.toContain(other.name);
    expect(body).not.toContain(other.unitName);
    expect(body).not.toContain(String(other.yuan));
    expect(body).not.toContain(String(other.yuan / 10_000));
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    const countyC = await t.given.unit({ name: '丙县', kind: 'county', parent: w.city });
    await t.given.user({ unit: countyC, role: 'staff', username: 'staff_c' });
    catl = await t.given.enterprise({ unit: w.city, name: '宁德时代新能源科技股份有限公司', creditCode: creditCode(7) });
    [staffA, staffB, staffC, leaderA, bureau] = [await logIn(t.app, 'staff_a'), await logIn(t.app, 'staff_b'), await logIn(t.app, 'staff_c'), await logIn(t.app, 'leader_a'), await logIn(t.app, 'bureau')];
  });
  afterAll(() => t.close());

  it('tells each unit only that its own project entered review, once, however often the scan re-finds the pair', async () => {
    const yuan = 1_234_560_000;
    const { a, b, nameA, nameB } = await pair('甲乙', yuan);
    const mine = await bell(staffA);
    expect(mine.items.map((n) => ({ projectId: n.projectId, projectName: n.projectName, level: n.level, personal: n.personal, decidedByName: n.decidedByName }))).toEqual([
      { projectId: a, projectName: nameA, level: 'underReview', personal: false, decidedByName: null },
    ]);
    expectNothingOf(mine.body, { name: nameB, unitName: '乙县', yuan });
    expect(mine.body).not.toContain(`"projectId":${b}`);
    const theirs = await bell(staffB);
    expect(theirs.items.map((n) => [n.projectId, n.level])).toEqual([[b, 'underReview']]);
    expectNothingOf(theirs.body, { name: nameA, unitName: '甲县', yuan });
    // A colleague of the unit sees the unit's notice too; a third county and the bureau see none.
    expect((await bell(leaderA)).items.map((n) => n.projectId)).toEqual([a]);
    expect((await bell(staffC)).items).toEqual([]);
    expect((await bell(bureau)).items).toEqual([]);

    const before = await noticeCount();
    expect(before).toBe(2);
    await runDuplicateScan(t.db, new Date('2026-03-03T00:00:00Z'));
    await runDuplicateScan(t.db, new Date('2026-03-04T00:00:00Z'));
    // An edit re-scores the open pair: still no second notice.
    expect((await call(t.app, staffB, 'PATCH', `/api/projects/${b}`, { name: `${nameB}一期` })).statusCode).toBe(200);
    expect(await noticeCount()).toBe(before);
    expect((await bell(staffA)).items).toHaveLength(1);
  });

  it('tells both units the bureau’s decision and who took it; a refused decision tells nobody', async () => {
    const yuan = 987_650_000;
    const { a, b, claim, nameA, nameB } = await pair('丁戊', yuan);
    expect(await noticeCount()).toBe(4);

    // Split refused (the rules give 首报单位 no share): nothing decided, nothing told.
    expectApiError(await call(t.app, bureau, 'POST', `/api/duplicate-claims/${claim.id}/split-credit`, { keptProjectId: a, reason: '甲县落地' }), 400, 'duplicateClaim.noShare', 'keptProjectId');
    expect(await noticeCount()).toBe(4);

    const decided = await call(t.app, bureau, 'POST', `/api/duplicate-claims/${claim.id}/not-duplicate`, { reason: '两地分别建设' });
    expect(decided.statusCode, decided.body).toBe(200);
    const mine = await bell(staffA);
    expect(mine.items.filter((n) => n.projectId === a).map((n) => ({ level: n.level, decidedByName: n.decidedByName, decidedByUnitName: n.decidedByUnitName }))).toEqual([
      { level: 'notDuplicate', decidedByName: w.bureau.displayName, decidedByUnitName: '测试市' },
      { level: 'underReview', decidedByName: null, decidedByUnitName: null },
    ]);
    expectNothingOf(mine.body, { name: nameB, unitName: '乙县', yuan });
    expect(mine.body).not.toContain('两地分别建设'); // the bureau's reason is not the bell's to show
    const theirs = await bell(staffB);
    expect(theirs.items.filter((n) => n.projectId === b).map((n) => n.level)).toEqual(['notDuplicate', 'underReview']);
    expectNothingOf(theirs.body, { name: nameA, unitName: '甲县', yuan });
    expect((await bell(staffC)).items).toEqual([]);
    expect(await noticeCount()).toBe(6);
    await runDuplicateScan(t.db, new Date('2026-03-05T00:00:00Z'));
    expect(await noticeCount()).toBe(6);
  });

  it('tells a credit split, a merge and its undoing to each unit of the pair', async () => {
    const split = await pair('己庚', 555_550_000);
    const rules = await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...DEFAULT_SCOPE_RULES, reportingUnitSharePercent: 30 });
    expect(rules.statusCode, rules.body).toBe(200);
    const done = await call(t.app, bureau, 'POST', `/api/duplicate-claims/${split.claim.id}/split-credit`, { keptProjectId: split.a, reason: '甲县落地，乙县首报' });
    expect(done.statusCode, done.body).toBe(200);

    const merging = await pair('辛壬', 444_440_000);
    const merged = await call(t.app, bureau, 'POST', `/api/duplicate-claims/${merging.claim.id}/merge`, { survivorProjectId: merging.a, reason: '同一投资' });
    expect(merged.statusCode, merged.body).toBe(200);
    const mergeId = (merged.json() as { merge: { id: number } }).merge.id;
    const undone = await call(t.app, bureau, 'POST', `/api/project-merges/${mergeId}/undo`, { reason: '核实为两个项目' });
    expect(undone.statusCode, undone.body).toBe(200);

    const levels = async (session: Session, projectId: number) => (await bell(session)).items.filter((n) => n.projectId === projectId).map((n) => n.level);
    expect(await levels(staffA, split.a)).toEqual(['creditSplit', 'underReview']);
    expect(await levels(staffB, split.b)).toEqual(['creditSplit', 'underReview']);
    // The undo reopens the pair: the units are told it is undone, not "entered review" a second time.
    expect(await levels(staffA, merging.a)).toEqual(['mergeUndone', 'merged', 'underReview']);
    expect(await levels(staffB, merging.b)).toEqual(['mergeUndone', 'merged', 'underReview']);
    const theirs = await bell(staffB);
    for (const other of [split, merging]) expectNothingOf(theirs.body, { name: other.nameA, unitName: '甲县', yuan: other === split ? 555_550_000 : 444_440_000 });
    expect(theirs.items.filter((n) => n.level !== 'underReview').every((n) => n.decidedByName === w.bureau.displayName)).toBe(true);
    expect((await bell(staffC)).items).toEqual([]);
  });
});
