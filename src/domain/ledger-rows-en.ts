import type { LedgerField } from './ledger-columns.ts';
import type { LedgerProblem } from './ledger-rows.ts';

/**
 * A refused row's sentence on the English screen (issue 16): the same problem as describeProblem() writes in Chinese,
 * "Row 12, Signing date: '2023.13.1' is not a valid date". The error file a unit downloads stays Chinese, as the
 * ledger itself is. The cell as written and the names it refers to (units, enterprises) stay as they are.
 */
export const FIELD_NAMES_EN: Record<LedgerField, string> = {
  serial: 'Serial number',
  systemId: 'System id',
  code: 'Project code',
  name: 'Project name',
  investorName: 'Investor',
  creditCode: 'Credit code',
  sourceRegion: 'Investor’s region',
  totalInvestment: 'Total investment',
  contractInvestment: 'Contracted investment',
  signedOn: 'Signing date',
  registeredOn: 'Registration date',
  startedOn: 'Start date',
  producingOn: 'Production date',
  inStatsOn: 'Statistics entry date',
  unit: 'Unit',
  industry: 'Industry',
  localIndustry: 'Local industry',
  progress: 'Progress',
  leader: 'Leader in charge',
  note: 'Note',
};

const PROBLEM_WORDS_EN: Record<string, string> = {
  required: 'is required',
  'amount.notAnAmount': 'is not a valid amount',
  'amount.negative': 'cannot be negative',
  'amount.tooPrecise': 'has too many decimals',
  'amount.tooLarge': 'is too large',
  'amount.foreignCurrency':
    'is in a foreign currency (the header, the unit line or the cell names US dollars, HK dollars…): amounts are in yuan, so convert it to 万元 before importing, or leave the column out of the mapping',
  'date.notADate': 'is not a valid date',
  'date.noYear': 'has no year, and the header names none',
  'date.beforeSigning': 'is before the signing date',
  'date.beforeStart': 'is before the start date',
  'creditCode.invalid': 'is not a valid unified social credit code',
  'stage.unknown': 'is not a progress word the system knows',
  'systemId.invalid': 'is not a valid system id',
  'systemId.unknown': 'does not exist or is outside your units',
  'date.future': 'is in the future',
  'date.beforePrevious': 'is before the previous stage’s date',
  'stage.notForward': 'conflicts with the order of the project’s stages',
  'unit.unknown': 'is not in the list of units',
  'unit.ambiguous': 'matches several units; write the full name or put the unit above before it: {detail}',
  'unit.outOfScope': 'is outside your units',
  'project.otherUnit':
    'is a project {detail} has recorded (same investor, same project name): an import neither changes nor duplicates another unit’s project, so delete the row; if the project should come to your unit, ask the bureau to change the unit where it lands',
  'unit.conflict':
    'differs from the project’s unit {detail}: an import does not move projects between units, so write {detail} or delete the row; to change the unit where it lands, do it on the project page (recorded on its own)',
  'code.taken': 'is already used by another unit’s project',
  'enterprise.merged': 'the enterprise has been merged into {detail}; write that one instead',
  'row.duplicate': 'is the same project as a row above',
  'row.duplicateOtherSheet':
    'is the same project as a row on another sheet: a project is imported from one row only. Merge the two rows (e.g. put the start date into the signing sheet’s row), or import the two sheets one after the other (the second updates the same project)',
  'row.closedMonth': 'falls in a closed month: an import cannot change a closed period; correct it on the project page, with the reason',
  'projectMerge.projectMerged': 'the bureau merged this project into another after review, so its stage no longer changes: delete the row, or ask the bureau to undo the merge first',
};

/** "Row 12", or on a workbook of several sheets "Sheet “往年签约今年开工”, row 12". */
export function rowLabelEn(row: { sheet?: string; rowNumber: number }): string {
  return row.sheet !== undefined ? `Sheet “${row.sheet}”, row ${row.rowNumber}` : `Row ${row.rowNumber}`;
}

/** "Row 12, Signing date: '2023.13.1' is not a valid date". */
export function describeProblemEn(problem: LedgerProblem): string {
  const words = PROBLEM_WORDS_EN[problem.code] ?? problem.code;
  // A record's id is written "（#3）" in the Chinese sentence and " (#3)" in the English one.
  const detail = problem.detail?.replace(/（#(\d+)）$/, ' (#$1)');
  return `${rowLabelEn(problem)}, ${FIELD_NAMES_EN[problem.field]}: '${problem.raw}' ${detail !== undefined ? words.replaceAll('{detail}', detail) : words}`;
}

/** Every problem code the Chinese sentences know has its English sentence (checked by ledger-rows-en.test.ts). */
export const PROBLEM_CODES_EN = Object.keys(PROBLEM_WORDS_EN);
