/** The project lifecycle (domain.md §2). Order matters: it is the order projects move through. */
export const PROJECT_STAGES = ['lead', 'signed', 'registered', 'started', 'producing', 'inStats'] as const;
export const PROJECT_SIDE_STATES = ['stalled', 'terminated'] as const;
export const PROJECT_STATES = [...PROJECT_STAGES, ...PROJECT_SIDE_STATES] as const;

export type ProjectStage = (typeof PROJECT_STAGES)[number];
export type ProjectState = (typeof PROJECT_STATES)[number];

export function stageIndex(state: ProjectState): number {
  return (PROJECT_STAGES as readonly string[]).indexOf(state);
}
