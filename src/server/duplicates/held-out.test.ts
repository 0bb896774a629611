import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { call, createTestApp, creditCode, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { duplicateClaims } from '../db/schema.ts';
import { DEFAULT_SCOPE_RULES } from '../../domain/metrics.ts';
import { runDuplicateScan } from './duplicate-claims.job.ts';
import { heldOutNote } from '../bulletin/bulletin.export.ts';
import type { TBulletin } from '../../shared/bulletin.ts';

/**
 * Issue 17: the bureau's setting for figures while a pair waits in the 甄别 queue — counted as recorded (the default),
 * or its later-recorded project held out of every figure until resolved, shown as 待甄别 beside the figure.
 */
describe('figures while a pair is under review (待甄别)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let first: { id: number };
  let later: { id: number };

  const bulletin = async () => {
    const response = await call(t.app, bureau, 'GET', '/api/bulletin?year=2026&month=2');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TBulletin;
  };
  const signed = (b: TBulletin) => b.items.find((i) => i.metricKey === 'signedCount')!;
  const contracted = (b: TBulletin) => b.items.find((i) => i.metricKey === 'signedContractYuan')!;
  const row = (item: TBulletin['items'][number], unitId: number) => item.units.find((u) => u.unitId === unitId)!;
  const metric = async (key: string, unitId: number) => {
    const response = await call(t.app, bureau, 'GET', `/api/metrics?from=2026-01-01&to=2026-02-28&unitId=${unitId}&keys=${key}`);
    return (response.json() as { items: { value: number }[] }).items[0]!.value;
  };
  const records = async (key: string) => {
    const response = await call(t.app, bureau, 'GET', `/api/cockpit/records?key=${key}&from=2026-01-01&to=2026-02-28&unitId=${w.city.id}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: { projectId: number | null }[] }).items.map((r) => r.projectId);
  };
  const setHoldOut = async (holdOutUnderReview: boolean) => {
    const response = await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...DEFAULT_SCOPE_RULES, holdOutUnderReview });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    const catl = await t.given.enterprise({ unit: w.city, name: '宁德时代新能源科技股份有限公司', creditCode: creditCode(7) });
    first = await t.given.project({ unit: w.countyA, investor: catl, name: '甲县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000 });
    later = await t.given.project({ unit: w.countyB, investor: catl, name: '乙县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000 });
    await runDuplicateScan(t.db, new Date('2026-03-02T00:00:00Z'));
    const [pair] = await t.db.select().from(duplicateClaims).where(and(eq(duplicateClaims.projectAId, first.id), eq(duplicateClaims.projectBId, later.id)));
    expect(pair!.status).toBe('open');
    bureau = await logIn(t.app, 'bureau');
  });
  afterAll(() => t.close());

  it('counts both projects as recorded by default, with nothing shown as waiting', async () => {
    const b = await bulletin();
    expect(b.holdOutUnderReview).toBe(false);
    expect(signed(b)).toMatchObject({ heldOut: 0 });
    expect(signed(b).units.every((u) => u.heldOut === 0)).toBe(true);
    const cards = (await call(t.app, bureau, 'GET', '/api/cockpit?from=2026-01-01&to=2026-02-28')).json() as { kpis: { heldOut: number }[] };
    expect(cards.kpis.every((k) => k.heldOut === 0)).toBe(true);
    expect(signed(b).value).toBe(await metric('signedCount', w.city.id));
    expect(await records('signedCount')).toEqual(expect.arrayContaining([first.id, later.id]));
  });

  it('held out: the later project counts nowhere until resolved, and the bulletin says how much waits beside each figure', async () => {
    const before = await bulletin();
    await setHoldOut(true);
    const b = await bulletin();
    expect(b.holdOutUnderReview).toBe(true);
    // The city counts the investment once; 乙县's later record waits, beside its own figure and the city's.
    expect(signed(b)).toMatchObject({ value: signed(before).value - 1, heldOut: 1 });
    expect(row(signed(b), w.countyB.id)).toMatchObject({ value: row(signed(before), w.countyB.id).value - 1, heldOut: 1 });
    expect(row(signed(b), w.countyA.id)).toMatchObject({ value: row(signed(before), w.countyA.id).value, heldOut: 0 });
    expect(contracted(b)).toMatchObject({ value: contracted(before).value - 1_000_000_000, heldOut: 1_000_000_000 });
    expect(heldOutNote(signed(b))).toBe('待甄别 1 个');
    expect(heldOutNote(contracted(b))).toBe('待甄别 10.00亿元');
    // The cockpit's card says the same beside its figure.
    const cards = (await call(t.app, bureau, 'GET', '/api/cockpit?from=2026-01-01&to=2026-02-28')).json() as { kpis: { key: string; value: number; heldOut: number }[] };
    expect(cards.kpis.find((k) => k.key === 'signedCount')).toMatchObject({ value: signed(b).value, heldOut: 1 });
    // Every figure agrees: the metric, its drill-down and the bulletin cell.
    expect(await metric('signedCount', w.city.id)).toBe(signed(b).value);
    const listed = await records('signedCount');
    expect(listed).toContain(first.id);
    expect(listed).not.toContain(later.id);

    // Resolved ("not a duplicate"): the later project counts again and nothing waits.
    const [pair] = await t.db.select().from(duplicateClaims).where(eq(duplicateClaims.projectBId, later.id));
    expect((await call(t.app, bureau, 'POST', `/api/duplicate-claims/${pair!.id}/not-duplicate`, { reason: '两地分别建设' })).statusCode).toBe(200);
    const after = await bulletin();
    expect(signed(after)).toMatchObject({ value: signed(before).value, heldOut: 0 });
    expect(row(signed(after), w.countyB.id)).toMatchObject({ value: row(signed(before), w.countyB.id).value, heldOut: 0 });
  });
});
