import { daysBetween, type IsoDate } from './calendar.ts';
import type { ProjectStage } from './stages.ts';

/**
 * 核实 (issue 17, domain.md §8): where the bureau turns it on, a unit's stage change is only *reported* until the
 * bureau — or a department it names — confirms it against its evidence, or rejects it with a reason; the unit then
 * corrects the change and it is reported again. Figures may count reported changes (as today) or confirmed ones only.
 */
export const VERIFIABLE_STAGES = ['signed', 'registered', 'started', 'producing', 'inStats'] as const satisfies readonly ProjectStage[];
export type VerifiableStage = (typeof VERIFIABLE_STAGES)[number];

export type VerificationStatus = 'reported' | 'confirmed' | 'rejected' | 'withdrawn';

/** One stage under verification: changes of projects whose total investment reaches the threshold wait for a reviewer. */
export type VerificationRule = {
  stage: VerifiableStage;
  /** Whole 元; 0 = every project. */
  minYuan: number;
  /** A department that confirms instead of the bureau (null: the bureau). */
  reviewerDepartmentId: number | null;
};

export type VerificationSettings = {
  rules: VerificationRule[];
  /** The bulletin, the assessment and the month close count confirmed stage changes only. */
  confirmedOnly: boolean;
  /** Where a site photo is expected: the city's centre and how far from it a photo may be taken. */
  cityCentre: { lat: number; lon: number } | null;
  maxPhotoKm: number;
  /** How many days before the claimed date a photo may be taken (a 开工 photo a year old proves nothing). */
  maxPhotoDaysBefore: number;
};

export const DEFAULT_VERIFICATION_SETTINGS: VerificationSettings = {
  rules: [],
  confirmedOnly: false,
  cityCentre: null,
  maxPhotoKm: 80,
  maxPhotoDaysBefore: 30,
};

/** The rule a change falls under, or null when it counts at once (no rule for the stage, or below the threshold). */
export function ruleFor(rules: VerificationRule[], stage: string, totalInvestmentYuan: number): VerificationRule | null {
  return rules.find((r) => r.stage === stage && totalInvestmentYuan >= r.minYuan) ?? null;
}

/**
 * Whether a recorded stage change waits for a reviewer, and under which rule: only a move forward (a correction, a
 * pause or a step back is not a new claim), never a change of the city's own projects (there is no one above the
 * bureau to confirm them). The manual stage move and the ledger import both ask this, so neither bypasses the other.
 */
export function reportedUnder(
  rules: VerificationRule[],
  change: { kind: string; stage: string; totalInvestmentYuan: number; cityOwn: boolean },
): VerificationRule | null {
  if (change.kind !== 'advance' || change.cityOwn) return null;
  return ruleFor(rules, change.stage, change.totalInvestmentYuan);
}

/** The settings' own problems, by field: one rule per stage, thresholds not negative, a sane centre. */
export function settingsProblem(settings: VerificationSettings): { field: string; detail: string } | null {
  const seen = new Set<string>();
  for (const [i, rule] of settings.rules.entries()) {
    if (seen.has(rule.stage)) return { field: `rules.${i}.stage`, detail: '每个阶段只能设一条核实规则' };
    seen.add(rule.stage);
    if (!Number.isSafeInteger(rule.minYuan) || rule.minYuan < 0) return { field: `rules.${i}.minYuan`, detail: '门槛须为不小于 0 的整数元' };
  }
  const c = settings.cityCentre;
  if (c && (Math.abs(c.lat) > 90 || Math.abs(c.lon) > 180)) return { field: 'cityCentre', detail: '经纬度超出范围' };
  return null;
}

export type VerificationAction = 'confirm' | 'reject' | 'resubmit';
export type VerificationProblem = 'verification.notReported' | 'verification.notRejected' | 'verification.ownUnit' | 'verification.notReviewer' | 'reason.required';

/**
 * Whether a reviewer (or the unit, resubmitting) may take an action now. A reviewer never decides on a change of
 * their own unit; a change routed to a department is that department's to decide (the bureau may still decide it).
 */
export function checkVerificationAction(input: {
  action: VerificationAction;
  status: VerificationStatus;
  reason: string | null | undefined;
  reviewer: { role: string; unitId: number; departmentId: number | null };
  projectUnitId: number;
  reviewerDepartmentId: number | null;
}): VerificationProblem | null {
  const { action, status, reviewer } = input;
  if (action === 'resubmit') return status === 'rejected' ? null : 'verification.notRejected';
  if (reviewer.role === 'department') {
    if (input.reviewerDepartmentId === null || reviewer.departmentId !== input.reviewerDepartmentId) return 'verification.notReviewer';
  } else if (reviewer.role !== 'bureau') {
    return 'verification.notReviewer';
  }
  if (reviewer.unitId === input.projectUnitId) return 'verification.ownUnit';
  if (status !== 'reported') return 'verification.notReported';
  if (action === 'reject' && !(input.reason ?? '').trim()) return 'reason.required';
  return null;
}

/** The status after an action. */
export function nextStatus(action: VerificationAction): VerificationStatus {
  return action === 'confirm' ? 'confirmed' : action === 'reject' ? 'rejected' : 'reported';
}

/** A change that does not (yet) count where only confirmed ones do. */
export const isUnconfirmed = (status: VerificationStatus) => status === 'reported' || status === 'rejected';

/** How long a change has waited, in whole days since it was (last) reported. */
export function daysWaiting(reportedOn: IsoDate, today: IsoDate): number {
  return Math.max(0, daysBetween(reportedOn, today));
}
