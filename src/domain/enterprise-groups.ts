/**
 * The group tree (issue 13): every enterprise may name a parent enterprise. The source region of an investment is
 * the ultimate parent's HQ (domain.md §7). Pure: the caller hands over the parent links it has read.
 */
export type GroupLink = { id: number; parentId: number | null };

/**
 * The chain from an enterprise up to its ultimate parent, the enterprise itself first. A cycle in the links handed
 * over (never written by the service, but possible in data) stops the chain where it would repeat.
 */
export function parentChain(id: number, parentOf: ReadonlyMap<number, number | null>): number[] {
  const chain = [id];
  const seen = new Set(chain);
  let current = parentOf.get(id) ?? null;
  while (current !== null && !seen.has(current)) {
    chain.push(current);
    seen.add(current);
    current = parentOf.get(current) ?? null;
  }
  return chain;
}

export function ultimateParent(id: number, parentOf: ReadonlyMap<number, number | null>): number {
  const chain = parentChain(id, parentOf);
  return chain[chain.length - 1]!;
}

/**
 * Whether making `parentId` the parent of `id` would close a loop: the parent is the enterprise itself or lies
 * below it (the enterprise is on the parent's chain).
 */
export function wouldMakeCycle(id: number, parentId: number, parentOf: ReadonlyMap<number, number | null>): boolean {
  return parentChain(parentId, parentOf).includes(id);
}

/** The source region of an investment by this enterprise: its ultimate parent's HQ, or its own when that is unknown. */
export function sourceRegionCode(id: number, parentOf: ReadonlyMap<number, number | null>, hqOf: ReadonlyMap<number, string | null>): string | null {
  const chain = parentChain(id, parentOf);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hq = hqOf.get(chain[i]!);
    if (hq) return hq;
  }
  return null;
}
