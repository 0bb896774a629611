import type { zhCNEnterpriseScreens } from './zh-CN.enterpriseScreens.ts';

/** The English words of the 资源库 screens (issue 13); the same keys as zh-CN.enterpriseScreens.ts. */
export const enEnterpriseScreens: Record<keyof typeof zhCNEnterpriseScreens, string> = {
  'libraryScreen.allTiers': 'All lists',
  'libraryScreen.tierYear': 'List year',
  'libraryScreen.region': 'HQ region',
  'libraryScreen.allIndustries': 'All industry sections',
  'libraryScreen.allSizes': 'All sizes',
  'libraryScreen.listed': 'Listed or not',
  'libraryScreen.listed.true': 'Listed',
  'libraryScreen.listed.false': 'Not listed',
  'libraryScreen.local': 'Local or elsewhere',
  'libraryScreen.local.true': 'Local enterprises',
  'libraryScreen.local.false': 'Targets elsewhere',
  'libraryScreen.facets': 'Narrow down',
  'libraryScreen.clear': 'Clear filters',
  'libraryScreen.startLead': 'Start a lead',
  'libraryScreen.leadFor': 'Enterprise: {name}',
  'libraryScreen.leads': "Your units' leads",
  'libraryScreen.noLeads': 'Your units have no lead on this enterprise',
  'libraryScreen.projects': "Your units' projects",
  'libraryScreen.noProjects': 'Your units have no project with this enterprise',
};
