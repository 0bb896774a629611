import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { ledgerCsvGbk } from '../../test/support/ledgers.ts';
import { localIndustries } from '../server/db/schema.ts';
import { importFromCli } from './import.ts';

/** Issue 12 through the command line: a ledger's industry words not on the city's list, said once each. */
describe('zhaoshang import and the local-industry list', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'zs-industries-'));
  beforeAll(async () => {
    t = await createTestApp();
    await t.given.twoCounties();
    await t.db.insert(localIndustries).values({ name: '智能制造', industryCode: 'C', synonyms: ['智造'] });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one line per unlisted word, none for listed ones, and no warning on every row', async () => {
    const path = join(dir, '台账.csv');
    const rows = [
      ['智能一号', '甲县测试企业有限公司', '100', '智能制造'],
      ['智能二号', '甲县测试企业有限公司', '100', '智造'],
      ['量子一号', '甲县测试企业有限公司', '100', '量子科技'],
      ['量子二号', '甲县测试企业有限公司', '100', '量子科技'],
    ];
    writeFileSync(path, ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)', '所属行业'], rows));
    const lines: string[] = [];
    const code = await importFromCli(t.db, { file: path, unit: '甲县', as: 'staff_a', dryRun: true }, { line: (l) => lines.push(l), progress: () => {} }, () => new Date('2026-03-02T09:00:00+08:00'));
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.filter((l) => l.includes('所属行业'))).toEqual([
      "提示 所属行业 '量子科技'（2行）不在本市产业清单中：已照原样记为本市产业，未对应国民经济行业代码；可由招商局在“本市产业”清单中添加",
    ]);
  });
});
