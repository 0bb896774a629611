import type { zhCNEnterpriseLists } from './zh-CN.enterpriseLists.ts';

/** The English words of 导入名单 (issue 13); the same keys as zh-CN.enterpriseLists.ts. */
export const enEnterpriseLists: Record<keyof typeof zhCNEnterpriseLists, string> = {
  'enterpriseLists.open': 'Import a list',
  'enterpriseLists.title': 'Import an enterprise list',
  'enterpriseLists.hint':
    'Upload a list (xlsx or csv, GBK or UTF-8): a Fortune Global 500, a batch of SRDI "little giants", a park\'s enterprises. Each row matches an enterprise of the library by credit code, then by name or other name (有限公司 / 股份有限公司 and either kind of bracket count as the same); the others are added.',
  'enterpriseLists.list': 'List',
  'enterpriseLists.year': 'Year',
  'enterpriseLists.batch': 'Batch (optional)',
  'enterpriseLists.file': 'Choose a file',
  'enterpriseLists.preview': 'Preview',
  'enterpriseLists.commit': 'Import',
  'enterpriseLists.revert': 'Revert this import',
  'enterpriseLists.summary': '{rows} rows: {byCode} matched by code, {byName} by name, {new} new, {alreadyOnList} already on the list, {refused} refused',
  'enterpriseLists.row': 'Row',
  'enterpriseLists.name': 'Name on the list',
  'enterpriseLists.match': 'Match',
  'enterpriseLists.match.code': 'By code',
  'enterpriseLists.match.name': 'By name',
  'enterpriseLists.match.new': 'New',
  'enterpriseLists.onRecord': 'In the library',
  'enterpriseLists.alreadyOnList': 'Already on the list',
  'enterpriseLists.refusals': 'Refused rows (correct them and upload again)',
  'enterpriseLists.committed': 'Imported: {tiers} list entries, {enterprises} new enterprises',
  'enterpriseLists.reverted': 'Reverted',
  'enterpriseLists.firstRows': 'The first {count} rows only',
};
