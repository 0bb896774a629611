import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RegionPreset } from '../../domain/chains/candidates.ts';

/**
 * Priority source regions (domain.md §7): the default presets of data/region-presets.json — economic regions by
 * GB/T 2260 codes (京津冀, 长三角, 粤港澳大湾区…) and overseas ones by ISO country codes (欧美, 日韩, 东盟). Read once.
 */
const FILE = fileURLToPath(new URL('../../../data/region-presets.json', import.meta.url));

const ENGLISH: Record<string, string> = {
  京津冀: 'Beijing-Tianjin-Hebei',
  长三角: 'the Yangtze River Delta',
  粤港澳大湾区: 'the Greater Bay Area',
  成渝地区: 'Chengdu-Chongqing',
  闽东南: 'Southeast Fujian',
  '中原城市群（核心）': 'the Central Plains (core)',
  欧美: 'Europe and North America',
  日韩: 'Japan and Korea',
  东盟: 'ASEAN',
};

/**
 * Keys the file once had: 中原城市群(核心) was written with ASCII brackets before Chinese text took Chinese punctuation
 * (issue 16). The bureau's stored weights and a bookmarked heat-map cell may still name it so; both read it as today's key.
 */
const FORMER_KEYS: Record<string, string> = { '中原城市群(核心)': '中原城市群（核心）' };

/** A preset key as today's file names it (a former spelling mapped to its current one; any other key unchanged). */
export function currentPresetKey(key: string): string {
  return FORMER_KEYS[key] ?? key;
}

let presets: Map<string, RegionPreset> | undefined;

export function regionPresets(): ReadonlyMap<string, RegionPreset> {
  if (presets) return presets;
  const file = JSON.parse(readFileSync(FILE, 'utf8')) as { china: Record<string, string[]>; overseas: Record<string, string[]> };
  presets = new Map();
  for (const [key, codes] of [...Object.entries(file.china), ...Object.entries(file.overseas)]) {
    presets.set(key, { key, nameEn: ENGLISH[key] ?? key, codes });
  }
  return presets;
}
