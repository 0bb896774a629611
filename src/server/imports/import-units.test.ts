import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';
import { auditLog, projects } from '../db/schema.ts';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';

/**
 * Issue 12, items 3 and 4: a ledger's rows and the unit tree. A row that is another unit's project is refused naming
 * that unit (never moved, never duplicated); a unit written after its ancestors' names is found.
 */
const HEADER = ['项目名称', '投资主体', '总投资(万元)', '签约日期', '责任单位'];

describe('ledger imports and units (issue 12)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let staffB: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
  });
  afterAll(() => t.close());

  const upload = async (session: Session, fileName: string, content: Buffer, fields: Record<string, string> = {}) => {
    const body = multipartBody(fileName, content, fields);
    const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: session.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TImportBatch;
  };
  const rowsOf = async (session: Session, id: number) =>
    ((await call(t.app, session, 'GET', `/api/imports/${id}/rows?pageSize=500`)).json() as { items: TImportRow[] }).items;
  const projectRow = async (id: number) => (await t.db.select().from(projects).where(eq(projects.id, id)))[0]!;

  describe('projects of another unit (the conflict rule)', () => {
    it('refuses a city-wide row that names another unit than its project’s, naming that unit, and moves nothing', async () => {
      const csv = ledgerCsvGbk(HEADER, [['甲县测试项目', '甲县测试企业有限公司', '20000', '2025/3/1', '乙县']]);
      const batch = await upload(bureau, '全市台账.csv', csv);
      expect(batch.counts).toMatchObject({ update: 0, refused: 1 });
      const [row] = await rowsOf(bureau, batch.id);
      expect(row!.problems).toEqual([expect.stringMatching(/^第2行 所属单位：'乙县' 与项目现属单位甲县不一致：导入不在单位之间移动项目/)]);
      const commit = await call(t.app, bureau, 'POST', `/api/imports/${batch.id}/commit`);
      expect(commit.statusCode).toBe(409);
      expect(await projectRow(w.projectA.id)).toMatchObject({ unitId: w.countyA.id, totalInvestmentYuan: w.projectA.totalInvestmentYuan });
    });

    it('refuses a row of unit B’s ledger (no unit column) that is unit A’s project', async () => {
      const csv = ledgerCsvGbk(HEADER.slice(0, 4), [['甲县测试项目', '甲县测试企业有限公司', '20000', '2025/3/1']]);
      const batch = await upload(bureau, '乙县台账.csv', csv, { unitId: String(w.countyB.id) });
      expect(batch.counts).toMatchObject({ update: 0, unchanged: 0, refused: 1 });
      expect((await rowsOf(bureau, batch.id))[0]!.problems[0]).toMatch(/^第2行 所属单位：'乙县' 与项目现属单位甲县不一致/);
      expect((await projectRow(w.projectA.id)).totalInvestmentYuan).toBe(w.projectA.totalInvestmentYuan);
    });

    it('refuses a county’s row that is another county’s project, naming the county and nothing of the record', async () => {
      await t.db.update(projects).set({ codeName: '代号甲一' }).where(eq(projects.id, w.projectA.id));
      const csv = ledgerCsvGbk(HEADER, [['甲县测试项目', '甲县测试企业有限公司', '20000', '2025/3/1', '乙县']]);
      const batch = await upload(staffB, '乙县台账.csv', csv);
      expect(batch.counts).toMatchObject({ create: 0, refused: 1 });
      const [row] = await rowsOf(staffB, batch.id);
      expect(row!.projectId).toBeNull();
      expect(row!.problems).toEqual([expect.stringMatching(/^第2行 项目名称：'甲县测试项目' 是甲县已登记的项目（同一投资方、同一项目名称）/)]);
      expect(JSON.stringify(row)).not.toMatch(/代号甲一|10000/);
      expect(await t.db.select().from(projects).where(eq(projects.name, '甲县测试项目'))).toHaveLength(1);
      await t.db.update(projects).set({ codeName: null }).where(eq(projects.id, w.projectA.id));
    });

    it('refuses the conflict for the bureau even on a confidential project', async () => {
      await t.db.update(projects).set({ codeName: '代号甲一' }).where(eq(projects.id, w.projectA.id));
      const csv = ledgerCsvGbk(HEADER, [['甲县测试项目', '甲县测试企业有限公司', '20000', '2025/3/1', '乙县']]);
      const batch = await upload(bureau, '全市台账.csv', csv);
      expect(batch.counts).toMatchObject({ unchanged: 0, refused: 1 });
      await t.db.update(projects).set({ codeName: null }).where(eq(projects.id, w.projectA.id));
    });

    it('keeps a park’s project in its park when the county’s ledger names the county, and updates its figures', async () => {
      const park = await t.given.project({ unit: w.parkA, investor: w.enterpriseA, name: '园区内项目', totalInvestmentYuan: 100_000_000 });
      const csv = ledgerCsvGbk(HEADER, [['园区内项目', '甲县测试企业有限公司', '12000', '', '甲县']]);
      const batch = await upload(staffA, '甲县台账.csv', csv);
      expect(batch.counts).toMatchObject({ update: 1, refused: 0 });
      const [row] = await rowsOf(staffA, batch.id);
      expect(row).toMatchObject({ unitName: '甲县园区', changes: ['totalInvestment'] });
      expect((await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`)).statusCode).toBe(200);
      expect(await projectRow(park.id)).toMatchObject({ unitId: w.parkA.id, totalInvestmentYuan: 120_000_000 });
      // Naming a sibling unit, or the park for a county's project, is a conflict.
      const down = await upload(staffA, '甲县台账.csv', ledgerCsvGbk(HEADER, [['甲县测试项目', '甲县测试企业有限公司', '', '', '甲县园区']]));
      expect(down.counts.refused).toBe(1);
    });

    it('moves a project only through the project page, audited as a move', async () => {
      const project = await t.given.project({ unit: w.countyB, investor: w.enterpriseB, name: '待移交项目' });
      const moved = await call(t.app, bureau, 'PATCH', `/api/projects/${project.id}`, { unitId: w.countyA.id });
      expect(moved.statusCode, moved.body).toBe(200);
      const [audit] = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'project'), eq(auditLog.entityId, String(project.id)), eq(auditLog.action, 'move')));
      expect(audit).toMatchObject({ unitId: w.countyB.id, before: { unitId: w.countyB.id, unitName: '乙县' }, after: { unitId: w.countyA.id, unitName: '甲县' } });
    });
  });

  describe('units written with their ancestors’ names', () => {
    let huiji: { id: number };
    let huijiPark: { id: number };
    let jinshuiPark: { id: number };
    beforeAll(async () => {
      const h = await t.given.unit({ name: '惠济区', kind: 'county', parent: w.city });
      huiji = h;
      huijiPark = await t.given.unit({ name: '花园口新兴产业园', kind: 'park', parent: h });
      const j = await t.given.unit({ name: '金水区', kind: 'county', parent: w.city });
      jinshuiPark = await t.given.unit({ name: '花园口新兴产业园', kind: 'park', parent: j });
      await t.given.user({ unit: h, role: 'staff', username: 'staff_huiji' });
    });

    it('finds a park written after its district’s and the city’s names, and names the candidates of a bare name', async () => {
      const csv = ledgerCsvGbk(HEADER, [
        ['花园口一号项目', '甲县测试企业有限公司', '100', '2025/3/1', '惠济区花园口新兴产业园'],
        ['花园口二号项目', '甲县测试企业有限公司', '100', '2025/3/1', '测试市金水区花园口新兴产业园'],
        ['花园口三号项目', '甲县测试企业有限公司', '100', '2025/3/1', '惠济花园口新兴产业园'],
        ['花园口四号项目', '甲县测试企业有限公司', '100', '2025/3/1', '花园口新兴产业园'],
      ]);
      const batch = await upload(bureau, '全市台账.csv', csv);
      expect(batch.counts).toMatchObject({ create: 3, refused: 1 });
      const rows = await rowsOf(bureau, batch.id);
      expect(rows.map((r) => r.unitName)).toEqual(['花园口新兴产业园', '花园口新兴产业园', '花园口新兴产业园', '花园口新兴产业园']);
      expect(rows[3]!.problems).toEqual([
        "第5行 所属单位：'花园口新兴产业园' 对应多个单位，请写全称或在前面写上上级单位：惠济区花园口新兴产业园、金水区花园口新兴产业园",
      ]);
      const fixed = await upload(bureau, '全市台账.csv', ledgerCsvGbk(HEADER, ROWS_TO_KEEP));
      expect(fixed.counts).toMatchObject({ create: 2, refused: 0 });
      expect((await call(t.app, bureau, 'POST', `/api/imports/${fixed.id}/commit`)).statusCode).toBe(200);
      const [one] = await t.db.select().from(projects).where(eq(projects.name, '花园口一号项目'));
      const [two] = await t.db.select().from(projects).where(eq(projects.name, '花园口二号项目'));
      expect(one!.unitId).toBe(huijiPark.id);
      expect(two!.unitId).toBe(jinshuiPark.id);
    });

    it('lets a district write its park after the city’s name, which lies above its scope', async () => {
      const staff = await logIn(t.app, 'staff_huiji');
      const csv = ledgerCsvGbk(HEADER, [['花园口五号项目', '惠济区某某有限公司', '100', '2025/3/1', '测试市惠济区花园口新兴产业园']]);
      const batch = await upload(staff, '惠济区台账.csv', csv);
      expect(batch.counts).toMatchObject({ create: 1, refused: 0 });
      expect(batch.unitId).toBe(huiji.id);
      // The other district's park of the same name is not the caller's to name.
      const other = await upload(staff, '惠济区台账.csv', ledgerCsvGbk(HEADER, [['花园口六号项目', '惠济区某某有限公司', '100', '', '测试市金水区花园口新兴产业园']]));
      expect(other.counts.refused).toBe(1);
    });
  });
});

const ROWS_TO_KEEP = [
  ['花园口一号项目', '甲县测试企业有限公司', '100', '2025/3/1', '惠济区花园口新兴产业园'],
  ['花园口二号项目', '甲县测试企业有限公司', '100', '2025/3/1', '测试市金水区花园口新兴产业园'],
];
