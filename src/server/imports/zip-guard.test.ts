import { constants, crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerXlsx, multipartBody } from '../../../test/support/ledgers.ts';
import { LedgerFileError, readLedgerFile } from './ledger-reader.ts';
import { guardZip } from './zip-guard.ts';
import { UPLOAD_ZIP_LIMITS } from './upload-zips.ts';

/**
 * Issue 18: a 1 MB workbook that lies about its sizes. Its sheet inflates to `BOMB_MB` of zeros while its directory
 * says 1,000 bytes; the old check believed the directory and the zip library then inflated it all in memory.
 */
const BOMB_MB = 1024;

/** Raw deflate of `mb` MiB of zeros, built from one 16 MiB sync-flushed piece repeated (cheap to make). */
function zeroRun(mb: number): Buffer {
  const piece = deflateRawSync(Buffer.alloc(16 * 1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array(mb / 16).fill(piece), deflateRawSync(Buffer.alloc(0))]);
}

type Entry = { name: string; data: Buffer; method: 0 | 8; declaredSize: number; crc: number };

/** A zip written by hand, so that its headers can say whatever the test wants. */
function zipOf(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const deflated = (name: string, text: string): Entry => {
  const data = Buffer.from(text);
  return { name, data: deflateRawSync(data), method: 8, declaredSize: data.length, crc: crc32(data) };
};

function bombWorkbook(): Buffer {
  return zipOf([
    deflated('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    deflated('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
    // The lie: 1,000 bytes declared.
    { name: 'xl/worksheets/sheet1.xml', data: zeroRun(BOMB_MB), method: 8, declaredSize: 1000, crc: 0 },
  ]);
}

/** Runs `work` while sampling the process's resident memory; gives the highest rise seen. */
async function peakRise<T>(work: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; riseMb: number; ms: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const [result] = await Promise.allSettled([work()]);
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, riseMb: (peak - before) / 1024 / 1024, ms };
}

describe('zip bombs', () => {
  const bomb = bombWorkbook();

  it('is a small file whose directory passes the declared-size check', () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
  });

  it('refuses the workbook by the bytes that actually inflate, quickly and in bounded memory', async () => {
    const { result, riseMb, ms } = await peakRise(() => readLedgerFile(bomb));
    expect(result.status).toBe('rejected');
    const error = (result as PromiseRejectedResult).reason as LedgerFileError;
    expect(error).toBeInstanceOf(LedgerFileError);
    expect(error.code).toBe('ledger.zipBomb');
    expect(error.detail.entry).toBe('xl/worksheets/sheet1.xml');
    // It stops at the 200 MB cap, holding one chunk at a time: generous bounds for a loaded 2-core machine.
    expect(ms).toBeLessThan(15_000);
    expect(riseMb).toBeLessThan(150);
  });

  it('caps each entry, the total and the ratio, whatever the headers say', async () => {
    const honest = zipOf([deflated('a.xml', 'x'.repeat(300_000)), deflated('b.xml', 'y'.repeat(300_000))]);
    await expect(guardZip(honest, { ...UPLOAD_ZIP_LIMITS, entryBytes: 200_000 })).rejects.toMatchObject({ reason: 'tooMuchData', entry: 'a.xml' });
    await expect(guardZip(honest, { ...UPLOAD_ZIP_LIMITS, totalBytes: 500_000 })).rejects.toMatchObject({ reason: 'tooMuchData', entry: 'b.xml' });
    await expect(guardZip(honest, { ...UPLOAD_ZIP_LIMITS, ratio: 100, ratioFloorBytes: 1000 })).rejects.toMatchObject({ reason: 'tooMuchData', entry: 'a.xml' });
    expect((await guardZip(honest, UPLOAD_ZIP_LIMITS)).map((e) => e.name)).toEqual(['a.xml', 'b.xml']);
    // Broken deflate data is not a spreadsheet.
    const broken = zipOf([{ name: 'xl/workbook.xml', data: Buffer.from([0xff, 0xff, 0xff, 0xff]), method: 8, declaredSize: 4, crc: 0 }]);
    await expect(guardZip(broken, UPLOAD_ZIP_LIMITS)).rejects.toMatchObject({ reason: 'notAZip' });
  });

  it('still reads a real workbook', async () => {
    const sheets = await readLedgerFile(await ledgerXlsx({ title: '甲县台账', sections: [{ title: '一、工业项目', rows: [['冷链物流园项目', '甲县测试企业有限公司', '', '', 5000, '', '2025年5月', '', '甲县', '已签约', '', '']] }] }));
    expect(sheets[0]!.rows.some((row) => row.includes('冷链物流园项目'))).toBe(true);
  });

  describe('through every upload that opens a workbook', () => {
    let t: TestApp;
    let bureau: Session;
    let staffA: Session;
    beforeAll(async () => {
      t = await createTestApp();
      await t.given.twoCounties();
      bureau = await logIn(t.app, 'bureau');
      staffA = await logIn(t.app, 'staff_a');
    });
    afterAll(() => t.close());

    for (const [what, url, who, fields] of [
      ['a ledger import', '/api/imports', () => staffA, {}],
      ['the targets grid', '/api/targets/import', () => bureau, { year: '2026' }],
    ] as const) {
      it(`refuses the bomb as ${what}, naming the file field`, async () => {
        const body = multipartBody('台账.xlsx', bomb, fields);
        const response = await t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie: who().cookie } });
        await expectApiError(response, 400, 'ledger.zipBomb', 'file');
      });
    }
  });
});
