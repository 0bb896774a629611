import { describe, expect, it } from 'vitest';
import { chainOfProjects, NO_CHAIN, projectsByChain } from './chain-figures.ts';

describe('the chain a project counts for (issue 14)', () => {
  it('is the chain of its confirmed placement; a suggestion does not count', () => {
    const chains = chainOfProjects([
      { projectId: 1, chainId: 10, status: 'confirmed' },
      { projectId: 2, chainId: 10, status: 'suggested' },
      { projectId: 3, chainId: 20, status: 'confirmed' },
    ]);
    expect([...chains]).toEqual([
      [1, 10],
      [3, 20],
    ]);
  });

  it('splits the projects so that each is in exactly one group, those on no chain under 未归链', () => {
    const projects = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];
    const groups = projectsByChain(projects, [
      { projectId: 1, chainId: 10, status: 'confirmed' },
      { projectId: 2, chainId: 10, status: 'suggested' },
      { projectId: 3, chainId: 10, status: 'confirmed' },
    ]);
    expect(groups.get('10')!.map((p) => p.id)).toEqual([1, 3]);
    expect(groups.get(NO_CHAIN)!.map((p) => p.id)).toEqual([2, 4]);
    expect([...groups.values()].flat().map((p) => p.id).sort()).toEqual([1, 2, 3, 4]);
  });

  it('refuses a project confirmed on two chains: it would count twice', () => {
    expect(() => chainOfProjects([
      { projectId: 1, chainId: 10, status: 'confirmed' },
      { projectId: 1, chainId: 20, status: 'confirmed' },
    ])).toThrow(/two chains/);
  });
});
