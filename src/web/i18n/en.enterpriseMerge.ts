import type { zhCNEnterpriseMerge } from './zh-CN.enterpriseMerge.ts';

/** The English words of merging duplicate enterprises (issue 13); the same keys as zh-CN.enterpriseMerge.ts. */
export const enEnterpriseMerge: Record<keyof typeof zhCNEnterpriseMerge, string> = {
  'enterpriseMerge.title': 'Merge a duplicate',
  'enterpriseMerge.hint':
    "Choose another record of the same enterprise: its projects, leads, visits, contacts, subsidiaries, other names and list entries move to this one, and its name becomes a former name here; this enterprise's facts stay as they are.",
  'enterpriseMerge.choose': 'Duplicate to merge',
  'enterpriseMerge.willMove': 'Will move:',
  'enterpriseMerge.kind.projects': 'projects',
  'enterpriseMerge.kind.leads': 'leads',
  'enterpriseMerge.kind.visits': 'visits',
  'enterpriseMerge.kind.contacts': 'contacts',
  'enterpriseMerge.kind.subsidiaries': 'subsidiaries',
  'enterpriseMerge.kind.names': 'other names',
  'enterpriseMerge.kind.tiers': 'list entries',
  'enterpriseMerge.kind.chainPlacements': 'chain placements',
  'enterpriseMerge.kind.chainRejections': "'not a fit' marks",
  'enterpriseMerge.tiersKept': '{count} entries of a list and year this enterprise already has stay on the duplicate',
  'enterpriseMerge.closedMonths': 'Closed months {months} are touched: the merge is a correction; give the reason',
  'enterpriseMerge.reason': 'Reason',
  'enterpriseMerge.confirm': 'Merge',
  'enterpriseMerge.confirmTitle': 'Merge "{name}" into this enterprise? It can be undone.',
  'enterpriseMerge.done': 'Merged',
  'enterpriseMerge.mergedInto': 'Merged into',
  'enterpriseMerge.mergedIntoBy': 'Merged on {at} by {by}. This record is read-only: record new leads, visits and projects on the enterprise it was merged into',
  'enterpriseMerge.someone': '(not recorded)',
  'enterpriseMerge.history': 'Merges',
  'enterpriseMerge.entry': '"{merged}" merged into "{survivor}"',
  'enterpriseMerge.undone': 'Undone',
  'enterpriseMerge.undo': 'Undo merge',
  'enterpriseMerge.undoTitle': 'Undo this merge? The records it moved go back to "{name}".',
  'enterpriseMerge.undoDone': 'Merge undone',
};
