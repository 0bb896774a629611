/**
 * The rules of a chain's link tree (issue 14): a link moves within its chain only, never under itself or its own
 * sub-links; a link takes its parent's segment, and a move carries its sub-links along; renaming keeps the id; a link
 * is retired, never deleted, with its sub-links, and the records on it stay where they are.
 */
export type ChainSegment = 'upstream' | 'midstream' | 'downstream';

export type TreeLink = { id: number; chainId: number; parentId: number | null; segment: ChainSegment; position: number; retired: boolean };

export const SEGMENT_ORDER: readonly ChainSegment[] = ['upstream', 'midstream', 'downstream'];

/** The link and all links under it, the link first. */
export function subtreeIds(links: readonly TreeLink[], id: number): number[] {
  const children = new Map<number, number[]>();
  for (const link of links) if (link.parentId !== null) children.set(link.parentId, [...(children.get(link.parentId) ?? []), link.id]);
  const out: number[] = [];
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.includes(next)) continue;
    out.push(next);
    stack.push(...(children.get(next) ?? []).reverse());
  }
  return out;
}

/** The link's ancestors, nearest first. */
export function ancestorIds(links: readonly TreeLink[], id: number): number[] {
  const byId = new Map(links.map((l) => [l.id, l]));
  const out: number[] = [];
  for (let at = byId.get(id)?.parentId ?? null; at !== null && !out.includes(at); at = byId.get(at)?.parentId ?? null) out.push(at);
  return out;
}

export type MoveProblem = 'crossChain' | 'cycle' | 'retiredParent';

/** Why a link may not go under `newParentId` (null: directly under a segment); undefined when it may. */
export function moveProblem(links: readonly TreeLink[], linkId: number, newParentId: number | null): MoveProblem | undefined {
  if (newParentId === null) return undefined;
  const link = links.find((l) => l.id === linkId);
  const parent = links.find((l) => l.id === newParentId);
  if (!link || !parent || parent.chainId !== link.chainId) return 'crossChain';
  if (subtreeIds(links, linkId).includes(newParentId)) return 'cycle';
  if (parent.retired && !link.retired) return 'retiredParent';
  return undefined;
}

/**
 * The links in the chain's reading order: segment by segment, each level by position then id, a parent before its
 * sub-links. Each link carries its depth (0 under its segment).
 */
export function treeOrder<T extends TreeLink>(links: readonly T[]): (T & { depth: number })[] {
  const bySibling = (a: T, b: T) => a.position - b.position || a.id - b.id;
  const children = new Map<number | null, T[]>();
  const ids = new Set(links.map((l) => l.id));
  for (const link of links) {
    const key = link.parentId !== null && ids.has(link.parentId) ? link.parentId : null;
    children.set(key, [...(children.get(key) ?? []), link]);
  }
  const out: (T & { depth: number })[] = [];
  const visit = (link: T, depth: number) => {
    out.push({ ...link, depth });
    for (const child of (children.get(link.id) ?? []).sort(bySibling)) visit(child, depth + 1);
  };
  for (const segment of SEGMENT_ORDER) {
    for (const root of (children.get(null) ?? []).filter((l) => l.segment === segment).sort(bySibling)) visit(root, 0);
  }
  return out;
}
