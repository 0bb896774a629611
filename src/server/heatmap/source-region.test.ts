import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { enterprises } from '../db/schema.ts';
import { sourceRegionCode } from '../../domain/enterprise-groups.ts';

/**
 * The stored source region (issue 15's speed): `enterprises.source_region_code`, kept by the database's triggers, always
 * equals the domain's `sourceRegionCode` (the ultimate parent's HQ, or the nearest known below it) over the whole
 * library — after HQ changes, re-parenting, detaching, edits through the API and a direct write to the column.
 */
describe('the source region stored on each enterprise', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
  });
  afterAll(() => t.close());

  /** Every enterprise's stored value against the domain's rule over the whole table. */
  const stored = async () => {
    const rows = await t.db.select({ id: enterprises.id, parent: enterprises.parentEnterpriseId, hq: enterprises.hqRegionCode, source: enterprises.sourceRegionCode }).from(enterprises);
    const parentOf = new Map(rows.map((r) => [r.id, r.parent]));
    const hqOf = new Map(rows.map((r) => [r.id, r.hq]));
    for (const r of rows) expect(r.source, `enterprise ${r.id}`).toBe(sourceRegionCode(r.id, parentOf, hqOf));
    return Object.fromEntries(Object.entries(id).map(([key, value]) => [key, rows.find((r) => r.id === value)!.source]));
  };
  const add = async (key: string, hq: string | null, parent?: string) => {
    const [row] = await t.db.insert(enterprises).values({ unitId: w.countyA.id, name: `${key}有限公司`, hqRegionCode: hq, parentEnterpriseId: parent ? id[parent]! : null }).returning();
    id[key] = row!.id;
  };
  const set = (key: string, values: Partial<typeof enterprises.$inferInsert>) => t.db.update(enterprises).set(values).where(eq(enterprises.id, id[key]!));

  it('follows every change of an HQ or of the group tree, down the whole tree, whoever writes it', async () => {
    await add('上海集团', '310115');
    await add('深圳子公司', '440305', '上海集团');
    await add('孙公司', null, '深圳子公司');
    await add('南京集团', '320104');
    await add('无总部集团', null);
    expect(await stored()).toEqual({ 上海集团: '310115', 深圳子公司: '310115', 孙公司: '310115', 南京集团: '320104', 无总部集团: null });

    // The top's HQ unknown: the nearest known below it.
    await set('上海集团', { hqRegionCode: null });
    expect(await stored()).toMatchObject({ 深圳子公司: '440305', 孙公司: '440305' });
    await set('上海集团', { hqRegionCode: '310104' });
    expect(await stored()).toMatchObject({ 深圳子公司: '310104', 孙公司: '310104' });

    // A subtree moved to another group, then made its own group.
    await set('深圳子公司', { parentEnterpriseId: id['南京集团']! });
    expect(await stored()).toMatchObject({ 上海集团: '310104', 深圳子公司: '320104', 孙公司: '320104' });
    await set('深圳子公司', { parentEnterpriseId: null });
    expect(await stored()).toMatchObject({ 深圳子公司: '440305', 孙公司: '440305' });

    // Through the enterprise form: 南京集团 joins 无总部集团, which then gets an HQ; 深圳子公司 rejoins 南京集团.
    for (const [key, body] of [
      ['南京集团', { parentEnterpriseId: id['无总部集团'] }],
      ['深圳子公司', { parentEnterpriseId: id['南京集团'] }],
      ['无总部集团', { hqRegionCode: '110105' }],
    ] as const) {
      const response = await call(t.app, bureau, 'PATCH', `/api/enterprises/${id[key]}`, body);
      expect(response.statusCode, response.body).toBe(200);
    }
    expect(await stored()).toEqual({ 上海集团: '310104', 深圳子公司: '110105', 孙公司: '110105', 南京集团: '110105', 无总部集团: '110105' });

    // Many rows in one statement, and a direct write of the column: the rule wins.
    await t.db.execute(sql`update enterprises set hq_region_code = null where id = any(${sql.param([id['无总部集团']!, id['南京集团']!])}::int[])`);
    expect(await stored()).toMatchObject({ 南京集团: null, 深圳子公司: '440305', 孙公司: '440305' });
    await set('孙公司', { sourceRegionCode: '999999' });
    expect(await stored()).toMatchObject({ 孙公司: '440305' });
  });
});
