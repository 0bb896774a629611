import type { zhCNCountOnce } from './zh-CN.countOnce.ts';

/** The English words of the count-once actions (issue 17); the same keys as zh-CN.countOnce.ts. */
export const enCountOnce: Record<keyof typeof zhCNCountOnce, string> = {
  'countOnce.title': 'Count once (Sanming rules)',
  'countOnce.hint':
    'A re-signing, a supplementary agreement or a phase inside the signed contract adds no project; an expansion counts only its increment; a change of investor stays one project. Record them here rather than as new projects.',
  'countOnce.none': 'Nothing recorded',
  'countOnce.add': 'Record a re-signing, agreement, phase, expansion or change of investor',
  'countOnce.action.resign': 'Re-signing',
  'countOnce.action.supplement': 'Supplementary agreement',
  'countOnce.action.phase': 'Phase already counted',
  'countOnce.action.expansion': 'Expansion',
  'countOnce.action.investorChange': 'Change of investor',
  'countOnce.explain.resign': 'The same investment signed again: no new project, no new signed amount',
  'countOnce.explain.supplement': 'A supplementary agreement: no new project, no new signed amount',
  'countOnce.explain.phase': 'A later phase inside the signed contract: counted with the first signing, not again',
  'countOnce.explain.expansion': 'A capital increase: only the added investment is added to the project’s total and contracted investment',
  'countOnce.explain.investorChange': 'A change of investor: still one project, now with the new investor',
  'countOnce.actionLabel': 'Kind',
  'countOnce.date': 'Date',
  'countOnce.increment': 'Added investment',
  'countOnce.incrementLabel': 'Added investment (10k yuan)',
  'countOnce.newInvestor': 'New investor',
  'countOnce.investorChanged': 'Investor: {from} → {to}',
  'countOnce.reason': 'Reason',
  'countOnce.ok': 'OK',
  'countOnce.cancel': 'Cancel',
  'countOnce.done': 'Recorded',
};
