import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { multipartBody } from '../../../test/support/ledgers.ts';
import { auditLog, chainPlacements, chainTargets, targets } from '../db/schema.ts';
import { createChain } from '../chains/chains.service.ts';
import type { TChain } from '../../shared/chains.ts';
import type { TChainTemplate } from '../../shared/chain-templates.ts';
import type { TBulletin } from '../../shared/bulletin.ts';

/**
 * Chain targets beyond the grid (issue 14): the targets xlsx carries them on a sheet of their own (产业链目标) that
 * imports back; the bulletin has a 按产业链 section that agrees with the grid's chain rows; a month close keeps the
 * chains' figures and targets, so a closed month's section never changes afterwards. The test clock says 2026-03-02.
 */
const link = (key: string, name: string) => ({ key, name, nameEn: key, industryCodes: [], keywords: [], products: [], children: [] });
const template = (key: string, name: string): TChainTemplate => ({
  key,
  name,
  nameEn: key,
  note: '测试模板',
  segments: { upstream: [link(`${key}-up`, '材料')], midstream: [link(`${key}-mid`, '电芯')], downstream: [] },
});
const BATTERY = template('test-battery', '动力及储能电池');
const SOLAR = template('test-solar', '光伏');

describe('chain targets in the xlsx, the bulletin and the month close (issue 14)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let battery: TChain;
  let solar: TChain;

  const upload = (session: Session, content: Buffer, year: string) => {
    const body = multipartBody('目标任务.xlsx', content, { year });
    return t.app.inject({ method: 'POST', url: '/api/targets/import', payload: body.payload, headers: { ...body.headers, cookie: session.cookie } });
  };
  const exported = async (session: Session, year: number) => {
    const response = await call(t.app, session, 'GET', `/api/targets/export?year=${year}`);
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return workbook;
  };
  const chainGrid = async (year: number) =>
    (await t.db.select().from(chainTargets).where(eq(chainTargets.year, year))).map((r) => [r.chainId, r.metricKey, r.value]).sort((a, b) => String(a).localeCompare(String(b)));
  const bulletin = async (session: Session, month: number) => {
    const response = await call(t.app, session, 'GET', `/api/bulletin?year=2026&month=${month}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TBulletin;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    const caller = { userId: w.bureau.id, username: 'bureau', role: 'bureau' as const, unitId: w.city.id, unitPath: w.city.path };
    const ctx = { db: t.db, caller, requestId: null, now: t.clock.now() };
    const templates = async (key: string) => [BATTERY, SOLAR].find((x) => x.key === key);
    battery = await createChain(ctx, { templateKey: BATTERY.key }, templates);
    solar = await createChain(ctx, { templateKey: SOLAR.key }, templates);
    const confirmed = { status: 'confirmed', confirmedAt: t.clock.now(), confirmedBy: w.bureau.id };
    // Signed 2026-01-05 (the builder's date): 3亿 in county A's park, 5亿 in county B, both on the battery chain.
    const inPark = await t.given.project({ unit: w.parkA, investor: w.enterpriseA, totalInvestmentYuan: 300_000_000 });
    const inB = await t.given.project({ unit: w.countyB, investor: w.enterpriseB, totalInvestmentYuan: 500_000_000 });
    await t.db.insert(chainPlacements).values([
      { projectId: inPark.id, linkId: battery.linkTree[0]!.id, ...confirmed },
      { projectId: inB.id, linkId: battery.linkTree[1]!.id, ...confirmed },
    ]);
    const set = await call(t.app, bureau, 'PUT', '/api/targets/chains', {
      year: 2026,
      items: [
        { chainId: battery.id, metricKey: 'signedCount', value: 4 },
        { chainId: battery.id, metricKey: 'signedContractYuan', value: 1_600_000_000 },
        { chainId: solar.id, metricKey: 'signedCount', value: 2 },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
  });
  afterAll(() => t.close());

  it('exports the chains’ targets on a sheet 产业链目标 (亿元 as the units’ sheet), and the same file imported sets exactly them, audited', async () => {
    const workbook = await exported(bureau, 2026);
    const sheet = workbook.getWorksheet('产业链目标')!;
    expect(sheet.getCell(1, 1).value).toBe('2026年产业链招商目标任务');
    const header = (sheet.getRow(3).values as string[]).slice(1);
    expect(header[0]).toBe('产业链');
    expect(header).not.toContain('举办招商活动（个）');
    const column = (title: string) => header.indexOf(title) + 1;
    const rowOf = (name: string) => [4, 5, 6].map((r) => sheet.getRow(r)).find((r) => r.getCell(1).value === name)!;
    expect(rowOf('动力及储能电池').getCell(column('新签约项目合同投资额（亿元）')).value).toBe(16);
    expect(rowOf('动力及储能电池').getCell(column('新签约项目（个）')).value).toBe(4);
    expect(rowOf('光伏').getCell(column('新签约项目（个）')).value).toBe(2);
    expect(rowOf('光伏').getCell(column('新签约项目合同投资额（亿元）')).value).toBeNull();

    const audits = (await t.db.select().from(auditLog).where(eq(auditLog.entity, 'chainTarget'))).length;
    const imported = await upload(bureau, Buffer.from(await workbook.xlsx.writeBuffer()), '2027');
    expect(imported.statusCode, imported.body).toBe(200);
    const as2026 = (await chainGrid(2026)).map(([chainId, key, value]) => [chainId, key, value]);
    expect(await chainGrid(2027)).toEqual(as2026);
    expect((await t.db.select().from(auditLog).where(eq(auditLog.entity, 'chainTarget'))).length).toBe(audits + 3);
  });

  it('a blank chain cell clears it; an unknown chain is named with its sheet and row, and nothing of either sheet is written', async () => {
    const workbook = await exported(bureau, 2027);
    const units = workbook.getWorksheet('目标任务')!;
    const cityRow = [4, 5, 6, 7, 8].map((r) => units.getRow(r)).find((r) => r.getCell(1).value === '测试市')!;
    const unitHeader = (units.getRow(3).values as string[]).slice(1);
    cityRow.getCell(unitHeader.indexOf('新开工项目（个）') + 1).value = 7;
    const sheet = workbook.getWorksheet('产业链目标')!;
    const header = (sheet.getRow(3).values as string[]).slice(1);
    const solarRow = [4, 5].map((r) => sheet.getRow(r)).find((r) => r.getCell(1).value === '光伏')!;
    solarRow.getCell(header.indexOf('新签约项目（个）') + 1).value = null;
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    sheet.addRow(['氢能', 3]);
    const unknown = Buffer.from(await workbook.xlsx.writeBuffer());

    const before = await chainGrid(2027);
    const refused = await upload(bureau, unknown, '2027');
    expectApiError(refused, 400, 'targets.badFile', 'file');
    expect(refused.json().error.message['zh-CN']).toContain('产业链目标 第6行 产业链：“氢能”不是已有的产业链');
    expect(await chainGrid(2027)).toEqual(before);
    expect(await t.db.select().from(targets).where(eq(targets.year, 2027))).toEqual([]);

    expect((await upload(bureau, good, '2027')).statusCode).toBe(200);
    expect((await chainGrid(2027)).filter(([chainId]) => chainId === solar.id)).toEqual([]);
    expect((await t.db.select().from(targets).where(eq(targets.year, 2027))).map((r) => [r.unitId, r.metricKey, r.value])).toEqual([[w.city.id, 'startedCount', 7]]);
    // A county may download the file (the chains’ targets are the city’s, read by all) but not import it.
    expect((await exported(staffA, 2027)).getWorksheet('产业链目标')).toBeDefined();
    expectApiError(await upload(staffA, good, '2027'), 403, 'auth.forbidden');
  });

  it('the bulletin’s 按产业链 section agrees with the grid’s chain rows, for the city and for a county’s subtree', async () => {
    const city = await bulletin(bureau, 2);
    expect(city.chains!.metricKeys).toEqual(['signedCount', 'signedContractYuan']);
    expect(city.chains!.items.map((c) => c.name)).toEqual(['动力及储能电池', '光伏']);
    expect(city.chains!.items[0]!.cells).toEqual([
      { metricKey: 'signedCount', value: 2, target: 4, completion: '50.00' },
      { metricKey: 'signedContractYuan', value: 800_000_000, target: 1_600_000_000, completion: '50.00' },
    ]);
    expect(city.chains!.items[1]!.cells[0]).toEqual({ metricKey: 'signedCount', value: 0, target: 2, completion: '0.00' });
    const grid = (await call(t.app, bureau, 'GET', '/api/targets/chains?year=2026')).json() as { items: { chainId: number; cells: { metricKey: string; value: number }[] }[] };
    expect(grid.items.find((c) => c.chainId === battery.id)!.cells.find((c) => c.metricKey === 'signedContractYuan')!.value).toBe(800_000_000);
    // County A sees its park's project only.
    const county = await bulletin(staffA, 2);
    expect(county.chains!.items[0]!.cells).toEqual([
      { metricKey: 'signedCount', value: 1, target: 4, completion: '25.00' },
      { metricKey: 'signedContractYuan', value: 300_000_000, target: 1_600_000_000, completion: '18.75' },
    ]);
  });

  it('a closed month keeps its chain rows: later targets and placements change the live bulletin, not the closed one', async () => {
    const [cityBefore, countyBefore] = [await bulletin(bureau, 2), await bulletin(staffA, 2)];
    const closed = await call(t.app, bureau, 'POST', '/api/closes', { year: 2026, month: 2 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await bulletin(bureau, 2)).toEqual({ ...cityBefore, closedAt: closed.json().closedAt });
    expect(await bulletin(staffA, 2)).toEqual({ ...countyBefore, closedAt: closed.json().closedAt });

    const another = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, totalInvestmentYuan: 200_000_000 });
    await t.db.insert(chainPlacements).values({ projectId: another.id, linkId: solar.linkTree[0]!.id, status: 'confirmed', confirmedAt: t.clock.now(), confirmedBy: w.bureau.id });
    await call(t.app, bureau, 'PUT', '/api/targets/chains', { year: 2026, items: [{ chainId: battery.id, metricKey: 'signedCount', value: 8 }] });
    expect((await bulletin(bureau, 2)).chains).toEqual(cityBefore.chains);
    // The open month reads today's figures: the new target and the solar project.
    const march = await bulletin(bureau, 3);
    expect(march.chains!.items[0]!.cells[0]).toMatchObject({ value: 2, target: 8, completion: '25.00' });
    expect(march.chains!.items[1]!.cells[0]).toMatchObject({ value: 1, target: 2, completion: '50.00' });
  });

  it('writes the section into the bulletin’s xlsx on a sheet 按产业链, numbers as numbers', async () => {
    const response = await call(t.app, bureau, 'GET', '/api/bulletin/export?year=2026&month=2&format=xlsx');
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('按产业链')!;
    expect((sheet.getRow(2).values as string[]).slice(1)).toEqual(['产业链', '指标', '完成值', '年度目标', '完成率']);
    const rows = [3, 4, 5, 6].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
    expect(rows[1]).toEqual(['动力及储能电池', '新签约项目合同投资额（亿元）', 8, 16, 0.5]);
    expect(rows[2]).toEqual(['光伏', '新签约项目（个）', 0, 2, 0]);
  });

  it('writes the section into the bulletin’s PDF', async (ctx) => {
    let hasPoppler = true;
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    } catch {
      hasPoppler = false;
    }
    if (!hasPoppler && process.env.REQUIRE_E2E === '1') throw new Error('REQUIRE_E2E=1 but pdftotext (poppler-utils) is missing');
    ctx.skip(!hasPoppler, 'no pdftotext (poppler-utils): the PDF text cannot be read back');
    const pdf = await call(t.app, bureau, 'GET', '/api/bulletin/export?year=2026&month=2&format=pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'zs-pdf-'));
    writeFileSync(join(dir, 'bulletin.pdf'), pdf.rawPayload);
    const layout = execFileSync('pdftotext', ['-layout', join(dir, 'bulletin.pdf'), '-'], { encoding: 'utf8' });
    expect(layout.replace(/\s+/g, '')).toContain('六、按产业链产业链指标完成值年度目标完成率');
    // The section's table row by row: a cell too wide for its column wraps (the 公文 table is never cut), and
    // pdftotext puts the wrapped end ("元）") on a line of its own under the row; it is joined back to its cell here.
    const rows: string[][] = [];
    for (const line of layout.slice(layout.indexOf('按产业链')).split('\n').slice(1)) {
      if (line.trim() === '测试市招商局') break; // the 落款 under the last section
      if (!line.trim()) continue;
      const cells = line.trim().split(/\s{2,}/);
      if (cells.length > 1) rows.push(cells);
      else {
        const row = rows.at(-1)!;
        row[1] = `${row[1]}${line.trim()}`;
      }
    }
    expect(rows).toEqual([
      ['产业链', '指标', '完成值', '年度目标', '完成率'],
      ['动力及储能电池', '新签约项目（个）', '2', '4', '50.00%'],
      ['动力及储能电池', '新签约项目合同投资额（亿元）', '8.00', '16.00', '50.00%'],
      ['光伏', '新签约项目（个）', '0', '2', '0.00%'],
      ['光伏', '新签约项目合同投资额（亿元）', '0.00', '—', '—'],
    ]);
  });
});
