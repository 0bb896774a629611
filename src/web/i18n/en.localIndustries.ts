import type { zhCNLocalIndustries } from './zh-CN.localIndustries.ts';

/** English words of the local industry list: exactly the keys of zh-CN.localIndustries.ts. */
export const enLocalIndustries: Record<keyof typeof zhCNLocalIndustries, string> = {
  'nav.localIndustries': 'Local industries',
  'localIndustry.field': 'Local industry',
  'localIndustry.fieldHint': "The city's own word for the industry (e.g. smart manufacturing); pick one from the list or type another",
  'localIndustry.name': 'Name',
  'localIndustry.namePlaceholder': 'e.g. 智能制造',
  'localIndustry.industryCode': 'GB/T 4754 industry',
  'localIndustry.industryCodeHint': 'The industry code an import records for this word; leave empty if unsure',
  'localIndustry.synonyms': 'Other spellings',
  'localIndustry.synonymsHint': 'Other ways ledgers write it; press Enter after each',
  'localIndustry.active': 'Active',
  'localIndustry.inactive': 'Inactive',
  'localIndustry.create': 'Add industry',
  'localIndustry.edit': 'Edit',
  'localIndustry.created': 'Added "{name}"',
  'localIndustry.saved': 'Saved "{name}"',
  'localIndustry.count': '{count} in all',
  'localIndustry.none': 'No local industries yet',
  'localIndustry.hint':
    "The city's own industry words, such as its leading industries. When a ledger's industry column writes one of these names or spellings, the project gets it as its local industry and, through the mapping here, its GB/T 4754 code, with no warning; other words are kept as written and summarised in the import preview. Kept by the bureau, seen by every unit.",
  'localIndustry.unknownTitle': "These industry words are not on the city's list: kept as written as the local industry, with no GB/T 4754 code",
  'localIndustry.unknownRows': '"{word}" ({rows} rows)',
  'localIndustry.addToList': 'Add to the list',
  'localIndustry.added': 'Added "{name}" to the list; check the ledger again',
};
