import type { IsoDate } from './calendar.ts';
import { furthestStage } from './deadlines.ts';
import type { LedgerProblem, LedgerRecord } from './ledger-rows.ts';
import type { LedgerField } from './ledger-columns.ts';
import type { LedgerWarning } from './ledger-warnings.ts';
import { closedMonthOf, closedMonthsOfProject, type ClosedThrough, type MetricDates } from './month-close.ts';
import { foldProgress, type StageEvent } from './stage-history.ts';
import { stageIndex, type ProjectStage, type ProjectState } from './stages.ts';
import { checkTransition, transitionKind, type StageEvidence, type TransitionKind } from './transitions.ts';

/**
 * What importing one ledger row does to the project it stands for (issue 4): create it, change some of its
 * fields and append the stages the ledger dates, or nothing. Pure: the service resolves names to ids first.
 *
 * Decisions (docs/decisions.md, "Ledger imports"):
 *  - a blank cell never clears a value: ledgers leave cells blank for "unknown", not for "none";
 *  - stage history is appended, never rewritten: a date that differs from the recorded one is a warning that
 *    points to the project page's correction, and an imported stage carries the ledger row as its evidence;
 *  - a progress word ("已投产") without the date of that stage moves nothing: dates are not invented;
 *  - 停滞 / 终止 in the progress column are recorded on the day of the import, with the word as the reason.
 */
export type ProjectFields = {
  name: string;
  unitId: number;
  investorEnterpriseId: number;
  totalInvestmentYuan: number;
  contractInvestmentYuan: number | null;
  industryCode: string | null;
  /** 本市产业 (issue 12): a name from the city's list, or the ledger's own word. */
  localIndustry: string | null;
  responsibleLeader: string | null;
  code: string | null;
  note: string | null;
};

export type ExistingProject = ProjectFields & {
  id: number;
  events: StageEvent[];
  /** A confidential project of another unit: the import leaves it alone. */
  confidentialElsewhere: boolean;
  /** Merged into another project by the bureau's 甄别 (issue 17): its stage no longer moves, by hand or by import. */
  mergedIntoId?: number | null;
};

/** The row with its names resolved: unit, investor (an id, or "new": the import adds the enterprise), industry. */
export type ResolvedRow = {
  record: LedgerRecord;
  fields: Partial<ProjectFields>;
  newInvestor: boolean;
  /** Problems found while resolving (unknown unit, investor of another unit…). */
  problems: LedgerProblem[];
  warnings: LedgerWarning[];
};

export type PlannedMove = { to: ProjectState; kind: TransitionKind; date: IsoDate; reason: string | null };

export type RowPlan = {
  action: 'create' | 'update' | 'unchanged' | 'refused';
  /** For a create: every field; for an update: only those that change. */
  fields: Partial<ProjectFields>;
  changes: (keyof ProjectFields)[];
  moves: PlannedMove[];
  problems: LedgerProblem[];
  /** What the row's import leaves out, as data (ledger-warnings.ts writes it in Chinese or English). */
  warnings: LedgerWarning[];
};

const STAGE_DATE_FIELDS: [ProjectStage, 'signedOn' | 'registeredOn' | 'startedOn' | 'producingOn' | 'inStatsOn'][] = [
  ['signed', 'signedOn'],
  ['registered', 'registeredOn'],
  ['started', 'startedOn'],
  ['producing', 'producingOn'],
  ['inStats', 'inStatsOn'],
];

const STAGE_WORDS: Record<ProjectState, string> = {
  lead: '在谈',
  signed: '签约',
  registered: '注册',
  started: '开工',
  producing: '投产',
  inStats: '入库',
  stalled: '停滞',
  terminated: '终止',
};

const COMPARED: (keyof ProjectFields)[] = [
  'name',
  'unitId',
  'investorEnterpriseId',
  'totalInvestmentYuan',
  'contractInvestmentYuan',
  'industryCode',
  'localIndustry',
  'responsibleLeader',
  'code',
  'note',
];

const REQUIRED_FOR_CREATE: [keyof ProjectFields, LedgerField][] = [
  ['name', 'name'],
  ['unitId', 'unit'],
  ['totalInvestmentYuan', 'totalInvestment'],
];

/** The evidence an imported stage record carries: the ledger row it was read from. */
export function importedEvidence(fileName: string, rowNumber: number, sheet?: string): StageEvidence {
  return { note: `台账导入：${fileName} ${sheet !== undefined ? `工作表“${sheet}”` : ''}第${rowNumber}行` };
}

/**
 * The conflict rule (issue 12, docs/decisions.md): an import never moves a project between units and never changes
 * or duplicates another unit's project. A row that is another unit's project, or that names another unit than its
 * project's, is refused naming that unit; moving a project is its own audited action on the project page.
 */
export const UNIT_CONFLICTS = new Set(['project.otherUnit', 'unit.conflict']);

export function planRow(row: ResolvedRow, existing: ExistingProject | null, today: IsoDate, fileName: string): RowPlan {
  const { record } = row;
  const problems = [...row.problems];
  const warnings = [...row.warnings];
  const refused = (): RowPlan => ({ action: 'refused', fields: {}, changes: [], moves: [], problems, warnings });
  // A row whose unit differs from its project's (issue 12's conflict rule) is refused, confidential or not.
  if (problems.some((p) => UNIT_CONFLICTS.has(p.code))) return refused();
  if (existing?.confidentialElsewhere) {
    warnings.push({ code: 'confidential' });
    return { action: 'unchanged', fields: {}, changes: [], moves: [], problems, warnings };
  }
  if (!existing) {
    for (const [field, ledgerField] of REQUIRED_FOR_CREATE) {
      if (row.fields[field] === undefined && !problems.some((p) => p.field === ledgerField)) {
        problems.push({ sheet: record.sheet, rowNumber: record.rowNumber, field: ledgerField, code: 'required', raw: '' });
      }
    }
    if (row.fields.investorEnterpriseId === undefined && !row.newInvestor && !problems.some((p) => p.field === 'investorName')) {
      problems.push({ sheet: record.sheet, rowNumber: record.rowNumber, field: 'investorName', code: 'required', raw: '' });
    }
  }
  const stages = planStages(record, existing?.events ?? [], today, fileName, !existing, problems, warnings);
  // A merged project counts nowhere, so a stage the row adds would be a figure nobody sees: refused, named by its
  // column, as the same move by hand is (projectMerge.projectMerged); the bureau's undo comes first (issue 17).
  if (existing?.mergedIntoId) {
    for (const move of stages) {
      const field = STAGE_DATE_FIELDS.find(([stage]) => stage === move.to)?.[1] ?? 'progress';
      problems.push({ sheet: record.sheet, rowNumber: record.rowNumber, field, code: 'projectMerge.projectMerged', raw: field === 'progress' ? (record.stage ?? '') : move.date });
    }
  }
  if (problems.length > 0) return refused();
  if (!existing) return { action: 'create', fields: row.fields, changes: [], moves: stages, problems, warnings };

  const changes = COMPARED.filter((field) => {
    const value = row.fields[field];
    if (field === 'investorEnterpriseId' && row.newInvestor) return true;
    return value !== undefined && value !== null && value !== existing[field];
  });
  const fields = Object.fromEntries(changes.map((field) => [field, row.fields[field]])) as Partial<ProjectFields>;
  const action = changes.length > 0 || stages.length > 0 ? 'update' : 'unchanged';
  return { action, fields, changes, moves: stages, problems, warnings };
}

/** The stage records the row adds to the project's history (none that the history already holds). */
function planStages(
  record: LedgerRecord,
  history: StageEvent[],
  today: IsoDate,
  fileName: string,
  isNew: boolean,
  problems: LedgerProblem[],
  warnings: LedgerWarning[],
): PlannedMove[] {
  const events = [...history];
  const moves: PlannedMove[] = [];
  const evidence = importedEvidence(fileName, record.rowNumber, record.sheet);
  const append = (to: ProjectState, date: IsoDate, reason: string | null) => {
    const progress = foldProgress(events);
    const kind = transitionKind(progress, to);
    events.push({ id: Number.MAX_SAFE_INTEGER - 1000 + events.length, kind, state: to, happenedOn: date, evidence, reason, correctsEventId: null });
    moves.push({ to, kind, date, reason });
  };
  for (const [stage, field] of STAGE_DATE_FIELDS) {
    const date = record[field];
    if (!date) continue;
    const progress = foldProgress(events);
    const recorded = progress.stageDates[stage];
    if (recorded) {
      if (recorded !== date) warnings.push({ code: 'date.differs', field, raw: date, recorded });
      continue;
    }
    const reached = furthestStage(progress.stageDates);
    if (reached && stageIndex(stage) < stageIndex(reached)) {
      warnings.push({ code: 'stage.passed', field, reached, stage });
      continue;
    }
    // The ledger row is the evidence of an imported stage, so only the order and dates are checked here.
    const refusal = checkTransition(progress, { to: stage, date, evidence, reason: null }, today).filter((p) => p.field === 'date' || p.field === 'to');
    if (refusal.length > 0) {
      const code = refusal[0]!.code === 'date.future' ? 'date.future' : refusal[0]!.field === 'date' ? 'date.beforePrevious' : 'stage.notForward';
      if (isNew) problems.push({ sheet: record.sheet, rowNumber: record.rowNumber, field, code, raw: date });
      else warnings.push({ code: code === 'date.future' ? 'date.future' : 'date.conflict', field, raw: date });
      continue;
    }
    append(stage, date, null);
  }
  const word = record.stage;
  if (word === 'stalled' || word === 'terminated') {
    const progress = foldProgress(events);
    if (progress.state !== word && progress.state !== 'terminated') {
      append(word, today, `台账项目进展：${STAGE_WORDS[word]}`);
      warnings.push({ code: 'progress.today', word, today });
    }
  } else if (word && word !== 'lead') {
    const reached = furthestStage(foldProgress(events).stageDates);
    if (!reached || stageIndex(word) > stageIndex(reached)) {
      const dateField = STAGE_DATE_FIELDS.find(([stage]) => stage === word)![1];
      warnings.push({ code: 'progress.noDate', word, dateField, reached: reached ?? null });
    }
  }
  return moves;
}

/** The ledger fields whose change moves a project's figures (amounts, unit, industry). */
const FIGURE_CHANGES: [keyof ProjectFields, LedgerField][] = [
  ['totalInvestmentYuan', 'totalInvestment'],
  ['contractInvestmentYuan', 'contractInvestment'],
  ['unitId', 'unit'],
  ['industryCode', 'industry'],
];

/**
 * An import does not write into a closed period (issue 5's month close): a row whose stage dates fall in a closed
 * month, or that changes the figures of a project counted in one, is refused — a correction needs a reason, given
 * one by one on the project page.
 */
export function refuseClosedPeriod(plan: RowPlan, rowNumber: number, existing: MetricDates | null, closed: ClosedThrough, sheet?: string): RowPlan {
  if (plan.action !== 'create' && plan.action !== 'update') return plan;
  const moved = plan.moves.flatMap((move) => {
    const field = STAGE_DATE_FIELDS.find(([stage]) => stage === move.to)?.[1];
    const month = closedMonthOf(move.date, closed);
    return field && month ? [{ field: field as LedgerField, month }] : [];
  });
  const countedIn = existing ? closedMonthsOfProject(existing, closed) : [];
  const figures = countedIn.length > 0 ? FIGURE_CHANGES.filter(([key]) => plan.changes.includes(key)).map(([, field]) => ({ field, month: countedIn[0]! })) : [];
  const touched = [...moved, ...figures];
  if (touched.length === 0) return plan;
  return {
    ...plan,
    action: 'refused',
    problems: [...plan.problems, ...touched.map(({ field, month }) => ({ sheet, rowNumber, field, code: 'row.closedMonth', raw: month }))],
  };
}
