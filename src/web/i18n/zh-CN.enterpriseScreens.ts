/**
 * The Chinese words of the 资源库 screens (issue 13): the list's filters and facets, the enterprise page's own work
 * with the enterprise and 发起线索. Spread into zh-CN.ts; en.enterpriseScreens.ts must have the same keys.
 */
export const zhCNEnterpriseScreens = {
  'libraryScreen.allTiers': '全部榜单',
  'libraryScreen.tierYear': '榜单年份',
  'libraryScreen.region': '总部地区',
  'libraryScreen.allIndustries': '全部行业门类',
  'libraryScreen.allSizes': '全部规模',
  'libraryScreen.listed': '是否上市',
  'libraryScreen.listed.true': '上市',
  'libraryScreen.listed.false': '未上市',
  'libraryScreen.local': '本地或外地',
  'libraryScreen.local.true': '本地企业',
  'libraryScreen.local.false': '外地目标',
  'libraryScreen.facets': '按类别筛选',
  'libraryScreen.clear': '清除筛选',
  'libraryScreen.startLead': '发起线索',
  'libraryScreen.leadFor': '企业：{name}',
  'libraryScreen.leads': '本单位的线索',
  'libraryScreen.noLeads': '本单位暂无该企业的线索',
  'libraryScreen.projects': '本单位的项目',
  'libraryScreen.noProjects': '本单位暂无该企业的项目',
};
