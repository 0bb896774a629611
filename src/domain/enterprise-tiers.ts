/**
 * The lists an enterprise may be on (issue 13, domain.md §7), each entry dated by the list's year: "who was on which
 * list when". `ranked` lists carry a rank (2024 世界500强 #12); the others may carry a batch (第五批).
 */
export const TIER_LISTS = {
  fortune_global_500: { zh: '世界500强', en: 'Fortune Global 500', ranked: true },
  china_500: { zh: '中国500强', en: 'China Top 500', ranked: true },
  private_500: { zh: '民企500强', en: 'China Top 500 Private', ranked: true },
  industry_leader: { zh: '行业龙头', en: 'Industry leader', ranked: true },
  central_soe: { zh: '央企', en: 'Central SOE', ranked: false },
  soe: { zh: '国企', en: 'State-owned', ranked: false },
  listed: { zh: '上市公司', en: 'Listed company', ranked: false },
  little_giant: { zh: '专精特新"小巨人"', en: 'SRDI "little giant"', ranked: false },
  srdi: { zh: '专精特新中小企业', en: 'SRDI SME', ranked: false },
  high_tech: { zh: '高新技术企业', en: 'High-tech enterprise', ranked: false },
  unicorn: { zh: '独角兽', en: 'Unicorn', ranked: false },
} as const;

export type TierList = keyof typeof TIER_LISTS;
export const TIER_LIST_CODES = Object.keys(TIER_LISTS) as [TierList, ...TierList[]];

export type TierEntry = { list: TierList; year: number; rank: number | null; batch: string | null };

/** A tier entry as people write it: "2024 世界500强 第12位", "2023 专精特新"小巨人" 第五批". */
export function tierLabel(entry: TierEntry, language: 'zh' | 'en'): string {
  const list = TIER_LISTS[entry.list][language];
  const parts = [String(entry.year), list];
  if (entry.rank !== null) parts.push(language === 'zh' ? `第${entry.rank}位` : `#${entry.rank}`);
  if (entry.batch) parts.push(entry.batch);
  return parts.join(' ');
}

/** The entries newest year first, then in the lists' order: the history as the detail page shows it. */
export function tierHistory<T extends TierEntry>(entries: T[]): T[] {
  const order = new Map(TIER_LIST_CODES.map((code, i) => [code, i]));
  return [...entries].sort((a, b) => b.year - a.year || order.get(a.list)! - order.get(b.list)!);
}

/**
 * Whether an enterprise counts as 世界500强 for the assessment's bonus: on the latest 世界500强 list on record in the
 * city, or the one before it. The year before counts so that a new year's list, typed in one enterprise at a time,
 * does not take the bonus from those not yet entered; an enterprise off the list for two years no longer counts.
 */
export function countsAsFortuneGlobal500(enterpriseYears: number[], latestYearOnRecord: number | null): boolean {
  if (latestYearOnRecord === null) return false;
  return enterpriseYears.some((year) => year >= latestYearOnRecord - 1);
}
