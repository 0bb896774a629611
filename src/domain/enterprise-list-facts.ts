/**
 * The facts an enterprise list carries besides names and codes (issue 13 "Filling it"): registered capital, founding
 * date, listing and HQ region, each read from a cell into the library's model or refused by name — never guessed,
 * never converted. Pure: the region names come in as data (data/regions.json on the server).
 */
import { parseAmount, parseLedgerDate, type MoneyUnit } from './ledger-values.ts';
import { foreignCurrencyIn, unitInLabel } from './ledger-columns.ts';
import { countryFromText } from './countries.ts';

export type FactProblem =
  | 'notAnAmount'
  | 'foreignCurrency'
  | 'tooPrecise'
  | 'notADate'
  | 'monthOnly'
  | 'notAListing'
  | 'unknownRegion'
  | 'ambiguousRegion'
  | 'unknownIndustry';

export type FactRead<T> = { ok: true; value: T } | { ok: false; problem: FactProblem };

const fail = <T>(problem: FactProblem): FactRead<T> => ({ ok: false, problem });

function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]+/g, '');
}

/** How a 注册资本 column is read: its header's unit ("注册资本(万元)") or, none named, 万元, as registers state it. */
export type CapitalColumn = { unit: MoneyUnit; currency: string | null };

export function capitalColumnOf(label: string): CapitalColumn {
  return { unit: unitInLabel(label) ?? '万元', currency: foreignCurrencyIn(label) ?? null };
}

/**
 * Registered capital to whole 元, exactly: "5000万元", "5,000" (the column's unit), "1.2亿元", "5000万人民币". A foreign
 * currency ("500万美元", or a column headed 注册资本(万美元)) is refused: the library keeps 人民币 only, and nothing is
 * converted at a rate nobody chose.
 */
export function readCapital(text: string, column: CapitalColumn): FactRead<number> {
  if (column.currency) return fail('foreignCurrency');
  const plain = halfWidth(text).replace(/(人民币|RMB|CNY)/gi, '');
  const read = parseAmount(plain, column.unit);
  if (read.ok) return read;
  if (read.problem === 'foreignCurrency') return fail('foreignCurrency');
  if (read.problem === 'tooPrecise') return fail('tooPrecise');
  return fail('notAnAmount');
}

/** Excel's serial day numbers a cell may hold when the sheet did not format it as a date: 1900-01-01 … 2099-12-31. */
const SERIAL = /^\d{4,5}$/;

/** A founding date: 2019-03-05, 2019/3/5, 2019.3.5, 2019年3月5日, 20190305, or Excel's serial number (43529). */
export function readFoundedOn(text: string): FactRead<string> {
  const plain = halfWidth(text);
  if (SERIAL.test(plain) && Number(plain) >= 1 && Number(plain) <= 73050) {
    const serial = parseLedgerDate(Number(plain));
    return serial.ok ? { ok: true, value: serial.value.date } : fail('notADate');
  }
  const read = parseLedgerDate(plain);
  if (!read.ok) return fail('notADate');
  // "2019年3月" names no day: the 1st would be made up.
  if (read.value.precision !== 'day') return fail('monthOnly');
  return { ok: true, value: read.value.date };
}

/** Exchanges by the codes the library stores (the same as the enterprise form's). */
export const EXCHANGES = {
  SSE: { zh: '上交所', en: 'Shanghai Stock Exchange' },
  SZSE: { zh: '深交所', en: 'Shenzhen Stock Exchange' },
  BSE: { zh: '北交所', en: 'Beijing Stock Exchange' },
  HKEX: { zh: '港交所', en: 'Hong Kong Stock Exchange' },
  NYSE: { zh: '纽交所', en: 'New York Stock Exchange' },
  NASDAQ: { zh: '纳斯达克', en: 'Nasdaq' },
} as const;
export type Exchange = keyof typeof EXCHANGES;

export type Listing = { exchange: Exchange; ticker: string } | 'notListed';

const EXCHANGE_WORDS: [RegExp, Exchange][] = [
  [/^(SH|SS|SSE|上交所|上海证券交易所|上证|沪市|上海|沪|科创板|沪A|上海主板)$/i, 'SSE'],
  [/^(SZ|SZSE|深交所|深圳证券交易所|深证|深市|深圳|深|创业板|深A|深圳主板)$/i, 'SZSE'],
  [/^(BJ|BSE|北交所|北京证券交易所|北证|北京)$/i, 'BSE'],
  [/^(HK|HKEX|SEHK|港交所|香港交易所|香港联交所|联交所|港股|香港)$/i, 'HKEX'],
  [/^(N|NYSE|纽交所|纽约证券交易所|美股纽交所)$/i, 'NYSE'],
  [/^(O|OQ|NASDAQ|纳斯达克|纳斯达克交易所)$/i, 'NASDAQ'],
];

const NOT_LISTED = /^(未上市|非上市|否|无|不适用|—|-|\/|N\/A)$/i;

function exchangeOf(word: string): Exchange | undefined {
  return EXCHANGE_WORDS.find(([pattern]) => pattern.test(word))?.[1];
}

/** The exchange an A-share ticker belongs to by its number range, where that range says it unambiguously. */
function aShareExchange(ticker: string): Exchange | undefined {
  if (/^(60|68)\d{4}$/.test(ticker)) return 'SSE';
  if (/^(00|30)\d{4}$/.test(ticker)) return 'SZSE';
  if (/^(43|83|87|92)\d{4}$/.test(ticker)) return 'BSE';
  return undefined;
}

const TICKER = /^(\d{3,6}|[A-Z]{1,5})$/;

/**
 * A listing as lists write it: "688001.SH", "SZ300750", "深交所 300750", "300750(深交所)", "00700.HK", a bare A-share
 * number whose range names its exchange ("600519"), "未上市" (not listed). Anything else is refused, not guessed.
 */
export function readListing(text: string): FactRead<Listing> {
  const plain = halfWidth(text).replace(/[()（）:：,，;；、]/g, ' ').trim();
  const compact = plain.replace(/\s+/g, '');
  if (NOT_LISTED.test(compact)) return { ok: true, value: 'notListed' };
  const make = (exchange: Exchange | undefined, ticker: string): FactRead<Listing> => {
    const t = ticker.toUpperCase();
    if (!exchange || !TICKER.test(t)) return fail('notAListing');
    // Hong Kong tickers are written with or without their leading zeros: kept as five digits.
    return { ok: true, value: { exchange, ticker: exchange === 'HKEX' && /^\d+$/.test(t) ? t.padStart(5, '0') : t } };
  };
  let m = /^([0-9A-Z]+)\.([A-Z]+)$/i.exec(compact);
  if (m) return make(exchangeOf(m[2]!), m[1]!);
  m = /^(SH|SZ|BJ|HK)(\d{4,6})$/i.exec(compact);
  if (m) return make(exchangeOf(m[1]!), m[2]!);
  const words = plain.split(/\s+/);
  if (words.length === 2) {
    const [a, b] = words as [string, string];
    if (exchangeOf(a)) return make(exchangeOf(a), b);
    if (exchangeOf(b)) return make(exchangeOf(b), a);
  }
  m = /^(\D+?)(\d{4,6})$/.exec(compact) ?? /^(\d{4,6})(\D+)$/.exec(compact);
  if (m) {
    const [word, ticker] = /^\d/.test(m[1]!) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    return make(exchangeOf(word), ticker);
  }
  if (/^\d{6}$/.test(compact)) return make(aShareExchange(compact), compact);
  return fail('notAListing');
}

/** The text a listing is shown by in messages: "SSE 688001", "未上市". */
export function listingText(listing: Listing | { exchange: string; ticker: string } | null): string {
  if (listing === null) return '';
  return listing === 'notListed' ? '未上市' : `${listing.exchange} ${listing.ticker}`;
}

// ——— Regions ———

export type RegionRef = { code: string; name: string; parentCode: string | null };

/** The peoples named in autonomous regions' names, to find "恩施" in 恩施土家族苗族自治州. */
const PEOPLE =
  /(蒙古|回|藏|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|鄂温克|德昂|保安|裕固|京|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各)族$|维吾尔$/;

/** The short forms a region is written by: 湖北省 → 湖北, 广西壮族自治区 → 广西, 恩施土家族苗族自治州 → 恩施. */
export function regionShortNames(name: string): string[] {
  const names = new Set([name]);
  let bare = name.replace(/(自治区|自治州|自治县|自治旗|特别行政区)$/, '');
  if (bare !== name) for (let i = 0; i < 4 && PEOPLE.test(bare); i++) bare = bare.replace(PEOPLE, '');
  else bare = name.replace(/(省|市|地区|盟|区|县|旗|林区)$/, '');
  if (bare.length >= 2) names.add(bare);
  return [...names];
}

/**
 * A reader of places as lists write them — "湖北省襄阳市", "湖北 襄阳", "襄阳", "广东深圳", "420600" — into GB/T 2260
 * codes. The text is read as a chain of regions, each inside the one before (a level may be skipped: "湖北樊城区").
 * When several regions fit, the one that contains all the others wins ("吉林": 吉林省, which holds 吉林市); otherwise
 * the text is ambiguous ("朝阳": a city in 辽宁 and districts in 北京 and 长春) and refused. A place not in China's
 * divisions is read as a foreign country when it names one (德国, 日本, 美国, Germany, "德国慕尼黑": the country; issue
 * 15's foreign HQ, `countryFromText`), and refused otherwise. 香港, 澳门 and 台湾 are China's divisions, never countries.
 */
export function regionTextReader(regions: RegionRef[]): (text: string) => FactRead<string> {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const names = new Map(regions.map((r) => [r.code, regionShortNames(r.name)]));
  const descendants = new Map<string | null, RegionRef[]>();
  for (const r of regions) {
    for (let p = r.parentCode, depth = 0; p !== null && depth < 3; p = byCode.get(p)?.parentCode ?? null, depth++) {
      const list = descendants.get(p) ?? [];
      list.push(r);
      descendants.set(p, list);
    }
  }
  const isWithin = (code: string, ancestor: string) => {
    for (let c: string | null = code, depth = 0; c !== null && depth < 4; c = byCode.get(c)?.parentCode ?? null, depth++) if (c === ancestor) return true;
    return false;
  };
  const parse = (text: string, within: string | null): string[] => {
    const found: string[] = [];
    for (const region of within === null ? regions : (descendants.get(within) ?? [])) {
      for (const name of names.get(region.code)!) {
        if (!text.startsWith(name)) continue;
        const rest = text.slice(name.length);
        if (rest === '') found.push(region.code);
        else found.push(...parse(rest, region.code));
      }
    }
    return found;
  };
  const cache = new Map<string, FactRead<string>>();
  return (text: string) => {
    const plain = halfWidth(text)
      .replace(/[-_/·•,，、|]/g, '')
      .replace(/^(中华人民共和国|中国)/, '');
    const known = cache.get(plain);
    if (known) return known;
    let result: FactRead<string>;
    if (/^\d{6}$/.test(plain)) result = byCode.has(plain) ? { ok: true, value: plain } : fail('unknownRegion');
    else {
      const codes = [...new Set(plain ? parse(plain, null) : [])];
      const outer = codes.find((c) => codes.every((other) => isWithin(other, c)));
      const country = codes.length === 0 ? countryFromText(text) : null;
      result = country ? { ok: true, value: country.code } : codes.length === 0 ? fail('unknownRegion') : outer ? { ok: true, value: outer } : fail('ambiguousRegion');
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(plain, result);
    return result;
  };
}

// ——— A row's facts against the library ———

export type ListFactField = 'region' | 'industry' | 'capital' | 'founded' | 'listing';
export const LIST_FACT_FIELDS: ListFactField[] = ['region', 'industry', 'capital', 'founded', 'listing'];

/** What a list says of an enterprise, in the library's terms. */
export type ListFacts = { region?: string; industry?: string; capital?: number; founded?: string; listing?: Listing };
export type FactRefusal = { field: ListFactField; text: string; problem: FactProblem };

export type FactReaders = { capital: CapitalColumn; region: (text: string) => FactRead<string>; industry: (text: string) => FactRead<string> };

/** Reads a row's fact cells; a cell that cannot be read is refused for that field alone, the rest of the row stands. */
export function readRowFacts(texts: Partial<Record<ListFactField, string | null | undefined>>, readers: FactReaders): { facts: ListFacts; refusals: FactRefusal[] } {
  const facts: ListFacts = {};
  const refusals: FactRefusal[] = [];
  const take = <K extends ListFactField>(field: K, read: (text: string) => FactRead<NonNullable<ListFacts[K]>>) => {
    const text = texts[field];
    if (!text) return;
    const result = read(text);
    if (result.ok) facts[field] = result.value as ListFacts[K];
    else refusals.push({ field, text, problem: result.problem });
  };
  take('region', readers.region);
  take('industry', readers.industry);
  take('capital', (text) => readCapital(text, readers.capital));
  take('founded', readFoundedOn);
  take('listing', readListing);
  return { facts, refusals };
}

/** The library's side of the same facts (an enterprise row; a new enterprise has them all empty). */
export type LibraryFacts = {
  hqRegionCode: string | null;
  industryCodes: string[];
  registeredCapitalYuan: number | null;
  foundedOn: string | null;
  listingExchange: string | null;
  listingTicker: string | null;
};

export const EMPTY_LIBRARY_FACTS: LibraryFacts = { hqRegionCode: null, industryCodes: [], registeredCapitalYuan: null, foundedOn: null, listingExchange: null, listingTicker: null };

/**
 * What a list's fact does to the library: `write` fills an empty field; `same` leaves what the library already says
 * (equal, or more precise: 襄阳市 on record where the list says 湖北省; 3841 where it says C); `differ` is a different
 * value on record, which an import never overwrites.
 */
export type FactEffect = 'write' | 'same' | 'differ';

export function factEffect(
  field: ListFactField,
  facts: ListFacts,
  library: LibraryFacts,
  industryWithin: (code: string, outer: string) => boolean = (code, outer) => code.startsWith(outer),
): FactEffect | null {
  switch (field) {
    case 'region': {
      if (facts.region === undefined) return null;
      if (library.hqRegionCode === null) return 'write';
      return regionWithin(library.hqRegionCode, facts.region) ? 'same' : 'differ';
    }
    case 'industry': {
      if (facts.industry === undefined) return null;
      if (library.industryCodes.length === 0) return 'write';
      return library.industryCodes.some((c) => industryWithin(c, facts.industry!)) ? 'same' : 'differ';
    }
    case 'capital':
      if (facts.capital === undefined) return null;
      return library.registeredCapitalYuan === null ? 'write' : library.registeredCapitalYuan === facts.capital ? 'same' : 'differ';
    case 'founded':
      if (facts.founded === undefined) return null;
      return library.foundedOn === null ? 'write' : library.foundedOn === facts.founded ? 'same' : 'differ';
    case 'listing': {
      const listing = facts.listing;
      if (listing === undefined) return null;
      const listed = library.listingExchange !== null || library.listingTicker !== null;
      if (listing === 'notListed') return listed ? 'differ' : 'same';
      if (!listed) return 'write';
      return library.listingExchange === listing.exchange && library.listingTicker === listing.ticker ? 'same' : 'differ';
    }
  }
}

/** GB/T 2260 codes nest by their digits: 420606 (樊城区) is within 420600 (襄阳市) and 420000 (湖北省). */
function regionWithin(code: string, outer: string): boolean {
  if (code === outer) return true;
  if (outer.endsWith('0000')) return code.startsWith(outer.slice(0, 2));
  if (outer.endsWith('00')) return code.startsWith(outer.slice(0, 4));
  return false;
}

/** 注册资本 as people read it: 50000000 元 → "5,000万元", 12345678 → "1,234.5678万元". */
export function capitalText(yuan: number): string {
  const whole = Math.floor(yuan / 10_000);
  const fraction = String(yuan % 10_000).padStart(4, '0').replace(/0+$/, '');
  return whole.toLocaleString('en') + (fraction ? '.' + fraction : '') + '万元';
}
