import { isIsoDate, type IsoDate } from './calendar.ts';
import { isValidCreditCode } from './credit-code.ts';
import { furthestStage, type StageDates } from './deadlines.ts';
import { stageIndex, type ProjectStage, type ProjectState } from './stages.ts';

/**
 * The rules of a stage change (domain.md §2): forward only, dated on the day it happened (not in the future,
 * not before what came before), with the evidence each stage needs. Corrections are a separate act.
 */
export type StageEvidence = {
  /** 签约: the contract number. */
  contractNo?: string | null;
  /** 注册: the credit code of the enterprise registered for the project. */
  registeredCreditCode?: string | null;
  /** 开工: the construction permit number (or a photo). */
  permitNo?: string | null;
  /** 入库: the project's code in the fixed-asset-investment statistics. */
  statsCode?: string | null;
  /** Uploaded evidence files (photos, scans) already attached to this change. */
  fileCount?: number;
  note?: string | null;
};

export type ProjectProgress = {
  state: ProjectState;
  stageDates: StageDates;
  /** The date of the latest event of any kind (a stall, a resume), which a new change may not precede. */
  lastEventDate: IsoDate | null;
};

export type TransitionRequest = {
  to: ProjectState;
  date: string;
  evidence: StageEvidence;
  reason?: string | null;
};

export type TransitionProblemCode =
  | 'transition.terminated'
  | 'transition.notForward'
  | 'transition.alreadyStalled'
  | 'transition.toLead'
  | 'date.invalid'
  | 'date.future'
  | 'date.beforePrevious'
  | 'evidence.contractNo'
  | 'evidence.registeredCreditCode'
  | 'evidence.permitOrPhoto'
  | 'evidence.noteOrFile'
  | 'evidence.statsCode'
  | 'reason.required';

export type TransitionProblem = { field: string; code: TransitionProblemCode };

const filled = (value: string | null | undefined) => !!value && value.trim().length > 0;

function evidenceProblem(stage: ProjectStage, evidence: StageEvidence): TransitionProblem | null {
  const files = evidence.fileCount ?? 0;
  switch (stage) {
    case 'signed':
      return filled(evidence.contractNo) ? null : { field: 'evidence.contractNo', code: 'evidence.contractNo' };
    case 'registered':
      return evidence.registeredCreditCode && isValidCreditCode(evidence.registeredCreditCode.trim().toUpperCase())
        ? null
        : { field: 'evidence.registeredCreditCode', code: 'evidence.registeredCreditCode' };
    case 'started':
      return filled(evidence.permitNo) || files > 0 ? null : { field: 'evidence.permitNo', code: 'evidence.permitOrPhoto' };
    case 'producing':
      return filled(evidence.note) || files > 0 ? null : { field: 'evidence.note', code: 'evidence.noteOrFile' };
    case 'inStats':
      return filled(evidence.statsCode) ? null : { field: 'evidence.statsCode', code: 'evidence.statsCode' };
    case 'lead':
      return null;
  }
}

/** What a move would do: record a new stage, resume a stalled project where it was, or a side state. */
export type TransitionKind = 'advance' | 'resume' | 'stall' | 'terminate';

export function transitionKind(progress: ProjectProgress, to: ProjectState): TransitionKind {
  if (to === 'stalled') return 'stall';
  if (to === 'terminated') return 'terminate';
  // A project stalled while still a lead resumes as a lead.
  return progress.state === 'stalled' && to === (furthestStage(progress.stageDates) ?? 'lead') ? 'resume' : 'advance';
}

/** Every problem with a requested change, in field order; an empty list means the change may be recorded. */
export function checkTransition(progress: ProjectProgress, request: TransitionRequest, today: IsoDate): TransitionProblem[] {
  const problems: TransitionProblem[] = [];
  const { to } = request;
  if (progress.state === 'terminated') return [{ field: 'to', code: 'transition.terminated' }];
  const kind = transitionKind(progress, to);
  if (to === 'lead' && kind !== 'resume') return [{ field: 'to', code: 'transition.toLead' }];
  const reached = furthestStage(progress.stageDates);
  if (kind === 'stall' && progress.state === 'stalled') problems.push({ field: 'to', code: 'transition.alreadyStalled' });
  if (kind === 'advance') {
    const current = progress.state === 'stalled' ? reached : (progress.state as ProjectStage);
    if (current && stageIndex(to) <= stageIndex(current)) problems.push({ field: 'to', code: 'transition.notForward' });
  }

  if (!isIsoDate(request.date)) {
    problems.push({ field: 'date', code: 'date.invalid' });
  } else {
    const latest = [reached ? progress.stageDates[reached] : null, progress.lastEventDate].filter((d): d is string => !!d).sort().pop();
    if (request.date > today) problems.push({ field: 'date', code: 'date.future' });
    else if (latest && request.date < latest) problems.push({ field: 'date', code: 'date.beforePrevious' });
  }

  if (kind === 'advance') {
    const missing = evidenceProblem(to as ProjectStage, request.evidence);
    if (missing) problems.push(missing);
  }
  if ((kind === 'stall' || kind === 'terminate') && !filled(request.reason)) problems.push({ field: 'reason', code: 'reason.required' });
  return problems;
}
