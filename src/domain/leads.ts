/**
 * Leads (线索 / 意向信息, issue 6, domain.md §5): where they come from and the states they move through —
 * new → following → converted (to a project), or dropped with a reason. A dropped lead can be taken up again;
 * a converted one is done: its story goes on in the project.
 */
export const LEAD_SOURCES = ['resident', 'squad', 'investorReferral', 'chamber', 'agency', 'hometown', 'fair', 'online', 'other'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const LEAD_SOURCE_NAMES: Record<LeadSource, { zh: string; en: string }> = {
  resident: { zh: '驻点招商', en: 'Resident team' },
  squad: { zh: '小分队', en: 'Outbound squad' },
  investorReferral: { zh: '以商招商', en: 'Investor referral' },
  chamber: { zh: '商协会', en: 'Chamber of commerce' },
  agency: { zh: '中介机构', en: 'Agency' },
  hometown: { zh: '乡贤', en: 'Hometown network' },
  fair: { zh: '展会', en: 'Trade fair' },
  online: { zh: '网络', en: 'Online' },
  other: { zh: '其他', en: 'Other' },
};

export const LEAD_STATES = ['new', 'following', 'converted', 'dropped'] as const;
export type LeadState = (typeof LEAD_STATES)[number];

const MOVES: Record<LeadState, LeadState[]> = {
  new: ['following', 'converted', 'dropped'],
  following: ['converted', 'dropped'],
  dropped: ['following'],
  converted: [],
};

export type LeadMoveProblem = 'lead.notAllowed' | 'lead.reasonRequired' | 'lead.projectRequired';

/** Whether a lead may move; dropping needs a reason, converting the project it became. */
export function leadMoveProblem(from: LeadState, to: LeadState, change: { reason?: string | null; projectId?: number | null }): LeadMoveProblem | null {
  if (!MOVES[from].includes(to)) return 'lead.notAllowed';
  if (to === 'dropped' && !change.reason?.trim()) return 'lead.reasonRequired';
  if (to === 'converted' && !change.projectId) return 'lead.projectRequired';
  return null;
}

/** Lead → project conversion rate over leads collected (converted ÷ collected), and the median days to signing. */
export function conversion(leads: { collectedOn: string; signedOn: string | null }[]): { rate: number; medianDaysToSigning: number | null } {
  const signed = leads
    .filter((l) => l.signedOn)
    .map((l) => Math.round((Date.parse(`${l.signedOn}T00:00:00Z`) - Date.parse(`${l.collectedOn}T00:00:00Z`)) / 86_400_000))
    .sort((a, b) => a - b);
  const middle = Math.floor(signed.length / 2);
  const median = signed.length === 0 ? null : signed.length % 2 === 1 ? signed[middle]! : (signed[middle - 1]! + signed[middle]!) / 2;
  return { rate: leads.length === 0 ? 0 : signed.length / leads.length, medianDaysToSigning: median };
}
