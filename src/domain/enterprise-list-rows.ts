/**
 * Reading an enterprise list (issue 13 "Filling it"): the lists bureaus download — a 500强 list, a batch of 专精特新
 * 小巨人, a park's enterprises — as rows of cells. Finds the header row, recognises its columns, and turns each row
 * into a list entry or a refusal naming the row and the field. Pure: matching against the library is the server's.
 */
import { creditCodeProblem, normalizeCreditCode } from './credit-code.ts';
import { enterpriseNameKey } from './enterprise-names.ts';

export type ListColumn = 'name' | 'creditCode' | 'rank' | 'region' | 'industry' | 'capital' | 'founded' | 'listing' | 'batch';

/** Header words per column, compared after removing spaces and brackets' contents like "(万元)". */
const HEADER_WORDS: Record<ListColumn, string[]> = {
  name: ['企业名称', '公司名称', '企业', '名称', '单位名称'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码'],
  rank: ['排名', '名次', '序位'],
  region: [
    '所在地区', '省份', '城市', '注册地', '地区', '所在地', '所在省份', '所在城市', '区县', '所在区县', '总部所在地',
    // A foreign HQ (issue 15): its country, alone or before the province columns ("中国" + 省份 reads as China's).
    '国家', '国家/地区', '国家或地区', '国别', '总部所在国家', '总部所在国家/地区', '总部所在国家或地区', '总部国家', '所在国家', '所在国家/地区',
  ],
  industry: ['行业', '所属行业', '行业类别', '行业代码', '国民经济行业', '国民经济行业分类'],
  capital: ['注册资本', '注册资金'],
  founded: ['成立日期', '成立时间', '注册日期'],
  listing: ['上市情况', '股票代码', '证券代码', '上市代码'],
  batch: ['批次'],
};

/**
 * The header of a blank list to fill in (issue 16): one column per thing a list can say, each named by its first
 * header word (a rank only on a list that ranks; 注册资本 in 万元, as lists write it).
 */
export function listTemplateHeader(ranked: boolean): string[] {
  const columns: ListColumn[] = ['name', 'creditCode', ...(ranked ? (['rank'] as const) : []), 'region', 'industry', 'capital', 'founded', 'listing', 'batch'];
  return columns.map((column) => (column === 'capital' ? `${HEADER_WORDS.capital[0]}（万元）` : HEADER_WORDS[column][0]!));
}

function headerWord(cell: string): string {
  return cell.replace(/\s/g, '').replace(/[(（][^)）]*[)）]/g, '');
}

/** The columns a header row names, or null when it names no enterprise name column. */
export function listColumns(row: string[]): Partial<Record<ListColumn, number>> | null {
  const found: Partial<Record<ListColumn, number>> = {};
  row.forEach((cell, i) => {
    const word = headerWord(cell ?? '');
    for (const [column, words] of Object.entries(HEADER_WORDS) as [ListColumn, string[]][]) {
      if (found[column] === undefined && words.includes(word)) found[column] = i;
    }
  });
  return found.name === undefined ? null : found;
}

export type ListRowRefusal = { rowNumber: number; field: ListColumn; code: 'required' | 'creditCode' | 'rank' | 'duplicate' };

export type ListRow = {
  rowNumber: number;
  name: string;
  /** listNameKey(name): what names are compared by. */
  nameKey: string;
  creditCode: string | null;
  rank: number | null;
  batch: string | null;
  region: string | null;
  industry: string | null;
  listing: string | null;
  /** 注册资本 and 成立日期 as written (stored imports before these were read lack them). */
  capital?: string | null;
  founded?: string | null;
};

/**
 * `labels`: the header row's cells as written, so that a column nobody recognised is named, not ignored.
 * `regionParts`: every region column in order (省份, 城市, 区县), read together as one place ("湖北" + "襄阳").
 */
export type ReadList = {
  header: Partial<Record<ListColumn, number>>;
  regionParts: number[];
  labels: string[];
  headerRow: number;
  rows: ListRow[];
  refusals: ListRowRefusal[];
};

/** The region columns of a header row, in order. */
function regionColumns(row: string[]): number[] {
  return row.flatMap((cell, i) => (HEADER_WORDS.region.includes(headerWord(cell ?? '')) ? [i] : []));
}

/** Rows that are only a total or a note under the list ("合计", "数据来源:…"). */
const FOOTER = /^(合计|总计|注[:：]|备注|数据来源|来源[:：])/;

/**
 * Reads a sheet's rows: the header is the first of the first 20 rows naming an enterprise name column; rows after it
 * with no name and nothing else are skipped. A list's rows are numbered as the spreadsheet shows them (1-based).
 * `ranked`: whether the list ranks (a rank that is not a whole number ≥ 1 is refused; on other lists it is ignored).
 */
export function readListRows(cells: string[][], ranked: boolean): ReadList | null {
  const headerIndex = cells.slice(0, 20).findIndex((row) => listColumns(row) !== null);
  if (headerIndex < 0) return null;
  const header = listColumns(cells[headerIndex]!)!;
  const regionParts = regionColumns(cells[headerIndex]!);
  const rows: ListRow[] = [];
  const refusals: ListRowRefusal[] = [];
  const seenCodes = new Set<string>();
  const seenNames = new Set<string>();
  const cell = (row: string[], column: ListColumn) => {
    const i = header[column];
    const value = i === undefined ? '' : String(row[i] ?? '').trim();
    return value === '' ? null : value;
  };
  for (let i = headerIndex + 1; i < cells.length; i++) {
    const row = cells[i]!;
    const rowNumber = i + 1;
    if (row.every((c) => String(c ?? '').trim() === '')) continue;
    const name = cell(row, 'name');
    const first = String(row.find((c) => String(c ?? '').trim() !== '') ?? '').trim();
    if ((name && FOOTER.test(name)) || (!name && FOOTER.test(first))) continue;
    if (!name || name.length < 2) {
      refusals.push({ rowNumber, field: 'name', code: 'required' });
      continue;
    }
    const rawCode = cell(row, 'creditCode');
    const creditCode = rawCode ? normalizeCreditCode(rawCode) : null;
    if (creditCode && creditCodeProblem(creditCode)) {
      refusals.push({ rowNumber, field: 'creditCode', code: 'creditCode' });
      continue;
    }
    let rank: number | null = null;
    const rawRank = cell(row, 'rank');
    if (ranked && rawRank) {
      const digits = rawRank.replace(/^第/, '').replace(/[位名]$/, '');
      rank = /^\d{1,7}$/.test(digits) ? Number(digits) : NaN;
      if (!Number.isInteger(rank) || rank < 1) {
        refusals.push({ rowNumber, field: 'rank', code: 'rank' });
        continue;
      }
    }
    const nameKey = listNameKey(name);
    if ((creditCode && seenCodes.has(creditCode)) || seenNames.has(nameKey)) {
      refusals.push({ rowNumber, field: creditCode && seenCodes.has(creditCode) ? 'creditCode' : 'name', code: 'duplicate' });
      continue;
    }
    if (creditCode) seenCodes.add(creditCode);
    seenNames.add(nameKey);
    rows.push({
      rowNumber,
      name,
      nameKey,
      creditCode,
      rank,
      batch: cell(row, 'batch'),
      region: regionParts.map((i) => String(row[i] ?? '').trim()).join('') || null,
      industry: cell(row, 'industry'),
      listing: cell(row, 'listing'),
      capital: cell(row, 'capital'),
      founded: cell(row, 'founded'),
    });
  }
  return { header, regionParts, labels: cells[headerIndex]!.map((c) => String(c ?? '').trim()), headerRow: headerIndex + 1, rows, refusals };
}

/**
 * The key a list's names are matched by: `enterpriseNameKey` (width, brackets, spaces, 有限责任公司 → 有限公司), and one
 * form for 有限公司 and 股份有限公司, since lists write a company's form as it was when they were drawn up.
 */
export function listNameKey(name: string): string {
  return enterpriseNameKey(name).replace(/(股份公司|有限公司)$/, '公司');
}
