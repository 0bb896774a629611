import type { zhCNLists } from './zh-CN.lists.ts';

/** The English words of the tables a clerk uses all day (issue 16); same keys as zh-CN.lists.ts. */
export const enLists = {
  'columns.settings': 'Columns',
  'columns.settingsHint': 'Choose the columns to show (key columns always show); remembered per user in this browser',
  'columns.reset': 'Reset',
  'columns.always': ' (always shown)',
  'table.pageSum': 'Sum of the {count} rows on this page',
  'table.pageSumHint': 'Only the rows listed on this page, not the total of every filtered row',
  'supervision.groupByUnit': 'Group by unit',
  'supervision.unitCounts': 'Items per unit (every filtered row)',
  'supervision.unitCount': '{unit}: {total}, {overdue} overdue',
  'supervision.unitGroup': '{unit} — {total} in all, {overdue} overdue',
  'supervision.unitGroupContinued': ' ({shown} on this page)',
  'supervision.remind': 'Remind now',
  'supervision.remindedToday': 'Reminded today',
  'supervision.reminded': 'Reminder sent for {project} to {recipients}',
  'supervision.recipientsUnitOnly': 'the unit (no responsible officer named)',
  'supervision.recipientsBoth': 'the unit and the responsible officer',
  'supervision.officerMissing': 'No responsible officer',
  'supervision.officerMissingHint': 'Reminders reach only the unit, no one in person; name a responsible officer on the project',
  'supervision.officerMissingCount': '{count} items on this page have no responsible officer: their reminders reach only the unit.',
  'card.dueDate': 'Due',
  'card.investment': 'Total investment',
  'card.responsible': 'Responsible',
  'supervision.ruleDetail': '{rule}: {detail}',
} satisfies Record<keyof typeof zhCNLists, string>;
