import type { TierList } from '../enterprise-tiers.ts';

/**
 * A chain link's status (issue 14, "缺什么招什么、什么弱补什么"): 强 (strong), 弱 (weak) or 缺 (gap), computed from what
 * sits on the link — the local enterprises (how many, how many of them leading) and the projects started there — under
 * the thresholds the bureau sets per chain. Never stored: always from the records, with the reason in words.
 *
 * The rule (docs/decisions.md):
 * - 缺: no local enterprise on the link and no project started there (signed projects not yet started do not close a gap);
 * - 强: at least `strongMinLocalEnterprises` local enterprises, or at least `strongMinLeadingEnterprises` leading ones
 *   (size band large, or on a leading list) together with at least `strongMinStartedProjects` started projects;
 * - 弱: anything else.
 */
export const LINK_STATUSES = ['strong', 'weak', 'gap'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const LINK_STATUS_LABELS: Record<LinkStatus, { zh: string; en: string }> = {
  strong: { zh: '强', en: 'Strong' },
  weak: { zh: '弱', en: 'Weak' },
  gap: { zh: '缺', en: 'Gap' },
};

export type ChainThresholds = {
  /** Local enterprises that alone make a link strong. */
  strongMinLocalEnterprises: number;
  /** Leading local enterprises (large, or on a leading list) that, with the started projects below, make it strong. */
  strongMinLeadingEnterprises: number;
  /** Started projects that, with the leading enterprises above, make it strong (0: a leading enterprise alone is enough). */
  strongMinStartedProjects: number;
};

export const DEFAULT_CHAIN_THRESHOLDS: ChainThresholds = {
  strongMinLocalEnterprises: 5,
  strongMinLeadingEnterprises: 1,
  strongMinStartedProjects: 1,
};

/** The lists that make a local enterprise "leading" on its link (专精特新中小企业, 高新技术企业 and 国企 alone do not). */
export const LEADING_TIER_LISTS: readonly TierList[] = [
  'fortune_global_500',
  'china_500',
  'private_500',
  'industry_leader',
  'central_soe',
  'listed',
  'little_giant',
  'unicorn',
];

/** Whether a local enterprise counts as leading: size band large, or on one of the leading lists (any year). */
export function isLeadingEnterprise(sizeBand: string | null, tierLists: readonly string[]): boolean {
  return sizeBand === 'large' || tierLists.some((list) => (LEADING_TIER_LISTS as readonly string[]).includes(list));
}

export type LinkFigures = {
  localEnterprises: number;
  leadingEnterprises: number;
  signedProjects: number;
  startedProjects: number;
};

export type LinkStatusResult = { status: LinkStatus; reason: { zh: string; en: string } };

export function linkStatus(figures: LinkFigures, thresholds: ChainThresholds = DEFAULT_CHAIN_THRESHOLDS): LinkStatusResult {
  const { localEnterprises: local, leadingEnterprises: leading, signedProjects: signed, startedProjects: started } = figures;
  const { strongMinLocalEnterprises: n, strongMinLeadingEnterprises: k, strongMinStartedProjects: m } = thresholds;
  if (local === 0 && started === 0) {
    const pending = signed > 0 ? { zh: `；已签约未开工项目${signed}个`, en: `; ${signed} signed project(s) not yet started` } : { zh: '', en: '' };
    return { status: 'gap', reason: { zh: `无本地企业，无已开工项目${pending.zh}`, en: `No local enterprise and no started project${pending.en}` } };
  }
  if (local >= n) {
    return {
      status: 'strong',
      reason: { zh: `本地企业${local}家，达到强链标准（≥${n}家）`, en: `${local} local enterprise(s), at least the ${n} that make a link strong` },
    };
  }
  if (leading >= k && started >= m) {
    return {
      status: 'strong',
      reason: {
        zh: `龙头企业${leading}家、已开工项目${started}个，达到强链标准（龙头≥${k}家且开工≥${m}个）`,
        en: `${leading} leading enterprise(s) and ${started} started project(s): at least ${k} and ${m}, which make a link strong`,
      },
    };
  }
  return {
    status: 'weak',
    reason: {
      zh: `本地企业${local}家（龙头${leading}家）、已开工项目${started}个；强链需本地企业≥${n}家，或龙头≥${k}家且开工≥${m}个`,
      en: `${local} local enterprise(s) (${leading} leading) and ${started} started project(s); strong needs ${n} local enterprises, or ${k} leading with ${m} started projects`,
    },
  };
}

/** The order of the gap list: gaps before weak links; within a status, the chain's own order (segment, then tree order). */
export function gapRank(status: LinkStatus): number {
  return status === 'gap' ? 0 : status === 'weak' ? 1 : 2;
}
