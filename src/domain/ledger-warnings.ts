import type { IsoDate } from './calendar.ts';
import type { LedgerField } from './ledger-columns.ts';
import { FIELD_NAMES, rowLabel } from './ledger-rows.ts';
import { FIELD_NAMES_EN, rowLabelEn } from './ledger-rows-en.ts';
import type { ProjectState } from './stages.ts';

/**
 * What an import does not take from a row, and why (these do not stop the import) — kept as data, so the preview
 * writes them in Chinese (as the ledger, the error file and the CLI do) and on the English screen in English (issue 16),
 * as refusals are (ledger-rows-en.ts). The cell as written stays as it is in both.
 */
export type LedgerWarning =
  /** A confidential project of another unit: the row leaves it as it is. */
  | { code: 'confidential' }
  /** A stage date other than the one recorded: never rewritten by an import. */
  | { code: 'date.differs'; field: LedgerField; raw: string; recorded: IsoDate }
  /** A stage the project has already passed: not filled in afterwards. */
  | { code: 'stage.passed'; field: LedgerField; reached: ProjectState; stage: ProjectState }
  /** An existing project's stage date that is in the future, or that its history refuses. */
  | { code: 'date.future' | 'date.conflict'; field: LedgerField; raw: string }
  /** 停滞 / 终止 in the progress column, recorded on the day of the import. */
  | { code: 'progress.today'; word: ProjectState; today: IsoDate }
  /** A progress word without its stage's date: the stage goes only as far as the dates do. */
  | { code: 'progress.noDate'; word: ProjectState; dateField: LedgerField; reached: ProjectState | null }
  /** A new investor's region that names no division: the investor is added without it. */
  | { code: 'sourceRegion.unknown'; raw: string }
  /** A date written to the month only: recorded on the 1st. */
  | { code: 'date.monthOnly'; field: LedgerField };

export type LedgerWarningCode = LedgerWarning['code'];

const STAGE_ZH: Record<ProjectState, string> = {
  lead: '在谈',
  signed: '签约',
  registered: '注册',
  started: '开工',
  producing: '投产',
  inStats: '入库',
  stalled: '停滞',
  terminated: '终止',
};

const STAGE_EN: Record<ProjectState, string> = {
  lead: 'negotiating',
  signed: 'signed',
  registered: 'registered',
  started: 'started',
  producing: 'producing',
  inStats: 'in statistics',
  stalled: 'stalled',
  terminated: 'terminated',
};

/** The warning in Chinese, without its row: "签约时间 只写到月份，按当月1日记录". */
export function warningText(w: LedgerWarning): string {
  switch (w.code) {
    case 'confidential':
      return '保密项目由其所属单位维护，本次导入不更新';
    case 'date.differs':
      return `${FIELD_NAMES[w.field]} '${w.raw}' 与系统记录 ${w.recorded} 不一致，未修改（如需更正请在项目页操作）`;
    case 'stage.passed':
      return `${FIELD_NAMES[w.field]}：项目已到${STAGE_ZH[w.reached]}阶段，不再补录${STAGE_ZH[w.stage]}`;
    case 'date.future':
    case 'date.conflict':
      return `${FIELD_NAMES[w.field]} '${w.raw}'：${w.code === 'date.future' ? '晚于今天' : '与项目现有阶段记录冲突'}，未导入`;
    case 'progress.today':
      return `项目进展为${STAGE_ZH[w.word]}，按导入当日 ${w.today} 记录`;
    case 'progress.noDate':
      return `项目进展为${STAGE_ZH[w.word]}，但没有${FIELD_NAMES[w.dateField]}，阶段${w.reached ? `只记到${STAGE_ZH[w.reached]}` : '未导入'}`;
    case 'sourceRegion.unknown':
      return `${FIELD_NAMES.sourceRegion} '${w.raw}' 未能对应行政区划，未导入`;
    case 'date.monthOnly':
      return `${FIELD_NAMES[w.field]} 只写到月份，按当月1日记录`;
  }
}

/** The warning in English, without its row: "Signing date gives only the month; recorded as the 1st of that month". */
export function warningTextEn(w: LedgerWarning): string {
  switch (w.code) {
    case 'confidential':
      return 'a confidential project is kept by its own unit; this import does not update it';
    case 'date.differs':
      return `${FIELD_NAMES_EN[w.field]}: '${w.raw}' differs from the recorded ${w.recorded}; not changed (to correct it, use the project page)`;
    case 'stage.passed':
      return `${FIELD_NAMES_EN[w.field]}: the project is already ${STAGE_EN[w.reached]}, so ${STAGE_EN[w.stage]} is not filled in afterwards`;
    case 'date.future':
      return `${FIELD_NAMES_EN[w.field]}: '${w.raw}' is in the future; not imported`;
    case 'date.conflict':
      return `${FIELD_NAMES_EN[w.field]}: '${w.raw}' conflicts with the project’s stage records; not imported`;
    case 'progress.today':
      return `progress is ${STAGE_EN[w.word]}: recorded on the day of the import, ${w.today}`;
    case 'progress.noDate':
      return `progress is ${STAGE_EN[w.word]} but there is no ${FIELD_NAMES_EN[w.dateField]}; ${w.reached ? `the stage is recorded only up to ${STAGE_EN[w.reached]}` : 'the stage is not imported'}`;
    case 'sourceRegion.unknown':
      return `${FIELD_NAMES_EN.sourceRegion}: '${w.raw}' matches no administrative division; not imported`;
    case 'date.monthOnly':
      return `${FIELD_NAMES_EN[w.field]} gives only the month; recorded as the 1st of that month`;
  }
}

/** "第7行 签约时间 只写到月份，按当月1日记录". */
export function describeWarning(row: { sheet?: string; rowNumber: number }, w: LedgerWarning): string {
  return `${rowLabel(row)} ${warningText(w)}`;
}

/** "Row 7, Signing date gives only the month; recorded as the 1st of that month". */
export function describeWarningEn(row: { sheet?: string; rowNumber: number }, w: LedgerWarning): string {
  return `${rowLabelEn(row)}, ${warningTextEn(w)}`;
}
