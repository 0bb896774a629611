import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { LedgerFileError, readLedgerFile } from './ledger-reader.ts';
import { readSheet } from '../../domain/ledger-rows.ts';

/** A ledger as bureaus keep it: titles, a merged two-row header, a county cell merged over its projects, a formula, a date. */
async function messyWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('签约项目');
  sheet.addRow(['襄阳市2023年招商引资签约项目台账']);
  sheet.mergeCells('A1:G1');
  sheet.addRow(['单位:万元']);
  sheet.addRow(['序号', '项目名称', '投资方', '投资额(万元)', '', '签约时间', '所属县(市、区)']);
  sheet.addRow(['', '', '', '总投资', '合同投资', '', '']);
  sheet.mergeCells('D3:E3');
  for (const col of ['A', 'B', 'C', 'F', 'G']) sheet.mergeCells(`${col}3:${col}4`);
  sheet.addRow([1, '磷酸铁锂正极材料项目', '江苏龙蟠科技股份有限公司', 50000, 45000, new Date(Date.UTC(2023, 2, 1)), '襄城区']);
  sheet.addRow([2, '氢能源产业项目', '江苏龙蟠科技股份有限公司', 20000, { formula: 'D6*0.9', result: 18000 }, '2023年3月', '']);
  sheet.mergeCells('G5:G6');
  sheet.addRow(['合计', '', '', { formula: 'SUM(D5:D6)', result: 70000 }, '', '', '']);
  workbook.addWorksheet('说明').addRow(['本表由区招商局填报']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading ledger files', () => {
  it('reads an xlsx with merged headers and cells, formulas and dates, sheet by sheet', async () => {
    const sheets = await readLedgerFile(await messyWorkbook());
    expect(sheets.map((s) => s.name)).toEqual(['签约项目', '说明']);
    const rows = sheets[0]!.rows;
    expect(rows[2]!.slice(0, 7)).toEqual(['序号', '项目名称', '投资方', '投资额(万元)', '投资额(万元)', '签约时间', '所属县(市、区)']);
    expect(rows[4]).toEqual(['1', '磷酸铁锂正极材料项目', '江苏龙蟠科技股份有限公司', '50000', '45000', '2023-03-01', '襄城区']);
    expect(rows[5]).toEqual(['2', '氢能源产业项目', '江苏龙蟠科技股份有限公司', '20000', '18000', '2023年3月', '襄城区']);
    const result = readSheet(rows);
    if (!result.ok) throw new Error('no header');
    expect(result.records.map((r) => [r.name, r.totalInvestmentYuan, r.contractInvestmentYuan, r.signedOn, r.unitName])).toEqual([
      ['磷酸铁锂正极材料项目', 500_000_000, 450_000_000, '2023-03-01', '襄城区'],
      ['氢能源产业项目', 200_000_000, 180_000_000, '2023-03-01', '襄城区'],
    ]);
    expect(result.skipped.filter((r) => r.kind !== 'title')).toEqual([{ rowNumber: 7, kind: 'total' }]);
  });

  it('reads CSV in GBK (as Excel in China saves it) and in UTF-8 with a BOM', async () => {
    const text = '项目名称,投资方,总投资(亿元),签约日期\r\n锂电池隔膜项目,某某新材料有限公司,3.5,2023/3/1\r\n';
    for (const file of [iconv.encode(text, 'gbk'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      const [sheet] = await readLedgerFile(file);
      const result = readSheet(sheet!.rows);
      if (!result.ok) throw new Error('no header');
      expect(result.records[0]).toMatchObject({ name: '锂电池隔膜项目', investorName: '某某新材料有限公司', totalInvestmentYuan: 350_000_000, signedOn: '2023-03-01' });
    }
  });

  const refusal = async (file: Buffer) => {
    try {
      await readLedgerFile(file);
      return 'read';
    } catch (error) {
      if (error instanceof LedgerFileError) return error.code;
      throw error;
    }
  };

  it('refuses hostile files with a clear reason and without crashing', async () => {
    expect(await refusal(Buffer.alloc(0))).toBe('ledger.empty');
    expect(await refusal(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]))).toBe('ledger.notASpreadsheet');
    expect(await refusal(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]))).toBe('ledger.xls');
    expect(await refusal(Buffer.alloc(21 * 1024 * 1024, 0x41))).toBe('ledger.tooLarge');
    const notXlsx = new JSZip();
    notXlsx.file('readme.txt', 'hello');
    expect(await refusal(Buffer.from(await notXlsx.generateAsync({ type: 'nodebuffer' })))).toBe('ledger.notASpreadsheet');
    expect(await refusal(Buffer.from(`项目名称,备注\r\n大项目,${'长'.repeat(6000)}\r\n`))).toBe('ledger.hugeCell');
  });

  it('refuses a zip bomb from what the archive declares, before inflating it', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', 'x'.repeat(1000), { compression: 'DEFLATE' });
    const file = Buffer.from(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    // Declare a 3 GB sheet in the central directory, as a bomb does.
    const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    for (let at = file.indexOf(signature); at >= 0; at = file.indexOf(signature, at + 4)) file.writeUInt32LE(0xb0000000, at + 24);
    expect(await refusal(file)).toBe('ledger.zipBomb');
  });
});
