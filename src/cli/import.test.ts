import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type Given, type TestApp } from '../../test/support/test-app.ts';
import { ledgerCsvGbk, ledgerXlsx } from '../../test/support/ledgers.ts';
import { projects } from '../server/db/schema.ts';
import { importFromCli } from './import.ts';

describe('zhaoshang import', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  const dir = mkdtempSync(join(tmpdir(), 'zs-import-'));
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (options: Parameters<typeof importFromCli>[1]) => {
    const lines: string[] = [];
    const progress: string[] = [];
    const code = await importFromCli(t.db, options, { line: (l) => lines.push(l), progress: (p) => progress.push(p) }, () => new Date('2026-03-02T09:00:00+08:00'));
    return { code, lines, progress };
  };

  it('previews with --dry-run and writes no project', async () => {
    const file = join(dir, 'ledger.csv');
    writeFileSync(file, ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)', '签约时间'], [['命令行导入项目', '甲县测试企业有限公司', '800', '2026.1.8']]));
    const result = await run({ file, unit: '甲县', dryRun: true, as: 'staff_a' });
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^批次 #\d+ 工作表“CSV”：新增 1，更新 0，无变化 0，拒绝 0，跳过 0$/);
    expect(result.lines.at(-1)).toBe('试运行（--dry-run）：未写入任何数据。');
    expect(await t.db.select().from(projects).where(eq(projects.name, '命令行导入项目'))).toEqual([]);

    const committed = await run({ file, unit: '甲县', as: 'staff_a' });
    expect(committed.code).toBe(0);
    expect(committed.lines.at(-1)).toMatch(/^已导入：批次 #\d+/);
    expect(await t.db.select().from(projects).where(eq(projects.name, '命令行导入项目'))).toMatchObject([{ unitId: w.countyA.id, totalInvestmentYuan: 8_000_000, signedOn: '2026-01-08' }]);
  });

  it('reports refused rows in the issue\'s words and exits 1 with nothing written', async () => {
    const file = join(dir, 'bad.xlsx');
    writeFileSync(file, await ledgerXlsx({ title: '甲县2025年台账', sections: [{ title: '一、工业项目', rows: [['坏日期项目', '某某有限公司', '', '', 100, '', '2025.13.1', '', '甲县', '', '', '']] }] }));
    const result = await run({ file, as: 'staff_a' });
    expect(result.code).toBe(1);
    expect(result.lines).toContain("第6行 签约时间：'2025.13.1' 不是有效日期");
    expect(await t.db.select().from(projects).where(eq(projects.name, '坏日期项目'))).toEqual([]);
  });

  it('takes a column mapping from a file, by letters', async () => {
    const file = join(dir, 'odd.csv');
    writeFileSync(file, ledgerCsvGbk(['栏目一', '栏目二', '栏目三'], [['映射导入项目', '甲县测试企业有限公司', '120']]));
    const mapping = join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ name: 'A', investorName: 'B', totalInvestment: 3 }));
    const result = await run({ file, mapping, unit: '甲县', as: 'staff_a' });
    const batch = result.lines.at(-1)!.match(/#(\d+)/)![1];
    expect(result.lines).toContain(`已导入：批次 #${batch}（可在“台账导入”页面整批撤销，或 zhaoshang import --revert ${batch}）`);
    expect(await t.db.select().from(projects).where(eq(projects.name, '映射导入项目'))).toMatchObject([{ totalInvestmentYuan: 1_200_000 }]);
  });
});
