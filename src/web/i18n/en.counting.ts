import type { zhCNCounting } from './zh-CN.counting.ts';

/** The English words of the cockpit's counting basis (issue 17); the same keys as zh-CN.counting.ts. */
export const enCounting: Record<keyof typeof zhCNCounting, string> = {
  'counting.label': 'Counting',
  'counting.reported': 'As reported',
  'counting.confirmed': 'As verified',
  'counting.compare': 'Side by side',
  'counting.hint':
    'The bureau verifies stage changes: “as reported” counts every reported change, “as verified” only the verified ones; side by side shows both, the difference awaiting verification.',
  'counting.reportedShort': 'Reported',
  'counting.confirmedShort': 'Verified',
} satisfies Record<string, string>;
