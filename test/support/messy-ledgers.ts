import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Messy ledgers (issue 12): files as bureaus really send them, each built to break one assumption of the import —
 * amounts in 亿元 or 万美元, the unit written only in a title or a note above the header, projects spread over
 * several sheets beside a notes sheet. Each builder returns the file's bytes; `scripts/messy-ledgers.ts` writes them
 * all to a folder (`npm run ledgers:messy -- DIR`) for trying the CLI and the web page by hand.
 *
 * Other engineers add their own builders here: add a function and an entry in MESSY_LEDGERS, don't reorganise.
 */
export type MessyRow = (string | number | null)[];
export type MessyLedger = { fileName: string; build: () => Promise<Buffer> | Buffer; what: string };

async function workbook(sheets: { name: string; rows: MessyRow[]; merges?: [number, number, number, number][]; hidden?: boolean }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : undefined);
    for (const row of s.rows) sheet.addRow(row);
    for (const [top, left, bottom, right] of s.merges ?? []) sheet.mergeCells(top, left, bottom, right);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function csv(rows: MessyRow[], encoding: 'gbk' | 'utf8' = 'gbk'): Buffer {
  const quote = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
  return encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
}

/**
 * The header of issue 12's first report: 计划总投资 in 亿元, in column F. With no 项目名称 the import cannot find the
 * header by itself, so the user gives a mapping (`--mapping '{"name":"B","totalInvestment":"F"}'`, or by names).
 */
export const YI_YUAN_HEADER = ['序号', '名称', '投资单位', '行业', '建设地点', '计划总投资(亿元)', '签约日期'];

/** 亿元 in the header, columns a mapping must name (by letter: B, C, F, G; by name: 名称, 计划总投资(亿元)). */
export function yiYuanMappedCsv(rows: MessyRow[] = [['1', '智能装备产业园', '甲县测试企业有限公司', '装备制造', '甲县', '25', '2026.1.8']]): Buffer {
  return csv([YI_YUAN_HEADER, ...rows]);
}

/** The same as a workbook whose header the import does recognise (项目名称), 计划总投资 in 亿元. */
export function yiYuanDetectedWorkbook(rows: MessyRow[] = [['1', '智能装备产业园', '甲县测试企业有限公司', '装备制造', '甲县', 25, '2026.1.8']]): Promise<Buffer> {
  return workbook([{ name: '签约项目', rows: [['序号', '项目名称', '投资主体', '行业', '建设地点', '计划总投资(亿元)', '签约时间'], ...rows] }]);
}

/**
 * The unit only in the title ("……台账(单位:亿元)") and the amount header without one: 12.5 means 12.5亿.
 * `note`: the unit instead on a line of its own above the header, as "金额单位:亿元".
 */
export function titleUnitWorkbook(options: { where?: 'title' | 'note'; rows?: MessyRow[] } = {}): Promise<Buffer> {
  const rows = options.rows ?? [[1, '标题单位项目', '甲县测试企业有限公司', 12.5, '2026.2.3', '甲县']];
  const header = ['序号', '项目名称', '投资主体', '总投资', '签约时间', '所属单位'];
  const top: MessyRow[] =
    options.where === 'note'
      ? [['甲县2026年招商引资签约项目台账'], ['', '', '', '', '金额单位:亿元']]
      : [['甲县2026年招商引资签约项目台账(单位:亿元)']];
  return workbook([{ name: '台账', rows: [...top, header, ...rows], merges: [[1, 1, 1, header.length]] }]);
}

/** No unit anywhere: not in the title, no unit line, a bare "总投资" header; the import must say what it assumed. */
export function noUnitCsv(rows: MessyRow[] = [['无单位项目', '甲县测试企业有限公司', '800', '2026.1.8']]): Buffer {
  return csv([['项目名称', '投资主体', '总投资', '签约时间'], ...rows]);
}

/** Foreign capital in 万美元: "总投资(万美元)". Never to be read as 元 or 万元. */
export function usdHeaderCsv(rows: MessyRow[] = [['外资电子项目', '香港电子有限公司', '3000', '2026.1.8']]): Buffer {
  return csv([['项目名称', '投资主体', '总投资(万美元)', '签约时间'], ...rows]);
}

const TWO_SHEET_HEADER = ['序号', '项目名称', '投资主体', '总投资(万元)', '签约时间', '开工时间', '所属单位', '项目进展'];

/**
 * Issue 12's second report: projects on two sheets — 2022年签约项目 and 往年签约今年开工 — and a 填报说明 sheet of
 * notes. `repeat`: the first sheet's first project appears again on the second sheet (signed in 2022, started too).
 */
export function twoProjectSheetsWorkbook(options: { repeat?: boolean; signed?: MessyRow[]; earlier?: MessyRow[]; hiddenOld?: MessyRow[] } = {}): Promise<Buffer> {
  const signed = options.signed ?? [
    [1, '新材料产业园项目', '甲县新材料有限公司', 20000, '2022.3.1', '', '甲县', '签约未开工'],
    [2, '冷链物流中心项目', '甲县冷链物流有限公司', 8000, '2022.5.20', '2022.9.1', '甲县', '在建'],
  ];
  const earlier = options.earlier ?? [
    [1, '光伏组件扩建项目', '甲县光伏科技有限公司', 50000, '2021.11.2', '2022.4.10', '甲县', '在建'],
    [2, '食品加工厂项目', '甲县食品有限公司', 6000, '2020.8.8', '2022.6.30', '甲县', '在建'],
    ...(options.repeat ? [[3, '新材料产业园项目', '甲县新材料有限公司', 20000, '2022.3.1', '2022.10.8', '甲县', '在建'] as MessyRow] : []),
  ];
  return workbook([
    { name: '2022年签约项目', rows: [['甲县2022年签约项目台账'], ['单位:万元'], TWO_SHEET_HEADER, ...signed, ['合计', '', '', 28000]] },
    { name: '往年签约今年开工', rows: [['甲县往年签约2022年开工项目台账'], ['单位:万元'], TWO_SHEET_HEADER, ...earlier] },
    { name: '填报说明', rows: [['填报说明'], ['1. 金额单位为万元。'], ['2. 日期格式为 2022.3.1。'], ['联系人:张三 电话:0000-0000000']] },
    // `hiddenOld`: last year's sheet, hidden in Excel, left in the workbook.
    ...(options.hiddenOld ? [{ name: '2021年签约项目(旧)', rows: [['甲县2021年签约项目台账'], TWO_SHEET_HEADER, ...options.hiddenOld], hidden: true }] : []),
  ]);
}

/** Every messy ledger by file name, for the script and for trying by hand. */
export const MESSY_LEDGERS: MessyLedger[] = [
  { fileName: '亿元表头-需映射.csv', build: () => yiYuanMappedCsv(), what: '计划总投资(亿元) in F; map with --mapping \'{"name":"B","investorName":"C","totalInvestment":"F","signedOn":"G"}\' or by names' },
  { fileName: '亿元表头.xlsx', build: () => yiYuanDetectedWorkbook(), what: '计划总投资(亿元), recognised header' },
  { fileName: '标题注明单位.xlsx', build: () => titleUnitWorkbook(), what: 'unit only in the title: (单位:亿元)' },
  { fileName: '表上注明单位.xlsx', build: () => titleUnitWorkbook({ where: 'note' }), what: 'unit on a line above the header: 金额单位:亿元' },
  { fileName: '未注明单位.csv', build: () => noUnitCsv(), what: 'no unit anywhere: 万元 assumed, and said so' },
  { fileName: '万美元.csv', build: () => usdHeaderCsv(), what: '总投资(万美元): refused, to be converted first' },
  { fileName: '两个项目工作表.xlsx', build: () => twoProjectSheetsWorkbook(), what: '2022年签约项目 + 往年签约今年开工 + 填报说明' },
  { fileName: '两个工作表-重复项目.xlsx', build: () => twoProjectSheetsWorkbook({ repeat: true }), what: 'the same project on both sheets' },
  {
    fileName: '两个工作表-隐藏旧表.xlsx',
    build: () => twoProjectSheetsWorkbook({ hiddenOld: [[1, '旧表隐藏项目', '甲县旧表有限公司', 9000, '2021.4.1', '', '甲县', '签约未开工']] }),
    what: 'plus a hidden sheet of last year\'s projects: not read unless chosen',
  },
];
