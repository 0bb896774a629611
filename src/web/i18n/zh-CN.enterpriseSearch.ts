/**
 * The Chinese words of finding an enterprise (issue 13): the search results on the enterprise list and the picker.
 * Spread into zh-CN.ts; en.enterpriseSearch.ts must have the same keys.
 */
export const zhCNEnterpriseSearch = {
  'enterpriseSearch.placeholder': '名称、简称、曾用名的任意两字，拼音或首字母（如 ndsd），信用代码开头',
  'enterpriseSearch.matchedOtherName': '匹配名称：',
  'enterpriseSearch.total': '找到 {total} 家企业',
  'enterpriseSearch.totalCapped': '找到 {total} 家以上，请输入更多字或加筛选条件',
  'enterpriseSearch.tiers': '榜单',
  'enterpriseSearch.provinces': '总部省份',
  'enterpriseSearch.industrySections': '行业门类',
  'enterpriseSearch.local': '本地企业',
  'enterpriseSearch.tier.fortune_global_500': '世界500强',
  'enterpriseSearch.tier.china_500': '中国500强',
  'enterpriseSearch.tier.private_500': '民企500强',
  'enterpriseSearch.tier.central_soe': '央企',
  'enterpriseSearch.tier.soe': '国企',
  'enterpriseSearch.tier.listed': '上市公司',
  'enterpriseSearch.tier.little_giant': '专精特新“小巨人”',
  'enterpriseSearch.tier.srdi': '专精特新中小企业',
  'enterpriseSearch.tier.high_tech': '高新技术企业',
  'enterpriseSearch.tier.unicorn': '独角兽',
  'enterpriseSearch.tier.industry_leader': '行业龙头',
};
