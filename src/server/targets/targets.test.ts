import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog } from '../db/schema.ts';

describe('targets', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  it('the bureau sets a year\'s grid (惠济 2023 style: ≥400亿 signed, ≥12 projects of ≥10亿), audited', async () => {
    const response = await call(t.app, bureau, 'PUT', '/api/targets', {
      year: 2026,
      items: [
        { unitId: w.countyA.id, metricKey: 'signedContractYuan', value: 40_000_000_000 },
        { unitId: w.countyA.id, metricKey: 'signedCount', value: 4 },
        { unitId: w.countyB.id, metricKey: 'signedMajorCount', value: 12 },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toHaveLength(3);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'target'), eq(auditLog.action, 'create')))).toHaveLength(3);
    // Clearing a cell deletes it; setting the same value again changes nothing.
    await call(t.app, bureau, 'PUT', '/api/targets', { year: 2026, items: [{ unitId: w.countyB.id, metricKey: 'signedMajorCount', value: null }, { unitId: w.countyA.id, metricKey: 'signedCount', value: 4 }] });
    expect((await call(t.app, bureau, 'GET', '/api/targets?year=2026')).json().items.map((i: { metricKey: string }) => i.metricKey)).toEqual(['signedContractYuan', 'signedCount']);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.entity, 'target'))).toHaveLength(4);
  });

  it('computes a unit\'s progress from its records, never typed in', async () => {
    const response = await call(t.app, staffA, 'GET', '/api/targets/progress?year=2026');
    expect(response.statusCode, response.body).toBe(200);
    // County A: its one project, signed in 2026 (1亿 by the builders).
    expect(response.json()).toMatchObject({
      asOf: '2026-03-02',
      items: [
        { metricKey: 'signedContractYuan', target: 40_000_000_000, value: 100_000_000, completion: '0.25' },
        { metricKey: 'signedCount', target: 4, value: 1, completion: '25.00' },
      ],
    });
  });

  it('only the bureau sets targets; rates cannot be targets; units out of scope are refused', async () => {
    await expectApiError(await call(t.app, staffA, 'PUT', '/api/targets', { year: 2026, items: [] }), 403, 'auth.forbidden');
    await expectApiError(await call(t.app, bureau, 'PUT', '/api/targets', { year: 2026, items: [{ unitId: w.countyA.id, metricKey: 'startRate', value: 80 }] }), 400, 'validation.invalid', 'items.0.metricKey');
    expect((await call(t.app, staffA, 'GET', '/api/targets?year=2026')).json().items.every((i: { unitId: number }) => i.unitId !== w.countyB.id)).toBe(true);
  });
});
