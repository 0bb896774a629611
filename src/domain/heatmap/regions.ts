import { inRegionPreset, type RegionPreset } from '../chains/candidates.ts';

/**
 * The heat map's regions (issue 15, domain.md §7): where a record comes from — its investor's ultimate parent's HQ,
 * a GB/T 2260 code or, abroad, an ISO 3166-1 country — rolled up county → city → province → China, or into the
 * presets (京津冀 … 欧美, 日韩, 东盟, 一带一路). 香港, 澳门 and 台湾 are regions of China, never countries. Pure: the
 * caller hands over the division tree it has read.
 */

/** A division as the tree knows it: its parent, null for a province (or an autonomous region, a municipality …). */
export type Division = { code: string; parentCode: string | null };
export type DivisionIndex = ReadonlyMap<string, Division>;

export const CHINA = 'CN';
export const UNKNOWN = 'unknown';

/** 香港, 澳门, 台湾 by their ISO codes: regions of China, with their GB/T 2260 codes. */
export const CHINA_REGIONS_BY_ISO: Readonly<Record<string, string>> = { HK: '810000', MO: '820000', TW: '710000' };

/**
 * 一带一路: the 64 countries along the Belt and Road besides China as the 2015 statistics count them (商务部
 * “一带一路沿线国家”: 蒙古; ASEAN 10; West Asia 18 with Egypt; South Asia 8; Central Asia 5; CIS 7; Central and
 * Eastern Europe 16). Greece and Cyprus are also in 欧美; a preset may overlap another.
 */
export const BELT_AND_ROAD: RegionPreset = {
  key: '一带一路',
  nameEn: 'the Belt and Road',
  codes: [
    'MN',
    ...['SG', 'MY', 'ID', 'MM', 'TH', 'LA', 'KH', 'VN', 'BN', 'PH'],
    ...['IR', 'IQ', 'TR', 'SY', 'JO', 'LB', 'IL', 'PS', 'SA', 'YE', 'OM', 'AE', 'QA', 'KW', 'BH', 'GR', 'CY', 'EG'],
    ...['IN', 'PK', 'BD', 'AF', 'NP', 'BT', 'LK', 'MV'],
    ...['KZ', 'UZ', 'TM', 'KG', 'TJ'],
    ...['RU', 'UA', 'BY', 'GE', 'AZ', 'AM', 'MD'],
    ...['PL', 'LT', 'EE', 'LV', 'CZ', 'SK', 'HU', 'SI', 'HR', 'BA', 'ME', 'RS', 'AL', 'RO', 'BG', 'MK'],
  ],
};

const isDivisionCode = (place: string) => /^\d{6}$/.test(place);

/**
 * A source place as written (a GB/T 2260 code, an ISO country code in either case, "CN") → the place the map counts
 * it at: HK/MO/TW become their Chinese region codes, a country code is upper-cased; anything else is unknown (null).
 */
export function normalizePlace(place: string | null | undefined): string | null {
  const typed = place?.trim();
  if (!typed) return null;
  if (isDivisionCode(typed)) return typed;
  if (!/^[A-Za-z]{2}$/.test(typed)) return null;
  const iso = typed.toUpperCase();
  return CHINA_REGIONS_BY_ISO[iso] ?? iso;
}

/** The country of a place: China for every division code (港澳台 included), the place itself for a country code. */
export function countryOf(place: string | null): string | null {
  const normalized = normalizePlace(place);
  if (normalized === null) return null;
  return isDivisionCode(normalized) ? CHINA : normalized;
}

/**
 * The chain of divisions from the province down to the place: by the tree's parent links, or, for a code the tree
 * does not hold, by its prefixes: its province (2 digits), its city (4) when the tree holds that city. Bounded at three levels.
 */
export function divisionChain(code: string, index: DivisionIndex): string[] {
  if (!index.has(code)) {
    const province = `${code.slice(0, 2)}0000`;
    const city = `${code.slice(0, 4)}00`;
    const chain = [province];
    if (city !== province && index.has(city)) chain.push(city);
    if (code !== city && code !== province) chain.push(code);
    return chain;
  }
  const chain: string[] = [];
  let current: string | null = code;
  for (let depth = 0; current !== null && depth < 3 && !chain.includes(current); depth++) {
    chain.unshift(current);
    current = index.get(current)?.parentCode ?? null;
  }
  return chain;
}

/** Whether a place lies in a region: a country (CN holds 港澳台), a division and everything below it. */
export function inRegion(place: string | null, region: string, index: DivisionIndex): boolean {
  const normalized = normalizePlace(place);
  if (normalized === null) return region === UNKNOWN;
  if (region === CHINA) return isDivisionCode(normalized);
  if (!isDivisionCode(region)) return normalized === region;
  return isDivisionCode(normalized) && divisionChain(normalized, index).includes(region);
}

export type MapView =
  /** The world: one cell per country, China holding 港澳台; places not known are the cell "unknown". */
  | { level: 'country' }
  /** China: one cell per province-level division (香港, 澳门, 台湾 among them). */
  | { level: 'province' }
  /** Inside a division: one cell per division directly below it, and "=parent" for places known only as the parent. */
  | { level: 'city' | 'county'; parent: string };

/** The cell of a view a place is counted in, or null when the place lies outside the view. */
export function cellOf(place: string | null, view: MapView, index: DivisionIndex): string | null {
  const normalized = normalizePlace(place);
  if (view.level === 'country') return normalized === null ? UNKNOWN : countryOf(normalized);
  if (normalized === null || !isDivisionCode(normalized)) return null;
  const chain = divisionChain(normalized, index);
  if (view.level === 'province') return chain[0]!;
  const at = chain.indexOf(view.parent);
  if (at < 0) return null;
  return at === chain.length - 1 ? `=${view.parent}` : chain[at + 1]!;
}

/** The presets a place lies in (a preset may overlap another: 希腊 is in 欧美 and 一带一路). */
export function presetsOf(place: string | null, presets: readonly RegionPreset[]): string[] {
  const normalized = normalizePlace(place);
  if (normalized === null) return [];
  return presets
    .filter((preset) => (isDivisionCode(normalized) ? inRegionPreset(normalized, preset) : preset.codes.includes(normalized)))
    .map((preset) => preset.key);
}

/** A record placed on the map: where it comes from and what it adds, in hundredths (a split credit adds 0.5). */
export type Placed = { place: string | null; hundredths: number };

/** The view's cells with the hundredths their records add up to; a cell with nothing in it is not listed. */
export function rollUp(records: readonly Placed[], view: MapView, index: DivisionIndex): Map<string, number> {
  const cells = new Map<string, number>();
  for (const record of records) {
    const cell = cellOf(record.place, view, index);
    if (cell !== null) cells.set(cell, (cells.get(cell) ?? 0) + record.hundredths);
  }
  return cells;
}

/** Each preset's hundredths: every record in it counts, so presets that overlap do not add up to the whole. */
export function rollUpPresets(records: readonly Placed[], presets: readonly RegionPreset[]): Map<string, number> {
  const totals = new Map<string, number>(presets.map((p) => [p.key, 0]));
  for (const record of records) for (const key of presetsOf(record.place, presets)) totals.set(key, totals.get(key)! + record.hundredths);
  return totals;
}
