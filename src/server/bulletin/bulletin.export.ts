import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { escapeWorkbook } from '../http/safe-workbook.ts';
import PDFDocument from 'pdfkit';
import { AppError } from '../errors.ts';
import { wanUsdTwoDecimals, yiTwoDecimals } from '../../domain/bulletin.ts';
import { metric } from '../../domain/metrics.ts';
import type { TBulletin } from '../../shared/bulletin.ts';

/**
 * The monthly bulletin as the files a bureau sends: an xlsx and a PDF with the same content as the page —
 * per metric the standard sentence, the per-unit table (value, target, completion, rank) and 红榜 / 黑榜.
 */
type Item = TBulletin['items'][number];

export const bulletinTitle = (b: TBulletin) => `${b.unitName}${b.year}年${b.period}招商引资工作通报`;

/** The metric's unit as the table's header writes it, and a value in that unit. */
function measure(item: Item): { header: string; text: (value: number | null) => string } {
  const unit = metric(item.metricKey).unit;
  if (unit === 'yuan') return { header: '亿元', text: (v) => (v === null ? '—' : yiTwoDecimals(v)) };
  if (unit === 'usd') return { header: '万美元', text: (v) => (v === null ? '—' : wanUsdTwoDecimals(v)) };
  return { header: '个', text: (v) => (v === null ? '—' : String(v)) };
}

const TABLE_HEADER = (item: Item) => ['序号', '单位', `完成值(${measure(item).header})`, `年度目标(${measure(item).header})`, '完成率', '排名'];

function tableRows(item: Item): string[][] {
  const m = measure(item);
  return item.units.map((u, i) => [u.own ? '' : String(i + 1), u.unitName, m.text(u.value), m.text(u.target), u.completion ? `${u.completion}%` : '—', u.rank === null ? '—' : `(${u.rank})`]);
}

/**
 * The table's rows for the xlsx: numbers stay numbers, so a bureau can sum and re-sort them in Excel, each with the
 * number format that shows it as the page writes it — an amount is the page's figure (亿元 or 万美元, already rounded
 * half up to two decimals, exactly) under "0.00"; a completion the fraction under "0.00%" (or, trimmed, as many
 * decimals as the page writes: "0.0%", "0%"); a rank under "(0)". A missing figure stays the text "—".
 */
type XlsxCell = { value: string | number | null; numFmt?: string };

function percentFormat(shown: string): string {
  const decimals = shown.split('.')[1]?.length ?? 0;
  return decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%';
}

function xlsxRows(item: Item): XlsxCell[][] {
  const unit = metric(item.metricKey).unit;
  const figure = (v: number | null): XlsxCell => {
    if (v === null) return { value: '—' };
    if (unit === 'yuan') return { value: Number(yiTwoDecimals(v)), numFmt: '0.00' };
    if (unit === 'usd') return { value: Number(wanUsdTwoDecimals(v)), numFmt: '0.00' };
    return { value: v, numFmt: Number.isInteger(v) ? '0' : '0.0#' };
  };
  return item.units.map((u, i) => [
    u.own ? { value: null } : { value: i + 1, numFmt: '0' },
    { value: u.unitName },
    figure(u.value),
    figure(u.target),
    u.completion === null ? { value: '—' } : { value: Number(`${u.completion}e-2`), numFmt: percentFormat(u.completion) },
    u.rank === null ? { value: '—' } : { value: u.rank, numFmt: '"("0")"' },
  ]);
}

/**
 * 待甄别 (issue 17): beside a figure, what projects held out while their pair is under review would add — "待甄别 N 个"
 * for a count, the amount in the figure's unit otherwise; null when nothing waits.
 */
export function heldOutNote(item: Pick<Item, 'metricKey' | 'heldOut'>): string | null {
  if (!item.heldOut) return null;
  const unit = metric(item.metricKey).unit;
  if (unit === 'yuan') return `待甄别 ${yiTwoDecimals(item.heldOut)}亿元`;
  if (unit === 'usd') return `待甄别 ${wanUsdTwoDecimals(item.heldOut)}万美元`;
  return `待甄别 ${item.heldOut} 个`;
}

function listLine(item: Item, ids: number[], name: string): string {
  const names = ids.map((id) => item.units.find((u) => u.unitId === id)?.unitName).filter(Boolean);
  return `${name}:${names.length > 0 ? names.join('、') : '无'}`;
}

/** 已关账 with its time, for a closed month's files. */
const closedLine = (b: TBulletin) => (b.closedAt ? `(已关账:${b.closedAt.slice(0, 10)})` : '');

/** 更正情况: the corrections since the previous close, one line each. */
const correctionLines = (b: TBulletin) =>
  b.corrections.map((c, i) => `${i + 1}. ${c.unitName} ${c.projectName}(${c.closedMonth}):${c.summary}。原因:${c.reason}${c.recordedBy ? `(${c.recordedBy})` : ''}`);

/** 按产业链 (issue 14): one row per chain and metric — 产业链, 指标 (with its unit), 完成值, 年度目标, 完成率. */
const CHAIN_HEADER = ['产业链', '指标', '完成值', '年度目标', '完成率'];

function chainTableRows(bulletin: TBulletin) {
  if (!bulletin.chains) return [];
  return bulletin.chains.items.flatMap((chain) =>
    chain.cells.map((cell) => {
      const unit = metric(cell.metricKey).unit;
      const word = unit === 'yuan' ? '亿元' : unit === 'usd' ? '万美元' : '个';
      const figure = (v: number | null): XlsxCell & { text: string } => {
        if (v === null) return { value: '—', text: '—' };
        if (unit === 'yuan') return { value: Number(yiTwoDecimals(v)), numFmt: '0.00', text: yiTwoDecimals(v) };
        if (unit === 'usd') return { value: Number(wanUsdTwoDecimals(v)), numFmt: '0.00', text: wanUsdTwoDecimals(v) };
        return { value: v, numFmt: Number.isInteger(v) ? '0' : '0.0#', text: String(v) };
      };
      const completion: XlsxCell & { text: string } =
        cell.completion === null ? { value: '—', text: '—' } : { value: Number(`${cell.completion}e-2`), numFmt: percentFormat(cell.completion), text: `${cell.completion}%` };
      return { chain: chain.name, metric: `${metric(cell.metricKey).name.zh}（${word}）`, value: figure(cell.value), target: figure(cell.target), completion };
    }),
  );
}

export async function bulletinXlsx(bulletin: TBulletin): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('通报');
  sheet.columns = [6, 22, 16, 16, 12, 8].map((width) => ({ width }));
  const wide = (text: string, options: { bold?: boolean; size?: number } = {}) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, 6);
    row.getCell(1).font = { bold: options.bold, size: options.size };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (text.length > 40) row.height = 15 * Math.ceil(text.length / 40);
  };
  wide(bulletinTitle(bulletin) + closedLine(bulletin), { bold: true, size: 14 });
  bulletin.items.forEach((item, index) => {
    sheet.addRow([]);
    wide(`${'一二三四五六七八九十'[index] ?? index + 1}、${item.name.zh}`, { bold: true });
    wide(item.sentence);
    if (item.units.length === 0) return;
    sheet.addRow(TABLE_HEADER(item)).font = { bold: true };
    for (const cells of xlsxRows(item)) {
      const row = sheet.addRow(cells.map((cell) => cell.value));
      cells.forEach((cell, i) => {
        if (cell.numFmt) row.getCell(i + 1).numFmt = cell.numFmt;
      });
    }
    wide(listLine(item, item.red, '红榜'));
    wide(listLine(item, item.black, '黑榜'));
  });
  if (bulletin.corrections.length > 0) {
    sheet.addRow([]);
    wide('更正情况', { bold: true });
    for (const line of correctionLines(bulletin)) wide(line);
  }
  const chainRows = chainTableRows(bulletin);
  if (chainRows.length > 0) {
    // A sheet of its own: its columns are not the units' table's.
    const chainSheet = workbook.addWorksheet('按产业链');
    chainSheet.columns = [22, 34, 14, 14, 12].map((width) => ({ width }));
    chainSheet.addRow([`${bulletinTitle(bulletin)}（按产业链）`]).font = { bold: true, size: 14 };
    chainSheet.mergeCells(1, 1, 1, 5);
    chainSheet.addRow(CHAIN_HEADER).font = { bold: true };
    for (const cells of chainRows) {
      const row = chainSheet.addRow([cells.chain, cells.metric, cells.value.value, cells.target.value, cells.completion.value]);
      [cells.value, cells.target, cells.completion].forEach((cell, i) => {
        if (cell.numFmt) row.getCell(i + 3).numFmt = cell.numFmt;
      });
    }
  }
  return Buffer.from(await escapeWorkbook(workbook).xlsx.writeBuffer());
}

/**
 * A font with Chinese glyphs: ZHAOSHANG_PDF_FONT (a .ttf, .otf or .ttc file), else the first of the usual places
 * (Debian's fonts-noto-cjk, other Linux distributions, Windows, macOS). For a .ttc the face is chosen by name.
 */
const FONT_CANDIDATES: { path: string; face?: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: 'C:\\Windows\\Fonts\\simhei.ttf' },
  { path: '/System/Library/Fonts/STHeiti Light.ttc', face: 'STHeitiSC-Light' },
];

export function chineseFont(env: NodeJS.ProcessEnv = process.env): { path: string; face?: string } | null {
  if (env.ZHAOSHANG_PDF_FONT) {
    const [path, face] = env.ZHAOSHANG_PDF_FONT.split('#');
    return existsSync(path!) ? { path: path!, face } : null;
  }
  return FONT_CANDIDATES.find((font) => existsSync(font.path)) ?? null;
}

const A4_MARGIN = 56;
const COLUMN_WIDTHS = [32, 150, 90, 90, 70, 51];
const CHAIN_COLUMN_WIDTHS = [100, 170, 72, 72, 69];

export async function bulletinPdf(bulletin: TBulletin): Promise<Buffer> {
  const font = chineseFont();
  if (!font) throw new AppError('bulletin.noChineseFont');
  const doc = new PDFDocument({ size: 'A4', margin: A4_MARGIN, info: { Title: bulletinTitle(bulletin), Author: 'zhaoshang' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('zh', font.path, font.face);
  doc.font('zh');
  const width = doc.page.width - 2 * A4_MARGIN;
  doc.fontSize(16).text(bulletinTitle(bulletin), { align: 'center' });
  if (bulletin.closedAt) doc.fontSize(10).text(closedLine(bulletin), { align: 'center' });
  doc.moveDown(1);
  bulletin.items.forEach((item, index) => {
    doc.fontSize(12).text(`${'一二三四五六七八九十'[index] ?? index + 1}、${item.name.zh}`, A4_MARGIN, undefined, { width });
    doc.moveDown(0.3);
    doc.fontSize(10.5).text(`    ${item.sentence}`, { width, lineGap: 3 });
    const note = heldOutNote(item);
    if (note) doc.fontSize(10.5).text(`    （${note}，甄别后计入）`, { width, lineGap: 3 });
    doc.moveDown(0.5);
    if (item.units.length > 0) {
      table(doc, TABLE_HEADER(item), tableRows(item));
      doc.fontSize(10.5).text(listLine(item, item.red, '红榜'), A4_MARGIN, undefined, { width });
      doc.text(listLine(item, item.black, '黑榜'), { width });
    }
    doc.moveDown(1);
  });
  const chainRows = chainTableRows(bulletin);
  if (chainRows.length > 0) {
    doc.fontSize(12).text('按产业链', A4_MARGIN, undefined, { width });
    doc.moveDown(0.3);
    table(doc, CHAIN_HEADER, chainRows.map((r) => [r.chain, r.metric, r.value.text, r.target.text, r.completion.text]), CHAIN_COLUMN_WIDTHS);
    doc.moveDown(1);
  }
  if (bulletin.corrections.length > 0) {
    doc.fontSize(12).text('更正情况', A4_MARGIN, undefined, { width });
    doc.moveDown(0.3);
    for (const line of correctionLines(bulletin)) doc.fontSize(10.5).text(line, { width, lineGap: 2 });
  }
  doc.end();
  return done;
}

function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], widths = COLUMN_WIDTHS) {
  const rowHeight = 18;
  const draw = (cells: string[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - A4_MARGIN) doc.addPage();
    const top = doc.y;
    let x = A4_MARGIN;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (bold) doc.rect(x, top, w, rowHeight).fillAndStroke('#f0f0f0', '#999999').fillColor('#000000');
      else doc.rect(x, top, w, rowHeight).stroke('#999999');
      doc.fontSize(9.5).text(cell, x + 3, top + 4, { width: w - 6, height: rowHeight - 4, align: i >= 2 ? 'right' : 'left', lineBreak: false, ellipsis: true });
      x += w;
    });
    doc.x = A4_MARGIN;
    doc.y = top + rowHeight;
  };
  draw(header, true);
  for (const row of rows) draw(row, false);
  doc.moveDown(0.5);
}
