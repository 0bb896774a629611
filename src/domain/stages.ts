/** The project lifecycle (domain.md §2). Order matters: it is the order projects move through. */
export const PROJECT_STAGES = ['lead', 'signed', 'registered', 'started', 'producing', 'inStats'] as const;
export const PROJECT_SIDE_STATES = ['stalled', 'terminated'] as const;
export const PROJECT_STATES = [...PROJECT_STAGES, ...PROJECT_SIDE_STATES] as const;

export type ProjectStage = (typeof PROJECT_STAGES)[number];
export type ProjectState = (typeof PROJECT_STATES)[number];

export function stageIndex(state: ProjectState): number {
  return (PROJECT_STAGES as readonly string[]).indexOf(state);
}

/** The states' names as bureaus write them, and in English. */
export const STATE_NAMES: Record<ProjectState, { zh: string; en: string }> = {
  lead: { zh: '在谈', en: 'Negotiating' },
  signed: { zh: '签约', en: 'Signed' },
  registered: { zh: '注册', en: 'Registered' },
  started: { zh: '开工', en: 'Started' },
  producing: { zh: '投产', en: 'In production' },
  inStats: { zh: '入库', en: 'In statistics' },
  stalled: { zh: '停滞', en: 'Stalled' },
  terminated: { zh: '终止', en: 'Terminated' },
};
