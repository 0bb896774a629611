import { CHINA, CHINA_REGIONS_BY_ISO, normalizePlace } from './regions.ts';

/**
 * Which feature of a drawn map a heat map cell colours (issue 15). The bundled maps (data/maps/, built by
 * scripts/build-maps.ts) name each feature by its code: China's provinces and a province's cities by their GB/T 2260
 * code, the world's countries by ISO 3166-1 alpha-2. 香港, 澳门 and 台湾 are regions of China: on the world map they are
 * drawn inside China and counted in China's cell, never as countries. Pure.
 */

/** The map a view is drawn on: the world, China, or one province's (a municipality's) cities or districts. */
export type MapKey = { kind: 'world' } | { kind: 'china' } | { kind: 'province'; code: string } | { kind: 'city'; code: string };

/** The cities whose counties and districts are bundled (data/maps/city/): the demo city 襄阳. */
export const CITY_MAPS: readonly string[] = ['420600'];

/** The South China Sea islands inset of the China map, drawn as the national standard map requires. */
export const NANHAI_FEATURE = '南海诸岛';

/** A province-level code (two digits and 0000): 11…82, 港澳台 included. */
export const isProvinceCode = (code: string) => /^[1-9]\d0000$/.test(code);

/**
 * The map a heat map view is drawn on, or null when there is none: the world for `country`, China for `province`, a
 * province's map for its cities (a municipality's districts), a city's map for its counties where it is bundled
 * (CITY_MAPS). 香港, 澳门 and 台湾 below the province have no bundled map.
 */
export function mapOfView(view: { level: 'country' | 'province' | 'city' | 'county'; parent?: string | null }): MapKey | null {
  if (view.level === 'country') return { kind: 'world' };
  if (view.level === 'province') return { kind: 'china' };
  const chineseRegions: readonly string[] = Object.values(CHINA_REGIONS_BY_ISO);
  if (view.level === 'city' && view.parent && isProvinceCode(view.parent) && !chineseRegions.includes(view.parent)) return { kind: 'province', code: view.parent };
  if (view.level === 'county' && view.parent && CITY_MAPS.includes(view.parent)) return { kind: 'city', code: view.parent };
  return null;
}

/**
 * The feature a cell colours on a map, or null when the cell has no shape there (records known only as the parent
 * "=…", "unknown", a code of another level). On the world map HK, MO and TW (or their codes) are China's.
 */
export function featureOfCell(cell: string, map: MapKey): string | null {
  if (cell.startsWith('=') || cell === 'unknown') return null;
  if (map.kind === 'world') {
    if (cell === CHINA) return CHINA;
    const place = normalizePlace(cell);
    if (place === null) return null;
    return /^\d{6}$/.test(place) ? CHINA : place;
  }
  if (!/^\d{6}$/.test(cell)) return null;
  if (map.kind === 'china') return isProvinceCode(cell) ? cell : null;
  const prefix = map.kind === 'province' ? 2 : 4;
  return cell !== map.code && cell.slice(0, prefix) === map.code.slice(0, prefix) ? cell : null;
}

/** Whether an ISO code names a region of China (香港, 澳门, 台湾): never a country of the world map. */
export const isChineseRegionIso = (iso: string) => iso.toUpperCase() in CHINA_REGIONS_BY_ISO;

/** The code prefix a division covers: a province's 2 digits, a city's 4, a county's 6. */
const divisionPrefix = (code: string) => (code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code);

/**
 * The features of a map a priority region touches, to outline it (issue 15): on the world map the countries it names
 * (China for any division, 港澳台 included); on a Chinese map every feature that lies in one of its divisions or holds
 * one (长三角's 上海 and 苏州 outline 上海 and 江苏 on China, 苏州 on 江苏's map, every district on 上海's).
 */
export function outlinedFeatures(codes: readonly string[], map: MapKey, features: readonly string[]): Set<string> {
  const places = codes.map(normalizePlace).filter((place): place is string => place !== null);
  if (map.kind === 'world') {
    const countries = new Set(places.map((place) => (/^\d{6}$/.test(place) ? CHINA : place)));
    return new Set(features.filter((feature) => countries.has(feature)));
  }
  const prefixes = places.filter((place) => /^\d{6}$/.test(place)).map(divisionPrefix);
  return new Set(
    features.filter((feature) => /^\d{6}$/.test(feature) && prefixes.some((prefix) => feature.startsWith(prefix) || prefix.startsWith(divisionPrefix(feature)))),
  );
}
