import { isIsoDate, type IsoDate } from './calendar.ts';

/**
 * Count once (三明's 不重复统计, domain.md §3), as actions on a project rather than new projects: a re-signing, a
 * supplementary agreement or a phase already inside the signed contract adds no project and no amount; an expansion
 * (增资扩产) adds only its increment to the project's investment; a change of investor keeps one project. Each is
 * dated, has a reason, and shows in the project's stage history.
 */
export const COUNT_ONCE_ACTIONS = ['resign', 'supplement', 'phase', 'expansion', 'investorChange'] as const;
export type CountOnceAction = (typeof COUNT_ONCE_ACTIONS)[number];

export type CountOnceRequest = {
  action: CountOnceAction;
  date: string;
  reason: string | null | undefined;
  /** 增资扩产: the added investment, whole 元. */
  incrementYuan?: number | null;
  /** 投资方变更: the new investor. */
  investorEnterpriseId?: number | null;
};

export type CountOnceProblem = { field: string; code: 'count.notSigned' | 'date.invalid' | 'date.future' | 'date.beforePrevious' | 'reason.required' | 'count.increment' | 'count.investor' };

/**
 * Every problem with a count-once action, in field order: the project must be signed (there is nothing to count once
 * before), the date real, not in the future and not before the signing; a reason always; an expansion a positive
 * increment; a change of investor another investor.
 */
export function checkCountOnce(request: CountOnceRequest, project: { signedOn: IsoDate | null; investorEnterpriseId: number }, today: IsoDate): CountOnceProblem[] {
  const problems: CountOnceProblem[] = [];
  if (!project.signedOn) return [{ field: 'action', code: 'count.notSigned' }];
  if (!isIsoDate(request.date)) problems.push({ field: 'date', code: 'date.invalid' });
  else if (request.date > today) problems.push({ field: 'date', code: 'date.future' });
  else if (request.date < project.signedOn) problems.push({ field: 'date', code: 'date.beforePrevious' });
  if (!request.reason || !request.reason.trim()) problems.push({ field: 'reason', code: 'reason.required' });
  if (request.action === 'expansion' && !(Number.isSafeInteger(request.incrementYuan) && request.incrementYuan! > 0)) {
    problems.push({ field: 'incrementYuan', code: 'count.increment' });
  }
  if (request.action === 'investorChange' && (!request.investorEnterpriseId || request.investorEnterpriseId === project.investorEnterpriseId)) {
    problems.push({ field: 'investorEnterpriseId', code: 'count.investor' });
  }
  return problems;
}

/** What an action does to the project's own figures: only an expansion changes an amount, by its increment. */
export function countOnceEffect(request: CountOnceRequest, project: { totalInvestmentYuan: number; contractInvestmentYuan: number | null; investorEnterpriseId: number }) {
  if (request.action === 'expansion') {
    const increment = request.incrementYuan!;
    return {
      totalInvestmentYuan: project.totalInvestmentYuan + increment,
      contractInvestmentYuan: project.contractInvestmentYuan === null ? null : project.contractInvestmentYuan + increment,
      investorEnterpriseId: project.investorEnterpriseId,
    };
  }
  if (request.action === 'investorChange') return { ...project, investorEnterpriseId: request.investorEnterpriseId! };
  return { ...project };
}
