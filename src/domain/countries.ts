/**
 * Foreign countries an enterprise's HQ may lie in (issue 15, "foreign HQ"): ISO 3166-1 alpha-2, the 249 officially
 * assigned codes less China's — CN itself, and 香港, 澳门, 台湾 (HK, MO, TW), which are China's regions 810000, 820000
 * and 710000 and never countries. Names come from the platform's `Intl.DisplayNames` (Chinese and English), so no
 * names are kept here; the reader of list cells adds the few everyday names it does not give (美利坚合众国, USA, UK…).
 * Pure.
 */

const ISO_3166_1 =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

/** China and its three regions written as countries: never a foreign HQ. */
export const CHINA_ISO_CODES: readonly string[] = ['CN', 'HK', 'MO', 'TW'];

/** Every foreign country's code, in alphabetical order. */
export const FOREIGN_COUNTRY_CODES: readonly string[] = ISO_3166_1.split(' ').filter((code) => !CHINA_ISO_CODES.includes(code));

const FOREIGN = new Set(FOREIGN_COUNTRY_CODES);

/** Whether a code is a foreign country's (upper-case ISO 3166-1 alpha-2; CN, HK, MO and TW are not). */
export function isForeignCountry(code: string | null | undefined): code is string {
  return typeof code === 'string' && FOREIGN.has(code);
}

/** What an HQ code is: a division of China (GB/T 2260, 6 digits), a foreign country, or neither. */
export function hqKind(code: string): 'division' | 'country' | null {
  if (/^\d{6}$/.test(code)) return 'division';
  return isForeignCountry(code) ? 'country' : null;
}

type Names = { zh: Intl.DisplayNames; en: Intl.DisplayNames };
let names: Names | undefined;
const displayNames = (): Names =>
  (names ??= { zh: new Intl.DisplayNames(['zh-CN'], { type: 'region' }), en: new Intl.DisplayNames(['en'], { type: 'region' }) });

/** A foreign country's name in Chinese and English (德国 / Germany); null for anything else. */
export function countryName(code: string): { zh: string; en: string } | null {
  if (!isForeignCountry(code)) return null;
  const n = displayNames();
  return { zh: n.zh.of(code) ?? code, en: n.en.of(code) ?? code };
}

/** Everyday names the platform's names leave out, compared as `nameKey` does. */
const ALIASES: Readonly<Record<string, string>> = {
  美利坚合众国: 'US', 美國: 'US', usa: 'US', us: 'US', unitedstatesofamerica: 'US', america: 'US',
  英国: 'GB', 英國: 'GB', 大不列颠及北爱尔兰联合王国: 'GB', uk: 'GB', greatbritain: 'GB', britain: 'GB', england: 'GB', unitedkingdomofgreatbritainandnorthernireland: 'GB',
  德意志联邦共和国: 'DE', 德國: 'DE', 日本国: 'JP', 大韩民国: 'KR', 南韩: 'KR', 韓國: 'KR', korea: 'KR', republicofkorea: 'KR', southkorea: 'KR',
  法兰西共和国: 'FR', 法國: 'FR', 新加坡共和国: 'SG', 荷兰王国: 'NL', holland: 'NL', thenetherlands: 'NL',
  瑞士联邦: 'CH', 意大利共和国: 'IT', 西班牙王国: 'ES', 瑞典王国: 'SE', 泰王国: 'TH', 马来西亚联邦: 'MY', 越南社会主义共和国: 'VN',
  俄罗斯联邦: 'RU', russianfederation: 'RU', czechrepublic: 'CZ', 捷克共和国: 'CZ', 印度共和国: 'IN', 印度尼西亚共和国: 'ID',
  蒙古国: 'MN', 阿联酋: 'AE', uae: 'AE', 沙特: 'SA', 新西兰: 'NZ', 澳洲: 'AU', 澳大利亚联邦: 'AU', 加拿大联邦: 'CA',
  菲律宾共和国: 'PH', 以色列国: 'IL', 土耳其共和国: 'TR', turkey: 'TR', 卢森堡大公国: 'LU', 丹麦王国: 'DK', 挪威王国: 'NO', 芬兰共和国: 'FI',
  奥地利共和国: 'AT', 比利时王国: 'BE', 爱尔兰共和国: 'IE', 葡萄牙共和国: 'PT', 波兰共和国: 'PL', 匈牙利共和国: 'HU',
};

/** A name as compared: letters lower-cased, spaces, dots, hyphens and brackets dropped, full-width letters made half-width. */
function nameKey(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s\u3000.\-'’()（）·&]/g, '');
}

let byName: Map<string, string> | undefined;
function namesIndex(): Map<string, string> {
  if (byName) return byName;
  const n = displayNames();
  byName = new Map();
  for (const code of FOREIGN_COUNTRY_CODES) {
    for (const name of [n.zh.of(code), n.en.of(code)]) if (name && name !== code) byName.set(nameKey(name), code);
    byName.set(code.toLowerCase(), code);
  }
  for (const [alias, code] of Object.entries(ALIASES)) byName.set(nameKey(alias), code);
  // "us" is also English for 美国 but "in", "it", "no" … as codes are kept: a cell holding only them means the country.
  return byName;
}

/**
 * A foreign country as a list or a form writes it — 德国, 日本, 美国, Germany, United States, DE, 德国慕尼黑, Munich,
 * Germany — with the city when the text names one after (or, in English, before) the country. Null when the text names
 * no foreign country (China's places, 香港, 台湾 included, are read by the region reader).
 */
export function countryFromText(text: string): { code: string; city: string | null } | null {
  const index = namesIndex();
  const trimmed = text.trim();
  const whole = index.get(nameKey(trimmed));
  if (whole) return { code: whole, city: null };
  // "德国慕尼黑", "德国·慕尼黑", "德国 慕尼黑": the country first, the longest name that fits.
  const key = nameKey(trimmed);
  let best: { code: string; length: number } | null = null;
  for (const [name, code] of index) {
    if (name.length < 2 || !/[^\x00-\x7f]/.test(name)) continue;
    if (key.startsWith(name) && (!best || name.length > best.length)) best = { code, length: name.length };
  }
  if (best) {
    const chars = [...trimmed];
    // The city is what follows the country's name in the text as written (separators trimmed).
    let seen = 0;
    let at = 0;
    while (at < chars.length && seen < best.length) {
      if (nameKey(chars[at]!) !== '') seen++;
      at++;
    }
    const city = chars.slice(at).join('').replace(/^[\s\u3000,，、·\-/]+/, '').trim();
    return { code: best.code, city: city || null };
  }
  // "Munich, Germany": the country after the last comma.
  const comma = trimmed.split(/[,，]/);
  if (comma.length >= 2) {
    const code = index.get(nameKey(comma[comma.length - 1]!));
    const city = comma.slice(0, -1).join(',').trim();
    if (code) return { code, city: city || null };
  }
  return null;
}
