import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestApp, creditCode, type Given, type TestApp } from '../../test/support/test-app.ts';
import { ledgerCsvGbk } from '../../test/support/ledgers.ts';
import { enterpriseTiers } from '../server/db/schema.ts';
import { enterpriseListFromCli, progressBar } from './enterprise-lists.ts';

describe('zhaoshang enterprises import', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  const dir = mkdtempSync(join(tmpdir(), 'zs-lists-'));
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (options: Parameters<typeof enterpriseListFromCli>[1]) => {
    const lines: string[] = [];
    const progress: string[] = [];
    const code = await enterpriseListFromCli(t.db, options, { line: (l) => lines.push(l), progress: (p) => progress.push(p) });
    return { code, lines, progress: progress.join('') };
  };

  it('prints the refusals by row and field and writes nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, ledgerCsvGbk(['企业名称', '统一社会信用代码'], [['甲县测试企业有限公司', creditCode(1)], ['坏代码企业有限公司', '123']]));
    const result = await run({ file, list: 'little_giant', year: 2024 });
    expect(result.code).toBe(1);
    expect(result.lines).toContain('  拒绝 第3行 统一社会信用代码：不是有效的统一社会信用代码 / Row 3, Unified social credit code: is not a valid unified social credit code');
    expect(await t.db.select().from(enterpriseTiers).where(eq(enterpriseTiers.enterpriseId, w.enterpriseA.id))).toEqual([]);
  });

  it('imports with a progress bar to 100%, and --revert undoes it', async () => {
    const file = join(dir, 'giants.csv');
    writeFileSync(file, ledgerCsvGbk(['企业名称', '统一社会信用代码'], [['甲县测试企业有限公司', creditCode(1)]]));
    const result = await run({ file, list: 'little_giant', year: 2024, batch: '第五批' });
    expect(result.code, result.lines.join('\n')).toBe(0);
    expect(result.progress).toContain('100% 1/1');
    expect(result.lines.at(-1)).toMatch(/^导入完成 \/ imported: 1 条榜单记录 tier entries, 0 家新企业 new enterprises \(撤销 revert: --revert (\d+)\)$/);
    const tiers = await t.db.select().from(enterpriseTiers).where(eq(enterpriseTiers.enterpriseId, w.enterpriseA.id));
    expect(tiers.map((x) => [x.list, x.year, x.batch])).toEqual([['little_giant', 2024, '第五批']]);
    const id = Number(/--revert (\d+)/.exec(result.lines.at(-1)!)![1]);
    expect((await run({ revert: id })).code).toBe(0);
    expect(await t.db.select().from(enterpriseTiers).where(eq(enterpriseTiers.enterpriseId, w.enterpriseA.id))).toEqual([]);
  });

  it('prints per column what is written or refused, names the columns not read, and writes the error file beside the list', async () => {
    const file = join(dir, '园区.csv');
    writeFileSync(
      file,
      ledgerCsvGbk(['企业名称', '注册资本', '联系人'], [['命令行事实一有限公司', '5000万元', '王五'], ['命令行事实二有限公司', '300万美元', '']]),
    );
    const result = await run({ file, list: 'high_tech', year: 2024, dryRun: true });
    expect(result.code, result.lines.join('\n')).toBe(0);
    expect(result.lines).toContain('  列 column “注册资本” (注册资本 Registered capital): 写入 write 1, 已有 kept 0, 不同 differ 0, 拒绝 refused 1');
    expect(result.lines).toContain('  列 column “联系人”: 未读取 not read');
    expect(result.lines.some((l) => l.startsWith('  未写入 第3行 注册资本：“300万美元”是外币金额'))).toBe(true);
    const saved = join(dir, '园区-原因.xlsx');
    expect(result.lines).toContain(`  错误文件 error file (原因 column): ${saved}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const row = (workbook.worksheets[0]!.getRow(2).values as unknown[]).slice(1);
    expect(row.slice(0, 2)).toEqual(['命令行事实二有限公司', '300万美元']);
    expect(String(row[3])).toContain('注册资本');
  });

  it('draws the bar in proportion', () => {
    expect(progressBar(25, 100, 'x', 8)).toBe('[██░░░░░░]  25% 25/100 x');
  });
});
