import type { zhCNImportFixes } from './zh-CN.importFixes.ts';

/** The English words of fixing a refused row in the import preview and the cockpit's industry levels (issue 16). */
export const enImportFixes = {
  'importFix.open': 'Fix',
  'importFix.openFor': 'Fix row {row}',
  'importFix.title': 'Fix the refused cells of row {row}',
  'importFix.hint':
    'Type the cell as the spreadsheet would hold it (dates like 2025-03-01, amounts in the column’s unit). The fix applies to this import only; the uploaded file is unchanged. Check again, then commit.',
  'importFix.recheck': 'Check again',
  'importFix.done': 'Checked again: {refused} row{s:refused} refused',
  'importFix.corrections': '{count} cell{s:count} fixed in the preview',
  'importFix.clear': 'Undo all fixes',
  'cockpit.industryLevel': 'Industry level',
  'cockpit.industryLevel.section': 'Section',
  'cockpit.industryLevel.division': 'Division',
  'cockpit.industryLevel.group': 'Group',
} satisfies Record<keyof typeof zhCNImportFixes, string>;
