import type { zhCNEnterpriseSearch } from './zh-CN.enterpriseSearch.ts';

/** The English words of finding an enterprise (issue 13); the same keys as zh-CN.enterpriseSearch.ts. */
export const enEnterpriseSearch: Record<keyof typeof zhCNEnterpriseSearch, string> = {
  'enterpriseSearch.placeholder': 'Any two characters of a name, short or former name; pinyin or initials (ndsd); credit code start',
  'enterpriseSearch.matchedOtherName': 'Matched name: ',
  'enterpriseSearch.total': '{total} enterprise{s:total} found',
  'enterpriseSearch.totalCapped': 'More than {total} found: type more or add a filter',
  'enterpriseSearch.tiers': 'Lists',
  'enterpriseSearch.provinces': 'HQ province',
  'enterpriseSearch.industrySections': 'Industry section',
  'enterpriseSearch.local': 'Local',
  'enterpriseSearch.tier.fortune_global_500': 'Fortune Global 500',
  'enterpriseSearch.tier.china_500': 'China Top 500',
  'enterpriseSearch.tier.private_500': 'Top 500 private',
  'enterpriseSearch.tier.central_soe': 'Central SOE',
  'enterpriseSearch.tier.soe': 'State-owned',
  'enterpriseSearch.tier.listed': 'Listed',
  'enterpriseSearch.tier.little_giant': '"Little giant"',
  'enterpriseSearch.tier.srdi': 'Specialised SME',
  'enterpriseSearch.tier.high_tech': 'High-tech enterprise',
  'enterpriseSearch.tier.unicorn': 'Unicorn',
  'enterpriseSearch.tier.industry_leader': 'Industry leader',
};
