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

const TABLE_HEADER = (item: Item) => ['序号', '单位', `完成值（${measure(item).header}）`, `年度目标（${measure(item).header}）`, '完成率', '排名'];

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
  return `${name}：${names.length > 0 ? names.join('、') : '无'}`;
}

/** 已关账 with its time, for a closed month's files. */
const closedLine = (b: TBulletin) => (b.closedAt ? `（已关账：${b.closedAt.slice(0, 10)}）` : '');

/** 更正情况: the corrections since the previous close, one line each. */
const correctionLines = (b: TBulletin) =>
  b.corrections.map((c, i) => `${i + 1}. ${c.unitName} ${c.projectName}（${c.closedMonth}）：${c.summary}。原因：${c.reason}${c.recordedBy ? `（${c.recordedBy}）` : ''}`);

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

type FontFile = { path: string; face?: string };
/** The faces a 公文 wants (GB/T 9704-2012), by role, each with the fonts that stand in for it where it is missing. */
const ROLE_CANDIDATES: Record<'title' | 'body' | 'heading', FontFile[]> = {
  // 方正小标宋: a heavy Song face — Noto Serif CJK Bold; Windows' 华文中宋 / 宋体.
  title: [
    { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', face: 'NotoSerifCJKsc-Bold' },
    { path: '/usr/share/fonts/noto-cjk/NotoSerifCJK-Bold.ttc', face: 'NotoSerifCJKsc-Bold' },
    { path: 'C:\\Windows\\Fonts\\STZHONGS.TTF' },
  ],
  // 仿宋_GB2312: Windows' 仿宋 where present; else the Song (Noto Serif CJK), the nearest face fonts-noto-cjk ships.
  body: [
    { path: 'C:\\Windows\\Fonts\\simfang.ttf' },
    { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
    { path: '/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  ],
  // 黑体 for the first-level headings (一、二、…).
  heading: [
    { path: 'C:\\Windows\\Fonts\\simhei.ttf' },
    { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
    { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  ],
};

/** The font of each role: ZHAOSHANG_PDF_FONT, when set, for all; else the role's face, else any Chinese font. */
export function documentFonts(env: NodeJS.ProcessEnv = process.env): Record<'title' | 'body' | 'heading', FontFile> | null {
  const fallback = chineseFont(env);
  if (!fallback) return null;
  if (env.ZHAOSHANG_PDF_FONT) return { title: fallback, body: fallback, heading: fallback };
  const pick = (role: keyof typeof ROLE_CANDIDATES) => ROLE_CANDIDATES[role].find((f) => existsSync(f.path)) ?? fallback;
  return { title: pick('title'), body: pick('body'), heading: pick('heading') };
}

const MM = 72 / 25.4;
/** GB/T 9704-2012 §5.2.1: A4, top 37 mm, left 28 mm; the type area 156 × 225 mm. */
const PAGE = { top: 37 * MM, left: 28 * MM, width: 156 * MM, height: 225 * MM };
/** Sizes in points: 二号 22 (title), 三号 16 (body and headings), 四号 14 (page numbers), 五号 10.5 (tables). */
const SIZE = { office: 26, title: 22, body: 16, table: 10.5, pageNumber: 14 };
/** 28 lines of 22 characters, as §5.2.2 sets a page: a line is 225 mm ÷ 22. */
const LINE_GAP = PAGE.height / 22 - SIZE.body * 1.1;
const RED = '#d40000';
const COLUMN_WIDTHS = [30, 118, 82, 82, 66, 64];
const CHAIN_COLUMN_WIDTHS = [96, 150, 66, 66, 64];

/**
 * 成文日期 as GB/T 9704-2012 §7.3.5.1 writes it: Arabic numerals, the year, month and day in full, no padding —
 * "2026年12月3日".
 */
export function documentDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The issuing office (发文机关): the unit's 招商局, unless the unit's name already names an office. */
export function issuingOffice(unitName: string): string {
  return /(局|办公室|委员会|管委会|中心)$/.test(unitName) ? unitName : `${unitName}招商局`;
}

/** 页码 as §7.5 writes it: "— 1 —" in 四号, odd pages right and even pages left, one character in from the edge. */
export const pageNumberText = (n: number) => `— ${n} —`;

export async function bulletinPdf(bulletin: TBulletin, options: { today: string }): Promise<Buffer> {
  const fonts = documentFonts();
  if (!fonts) throw new AppError('bulletin.noChineseFont');
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margins: { top: PAGE.top, left: PAGE.left, right: 595.28 - PAGE.left - PAGE.width, bottom: 841.89 - PAGE.top - PAGE.height },
    info: { Title: bulletinTitle(bulletin), Author: issuingOffice(bulletin.unitName) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('title', fonts.title.path, fonts.title.face);
  doc.registerFont('body', fonts.body.path, fonts.body.face);
  doc.registerFont('heading', fonts.heading.path, fonts.heading.face);
  const width = PAGE.width;
  const left = PAGE.left;
  const bottom = PAGE.top + PAGE.height;
  const office = issuingOffice(bulletin.unitName);
  const issuedOn = documentDate(bulletin.closedAt ?? options.today);

  // 版头: the issuing office in red, a red rule under it (§7.2).
  doc.font('title').fontSize(SIZE.office).fillColor(RED).text(office, left, PAGE.top, { width, align: 'center', characterSpacing: 2 });
  const ruleY = doc.y + 4 * MM;
  doc.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(1.2).strokeColor(RED).stroke();
  doc.fillColor('#000000').strokeColor('#000000').lineWidth(0.6);
  // 标题: 二号, 小标宋-like, centred, two lines below the rule (§7.3.3).
  doc.font('title').fontSize(SIZE.title).text(bulletinTitle(bulletin), left, ruleY + 2 * SIZE.body, { width, align: 'center', lineGap: 6 });
  if (bulletin.closedAt) doc.font('body').fontSize(SIZE.body).text(closedLine(bulletin), left, undefined, { width, align: 'center' });
  doc.moveDown(1);

  // Paragraphs and headings start two characters in (首行缩进两字).
  const indent = 2 * SIZE.body;
  const paragraph = (text: string) => doc.font('body').fontSize(SIZE.body).text(text, left, undefined, { width, lineGap: LINE_GAP, indent, align: 'justify' });
  const heightOf = (font: string, size: number, text: string) => doc.font(font).fontSize(size).heightOfString(text, { width, lineGap: LINE_GAP, indent });
  /** A heading is never left alone at a page's foot: it moves to the next page unless what follows it fits too. */
  const heading = (text: string, following: number) => {
    const needed = heightOf('heading', SIZE.body, text) + following;
    if (doc.y + needed > bottom) doc.addPage();
    doc.font('heading').fontSize(SIZE.body).text(text, left, undefined, { width, lineGap: LINE_GAP, indent });
  };

  bulletin.items.forEach((item, index) => {
    const note = heldOutNote(item);
    const sentence = `${item.sentence}${note ? `（${note}，甄别后计入）` : ''}`;
    const firstRows = item.units.length > 0 ? tableRowHeight(doc, TABLE_HEADER(item), COLUMN_WIDTHS) + tableRowHeight(doc, tableRows(item)[0]!, COLUMN_WIDTHS) : 0;
    heading(`${chineseNumeral(index + 1)}、${item.name.zh}`, heightOf('body', SIZE.body, sentence) + firstRows);
    paragraph(sentence);
    if (item.units.length > 0) {
      doc.moveDown(0.3);
      table(doc, TABLE_HEADER(item), tableRows(item), COLUMN_WIDTHS, bottom);
      paragraph(listLine(item, item.red, '红榜'));
      paragraph(listLine(item, item.black, '黑榜'));
    }
  });
  const chainRows = chainTableRows(bulletin).map((r) => [r.chain, r.metric, r.value.text, r.target.text, r.completion.text]);
  if (chainRows.length > 0) {
    heading(`${chineseNumeral(bulletin.items.length + 1)}、按产业链`, tableRowHeight(doc, CHAIN_HEADER, CHAIN_COLUMN_WIDTHS) + tableRowHeight(doc, chainRows[0]!, CHAIN_COLUMN_WIDTHS));
    doc.moveDown(0.3);
    table(doc, CHAIN_HEADER, chainRows, CHAIN_COLUMN_WIDTHS, bottom);
  }
  if (bulletin.corrections.length > 0) {
    const lines = correctionLines(bulletin);
    heading(`${chineseNumeral(bulletin.items.length + (chainRows.length > 0 ? 2 : 1))}、更正情况`, heightOf('body', SIZE.body, lines[0]!));
    for (const line of lines) paragraph(line);
  }

  // 落款 (§7.3.5.2, no seal): the office centred over the date, the date four characters in from the right.
  const signature = 2 * (SIZE.body + LINE_GAP);
  if (doc.y + 2 * SIZE.body + signature > bottom) doc.addPage();
  else doc.moveDown(2);
  const dateWidth = doc.font('body').fontSize(SIZE.body).widthOfString(issuedOn);
  const dateX = left + width - 4 * SIZE.body - dateWidth;
  const officeWidth = doc.widthOfString(office);
  doc.text(office, Math.min(dateX + (dateWidth - officeWidth) / 2, left + width - officeWidth), undefined, { lineBreak: false });
  doc.moveDown(1);
  doc.text(issuedOn, dateX, undefined, { lineBreak: false });

  // 页码 on every page once the pages are known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const n = i - range.start + 1;
    const text = pageNumberText(n);
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(SIZE.pageNumber);
    const w = doc.widthOfString(text);
    const x = n % 2 === 1 ? left + width - SIZE.pageNumber - w : left + SIZE.pageNumber;
    doc.text(text, x, bottom + 7 * MM, { lineBreak: false });
  }
  doc.end();
  return done;
}

const chineseNumeral = (n: number) => (n <= 10 ? '一二三四五六七八九十'[n - 1]! : n < 20 ? `十${'一二三四五六七八九'[n - 11]}` : String(n));

const CELL_PADDING = { x: 5, y: 4 };

/** A row's height: its tallest cell, each wrapped in its column with the padding. */
function tableRowHeight(doc: PDFKit.PDFDocument, cells: string[], widths: number[]): number {
  doc.font('body').fontSize(SIZE.table);
  return Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * CELL_PADDING.x }))) + 2 * CELL_PADDING.y;
}

/** A ruled table, cells padded and wrapped (never cut); its header repeats at the top of each page it runs onto. */
function table(doc: PDFKit.PDFDocument, header: string[], rows: string[][], widths: number[], bottom: number) {
  const left = PAGE.left;
  const draw = (cells: string[], isHeader: boolean) => {
    const height = tableRowHeight(doc, cells, widths);
    if (doc.y + height > bottom) {
      doc.addPage();
      if (!isHeader) draw(header, true);
    }
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (isHeader) doc.rect(x, top, w, height).fillAndStroke('#f0f0f0', '#666666').fillColor('#000000');
      else doc.rect(x, top, w, height).lineWidth(0.6).stroke('#666666');
      doc.font(isHeader ? 'heading' : 'body').fontSize(SIZE.table).text(cell, x + CELL_PADDING.x, top + CELL_PADDING.y, {
        width: w - 2 * CELL_PADDING.x,
        align: isHeader ? 'center' : i >= 2 ? 'right' : 'left',
      });
      x += w;
    });
    doc.x = left;
    doc.y = top + height;
  };
  draw(header, true);
  for (const row of rows) draw(row, false);
  doc.moveDown(0.5);
}
