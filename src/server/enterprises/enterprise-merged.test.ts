import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, creditCode, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';
import { projects } from '../db/schema.ts';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';
import type { TEnterpriseDetail } from '../../shared/enterprises.ts';
import type { TEnterpriseSearchResult } from '../../shared/enterprises-search.ts';

/**
 * A record merged into another cannot be used for new work (issue 13), a ledger's rows included: a row whose investor
 * is a merged record — by its credit code or by its exact name — is refused naming the record it was merged into; a
 * live record of the same name is matched before a merged one.
 */
const HEADER = ['项目名称', '投资主体', '统一社会信用代码', '总投资(万元)', '签约日期'];

describe('an enterprise merged into another (issue 13)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffB: Session;
  let survivor: { id: number };
  let merged: { id: number };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffB = await logIn(t.app, 'staff_b');
    survivor = await t.given.enterprise({ unit: w.countyB, name: '襄阳存续科技有限公司', creditCode: creditCode(31) });
    merged = await t.given.enterprise({ unit: w.countyB, name: '襄阳存续科技公司', creditCode: creditCode(32) });
    const merge = await call(t.app, await logIn(t.app, 'bureau'), 'POST', `/api/enterprises/${survivor.id}/merges`, { mergedId: merged.id });
    expect(merge.statusCode, merge.body).toBe(200);
  });
  afterAll(() => t.close());

  const preview = async (rows: string[][]) => {
    const body = multipartBody('乙县台账.csv', ledgerCsvGbk(HEADER, rows));
    const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffB.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    const batch = response.json() as TImportBatch;
    const items = ((await call(t.app, staffB, 'GET', `/api/imports/${batch.id}/rows?pageSize=500`)).json() as { items: TImportRow[] }).items;
    return { batch, items };
  };

  it('refuses the row by the merged record’s credit code or name, naming the survivor, and writes nothing', async () => {
    const { batch, items } = await preview([
      ['存续一号项目', '任意写法的投资方', creditCode(32), '1000', '2026/3/1'],
      ['存续二号项目', '襄阳存续科技公司', '', '1000', '2026/3/1'],
      ['存续三号项目', '襄阳存续科技有限公司', '', '1000', '2026/3/1'],
    ]);
    expect(batch.counts).toMatchObject({ create: 1, refused: 2 });
    expect(items.map((row) => row.problems)).toEqual([
      [`第2行 统一社会信用代码：'${creditCode(32)}' 该企业已并入“襄阳存续科技有限公司”（#${survivor.id}），请改写为它`],
      [`第3行 投资方：'襄阳存续科技公司' 该企业已并入“襄阳存续科技有限公司”（#${survivor.id}），请改写为它`],
      [],
    ]);
    expect((await call(t.app, staffB, 'POST', `/api/imports/${batch.id}/commit`)).statusCode).toBe(409);
    expect(await t.db.select().from(projects).where(eq(projects.investorEnterpriseId, merged.id))).toEqual([]);
  });

  it('its page says which record it was merged into, when and by whom, and is read-only; search does not offer it', async () => {
    const detail = await call(t.app, staffB, 'GET', `/api/enterprises/${merged.id}/detail`);
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json() as TEnterpriseDetail;
    expect(body.mergedInto).toEqual({ id: survivor.id, name: '襄阳存续科技有限公司', mergedAt: expect.any(String), mergedByName: expect.any(String) });
    expect(body.mergedInto!.mergedByName).toMatch(/\S/);
    expect(body.enterprise.canEdit).toBe(false);
    const survivorPage = (await call(t.app, staffB, 'GET', `/api/enterprises/${survivor.id}/detail`)).json() as TEnterpriseDetail;
    expect(survivorPage.mergedInto).toBeNull();
    expect(survivorPage.enterprise.canEdit).toBe(true);
    const found = (await call(t.app, staffB, 'GET', `/api/enterprises/search?q=${encodeURIComponent('襄阳存续')}`)).json() as TEnterpriseSearchResult;
    expect(found.items.map((item) => item.id)).toEqual([survivor.id]);
    const listed = (await call(t.app, staffB, 'GET', `/api/enterprises?q=${encodeURIComponent('襄阳存续')}`)).json() as { items: { id: number }[] };
    expect(listed.items.map((item) => item.id)).toEqual([survivor.id]);
  });

  it('matches a live record of the same name before the merged one', async () => {
    const live = await t.given.enterprise({ unit: w.countyB, name: '襄阳存续科技公司' });
    const { batch, items } = await preview([['存续四号项目', '襄阳存续科技公司', '', '1000', '2026/3/1']]);
    expect(batch.counts).toMatchObject({ create: 1, refused: 0 });
    expect(items[0]).toMatchObject({ investor: 'matched', problems: [] });
    expect((await call(t.app, staffB, 'POST', `/api/imports/${batch.id}/commit`)).statusCode).toBe(200);
    const [project] = await t.db.select().from(projects).where(eq(projects.name, '存续四号项目'));
    expect(project!.investorEnterpriseId).toBe(live.id);
  });
});
