import { englishDivisionName } from '../../domain/heatmap/english-names.ts';
import type { TRegion } from '../../shared/regions.ts';
import { findRegion } from './regions.service.ts';

/**
 * A division's full name in English, smallest first as English addresses write it (issue 16): 襄城区 of 襄阳市 of
 * 湖北省 → "Xiangcheng District, Xiangyang, Hubei". Each part by the heat map's English names (provinces as maps
 * print them, the rest by pinyin with the kind in English).
 */
export function englishFullName(code: string): string | null {
  const parts: string[] = [];
  for (let region = findRegion(code); region; region = region.parentCode ? findRegion(region.parentCode) : undefined) {
    parts.push(englishDivisionName(region.code, region.name));
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The region as the API serves it: with its English full name beside the Chinese. */
export function withEnglishName(region: TRegion): TRegion & { fullNameEn: string } {
  return { ...region, fullNameEn: englishFullName(region.code) ?? region.fullName };
}
