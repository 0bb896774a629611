/**
 * Which chain a project counts for in the figures by chain (issue 14): the chain of its CONFIRMED placement — a
 * suggestion is the system's guess, not a person's — or none (未归链). A project sits on at most one link in the city,
 * so on a link or a sub-link it counts once for its chain. The SQL grouping `chain` (src/server/projects/
 * metrics.queries.ts) is tested against this rule.
 */
export type ChainPlacementFact = { projectId: number; chainId: number; status: 'suggested' | 'confirmed' };

/** The group of the projects on no chain: 未归链. */
export const NO_CHAIN = '';

/** Each project's chain, by its confirmed placement; projects without one are absent. */
export function chainOfProjects(placements: readonly ChainPlacementFact[]): Map<number, number> {
  const result = new Map<number, number>();
  for (const p of placements) {
    if (p.status !== 'confirmed') continue;
    const before = result.get(p.projectId);
    if (before !== undefined && before !== p.chainId) throw new Error(`project ${p.projectId} is confirmed on two chains`);
    result.set(p.projectId, p.chainId);
  }
  return result;
}

/** The projects split by chain id (as text), those on no chain under NO_CHAIN; every project in exactly one group. */
export function projectsByChain<T extends { id: number }>(projects: readonly T[], placements: readonly ChainPlacementFact[]): Map<string, T[]> {
  const chainOf = chainOfProjects(placements);
  const groups = new Map<string, T[]>();
  for (const project of projects) {
    const chain = chainOf.get(project.id);
    const key = chain === undefined ? NO_CHAIN : String(chain);
    groups.set(key, [...(groups.get(key) ?? []), project]);
  }
  return groups;
}
