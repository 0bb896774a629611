import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createTestApp, type Given, type TestApp } from '../../test/support/test-app.ts';
import { noUnitCsv, titleUnitWorkbook, twoProjectSheetsWorkbook, usdHeaderCsv, yiYuanMappedCsv } from '../../test/support/messy-ledgers.ts';
import { projects, projectStageEvents } from '../server/db/schema.ts';
import { importFromCli, revertFromCli } from './import.ts';

/** Issue 12 through the command line: units, sheets, what the preview says, and --revert. */
describe('zhaoshang import with messy ledgers', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  const dir = mkdtempSync(join(tmpdir(), 'zs-messy-'));
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const clock = () => new Date('2026-03-02T09:00:00+08:00');
  const output = () => {
    const lines: string[] = [];
    return { lines, out: { line: (l: string) => lines.push(l), progress: () => {} } };
  };
  const run = async (options: Parameters<typeof importFromCli>[1]) => {
    const { lines, out } = output();
    const code = await importFromCli(t.db, options, out, clock);
    return { code, lines };
  };
  const revert = async (batch: number, as = 'staff_a') => {
    const { lines, out } = output();
    const code = await revertFromCli(t.db, { batch, as }, out, clock);
    return { code, lines };
  };
  const file = (name: string, content: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const named = (name: string) => t.db.select().from(projects).where(eq(projects.name, name));
  const batchOf = (lines: string[]) => Number(/批次 #(\d+)/.exec(lines[0]!)![1]);

  it('keeps the 亿元 its header names when the columns are mapped by letter (25亿, not 25万), and says so', async () => {
    const ledger = file('亿元-字母.csv', yiYuanMappedCsv([['1', '字母映射产业园', '甲县测试企业有限公司', '装备制造', '甲县', '25', '2026.1.8']]));
    const mapping = file('mapping.json', Buffer.from(JSON.stringify({ name: 'B', investorName: 'C', totalInvestment: 'F', signedOn: 'G' })));
    const result = await run({ file: ledger, mapping, unit: '甲县', as: 'staff_a' });
    expect(result.code, result.lines.join('\n')).toBe(0);
    expect((await named('字母映射产业园')).map((p) => p.totalInvestmentYuan)).toEqual([2_500_000_000]);
    expect(result.lines).toContain('金额单位 总投资（F列“计划总投资(亿元)”）：亿元，按表头注明');
  });

  it('takes a mapping inline, by the headers\' names, the unit with them', async () => {
    const ledger = file('亿元-名称.csv', yiYuanMappedCsv([['1', '名称映射产业园', '甲县测试企业有限公司', '装备制造', '甲县', '3.75', '2026.1.9']]));
    const mapping = JSON.stringify({ name: '名称', investorName: '投资单位', totalInvestment: '计划总投资', signedOn: '签约日期' });
    const result = await run({ file: ledger, mapping, unit: '甲县', as: 'staff_a' });
    expect(result.code, result.lines.join('\n')).toBe(0);
    expect(await named('名称映射产业园')).toMatchObject([{ totalInvestmentYuan: 375_000_000, signedOn: '2026-01-09' }]);

    const unknown = await run({ file: ledger, mapping: JSON.stringify({ totalInvestment: '总投资额' }), unit: '甲县', as: 'staff_a', dryRun: true });
    expect(unknown.code).toBe(1);
    expect(unknown.lines.at(-1)).toMatch(/^导入失败：--mapping: totalInvestment: no column headed “总投资额” \(the header: .*F“计划总投资\(亿元\)”/);
  });

  it('reads the unit a title or a line above the header names, and says which unit it assumed when none does', async () => {
    const title = await run({ file: file('标题单位.xlsx', await titleUnitWorkbook()), as: 'staff_a' });
    expect(title.code, title.lines.join('\n')).toBe(0);
    expect(title.lines).toContain('金额单位 总投资（D列“总投资”）：亿元，按表上“单位：”注明');
    expect(await named('标题单位项目')).toMatchObject([{ totalInvestmentYuan: 1_250_000_000 }]);

    const note = await run({ file: file('表上单位.xlsx', await titleUnitWorkbook({ where: 'note', rows: [[1, '单位行项目', '甲县测试企业有限公司', 2, '2026.2.3', '甲县']] })), as: 'staff_a' });
    expect(note.code, note.lines.join('\n')).toBe(0);
    expect(await named('单位行项目')).toMatchObject([{ totalInvestmentYuan: 200_000_000 }]);

    const none = await run({ file: file('无单位.csv', noUnitCsv([['无单位项目', '甲县测试企业有限公司', '800', '2026年1月']])), unit: '甲县', as: 'staff_a', dryRun: true });
    expect(none.code).toBe(0);
    expect(none.lines).toContain('金额单位 总投资（C列“总投资”）：万元，表头和表上均未注明单位，假定为万元；如不是，请在表头注明单位（如“总投资（亿元）”）后重新导入');
    // The preview's warnings, not only its counts.
    expect(none.lines).toContain('提示 第2行 签约时间 只写到月份，按当月1日记录');
  });

  it('refuses amounts in 万美元, naming the row and what to do, rather than reading them as 元', async () => {
    const result = await run({ file: file('万美元.csv', usdHeaderCsv()), unit: '甲县', as: 'staff_a' });
    expect(result.code).toBe(1);
    expect(result.lines).toContain('金额单位 总投资（C列“总投资(万美元)”）：外币（万美元），此列金额不导入：系统金额以人民币计，请换算为万元后导入');
    expect(result.lines).toContain(
      "第2行 总投资：'3000' 是外币金额（表头、单位行或单元格注明了美元、港元等）：系统金额以人民币计，请换算为人民币（万元）后导入，或在列对应中不导入此列",
    );
    expect(await named('外资电子项目')).toEqual([]);
  });

  it('imports the projects of every project sheet, names each row by its sheet, and passes over the notes sheet', async () => {
    const ledger = file('两个工作表.xlsx', await twoProjectSheetsWorkbook());
    const preview = await run({ file: ledger, as: 'staff_a', dryRun: true });
    expect(preview.code, preview.lines.join('\n')).toBe(0);
    expect(preview.lines[0]).toMatch(/^批次 #\d+ 工作表“2022年签约项目”、“往年签约今年开工”：新增 4，更新 0，无变化 0，拒绝 0，跳过 5$/);
    expect(preview.lines).toContain('  工作表“往年签约今年开工”：表头在第3行，项目 2 行');
    expect(preview.lines).toContain('未读取的工作表：“填报说明”（没有“项目名称”等项目表头）');
    expect(preview.lines).toContain('跳过 工作表“2022年签约项目”第6行：合计或小计行');
    expect(preview.lines).toContain('跳过 工作表“往年签约今年开工”第1行：表头以上的标题、单位或日期行');

    const committed = await run({ file: ledger, as: 'staff_a' });
    expect(committed.code, committed.lines.join('\n')).toBe(0);
    const rows = await t.db.select().from(projects).where(inArray(projects.name, ['新材料产业园项目', '冷链物流中心项目', '光伏组件扩建项目', '食品加工厂项目']));
    // The year's 开工: three projects, two of them from the second sheet — each with its own row's dates.
    expect(Object.fromEntries(rows.map((r) => [r.name, [r.signedOn, r.startedOn, r.unitId]]))).toEqual({
      新材料产业园项目: ['2022-03-01', null, w.countyA.id],
      冷链物流中心项目: ['2022-05-20', '2022-09-01', w.countyA.id],
      光伏组件扩建项目: ['2021-11-02', '2022-04-10', w.countyA.id],
      食品加工厂项目: ['2020-08-08', '2022-06-30', w.countyA.id],
    });
    const evidence = await t.db.select({ evidence: projectStageEvents.evidence }).from(projectStageEvents).where(eq(projectStageEvents.projectId, rows.find((r) => r.name === '食品加工厂项目')!.id));
    expect(evidence.map((e) => (e.evidence as { note: string }).note)).toContain('台账导入：两个工作表.xlsx 工作表“往年签约今年开工”第5行');
  });

  it('leaves a hidden sheet out unless it is chosen, and says so', async () => {
    const ledger = file('隐藏旧表.xlsx', await twoProjectSheetsWorkbook({
      signed: [[1, '可见表项目', '甲县可见表有限公司', 800, '2022.3.1', '', '甲县', '签约未开工']],
      earlier: [[1, '可见表开工项目', '甲县可见表有限公司', 900, '2021.3.1', '2022.5.1', '甲县', '在建']],
      hiddenOld: [[1, '旧表隐藏项目', '甲县旧表有限公司', 9000, '2021.4.1', '', '甲县', '签约未开工']],
    }));
    const result = await run({ file: ledger, as: 'staff_a', dryRun: true });
    expect(result.code, result.lines.join('\n')).toBe(0);
    expect(result.lines[0]).toMatch(/^批次 #\d+ 工作表“2022年签约项目”、“往年签约今年开工”：新增 2，/);
    expect(result.lines).toContain('未读取的工作表：“2021年签约项目(旧)”（隐藏的工作表；如需导入，请用 --sheet 选择）');
    const chosen = await run({ file: ledger, as: 'staff_a', dryRun: true, sheet: '2021年签约项目(旧)' });
    expect(chosen.lines[0]).toMatch(/^批次 #\d+ 工作表“2021年签约项目\(旧\)”：新增 1，/);
  });

  it('asks for a sheet when a mapping is given for a workbook of several project sheets', async () => {
    const result = await run({ file: file('两表映射.xlsx', await twoProjectSheetsWorkbook()), mapping: '{"totalInvestment":"D"}', as: 'staff_a', dryRun: true });
    expect(result).toEqual({ code: 1, lines: ["导入失败：--mapping names one sheet's columns; add --sheet (project sheets: 2022年签约项目, 往年签约今年开工)"] });
    const earlier = [
      [1, '映射选表项目甲', '甲县映射选表有限公司', 300, '2021.5.6', '2022.4.10', '甲县', '在建'],
      [2, '映射选表项目乙', '甲县映射选表有限公司', 400, '2021.5.7', '2022.4.11', '甲县', '在建'],
    ];
    const one = await run({ file: file('两表映射.xlsx', await twoProjectSheetsWorkbook({ earlier })), mapping: '{"totalInvestment":"总投资"}', sheet: '往年签约今年开工', as: 'staff_a', dryRun: true });
    expect(one.code, one.lines.join('\n')).toBe(0);
    expect(one.lines[0]).toMatch(/^批次 #\d+ 工作表“往年签约今年开工”：新增 2，/);
    expect(one.lines).toContain('金额单位 工作表“往年签约今年开工” 总投资（D列“总投资(万元)”）：万元，按表头注明');
    expect(one.lines).toContain('未读取的工作表：“2022年签约项目”、“填报说明”（未选择）');
  });

  it('refuses the same project on two sheets, naming both rows, rather than making two projects or keeping one quietly', async () => {
    const ledger = file('重复项目.xlsx', await twoProjectSheetsWorkbook({
      repeat: true,
      signed: [[1, '跨表重复项目', '甲县跨表有限公司', 20000, '2022.3.1', '', '甲县', '签约未开工']],
      earlier: [[1, '跨表重复项目', '甲县跨表有限公司', 20000, '2022.3.1', '2022.10.8', '甲县', '在建']],
    }));
    const result = await run({ file: ledger, as: 'staff_a' });
    expect(result.code).toBe(1);
    expect(result.lines).toContain(
      "工作表“往年签约今年开工”第4行 项目名称：'跨表重复项目（工作表“2022年签约项目”第4行）' 与另一工作表的行是同一项目：一个项目只能由一行导入。请把两行合成一行（如把开工时间填入签约表的那一行）后导入，或把两个工作表分两次导入（第二次更新同一项目）",
    );
    expect(await named('跨表重复项目')).toEqual([]);
  });

  it('reverts a batch from the command line, and says so when it is already reverted or its projects are gone', async () => {
    const first = await run({ file: file('撤销.csv', noUnitCsv([['命令行撤销项目', '甲县测试企业有限公司', '600', '2026.1.8']])), unit: '甲县', as: 'staff_a' });
    expect(first.code, first.lines.join('\n')).toBe(0);
    const batch = batchOf(first.lines);
    expect(first.lines.at(-1)).toBe(`已导入：批次 #${batch}（可在“台账导入”页面整批撤销，或 zhaoshang import --revert ${batch}）`);
    // Another county's user finds no such batch, and nothing is undone.
    expect(await revert(batch, 'staff_b')).toEqual({ code: 1, lines: [`撤销失败：没有批次 #${batch}，或它不在此用户的单位范围内（可用 --as 指定用户）。`] });
    expect(await named('命令行撤销项目')).toHaveLength(1);
    expect(await revert(batch)).toEqual({ code: 0, lines: [`已撤销：批次 #${batch}（撤销.csv），删除新增的 1 个项目，还原更新的 0 个项目。`] });
    expect(await named('命令行撤销项目')).toEqual([]);
    expect(await revert(batch)).toEqual({ code: 1, lines: [`批次 #${batch}（撤销.csv）已于 2026-03-02 撤销：其导入的项目已不在系统中，无需再次撤销。`] });
    expect(await revert(99_999)).toEqual({ code: 1, lines: ['撤销失败：没有批次 #99999，或它不在此用户的单位范围内（可用 --as 指定用户）。'] });

    // A project in talks (no stage dated yet) deleted since, by hand in the database: the revert names its row.
    const second = await run({ file: file('已删除.csv', noUnitCsv([['已删除项目', '甲县测试企业有限公司', '600', '']])), unit: '甲县', as: 'staff_a' });
    expect(second.code, second.lines.join('\n')).toBe(0);
    const [gone] = await named('已删除项目');
    await t.db.delete(projects).where(eq(projects.id, gone!.id));
    const refused = await revert(batchOf(second.lines));
    expect(refused.code).toBe(1);
    expect(refused.lines).toEqual([
      '撤销失败：该批次导入的以下行的项目已不在系统中（导入后被删除），不能整批撤销：第2行。这些项目无需再撤销；批次中其余项目如需去掉，请在项目页逐个更正',
    ]);
  });
});
