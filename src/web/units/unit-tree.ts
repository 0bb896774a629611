import type { TUnit } from '../../shared/units.ts';

export type UnitNode = TUnit & { children?: UnitNode[] };

/**
 * The flat list (with parentId) as a tree. A unit whose parent the caller cannot see is a root: a county's
 * staff see their county as the top of their tree.
 */
export function buildUnitTree(units: readonly TUnit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>(units.map((unit) => [unit.id, { ...unit }]));
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  sortByCode(roots);
  return roots;
}

/**
 * Siblings in the order of their codes, as official lists run (420602 襄城区 before 420606 樊城区), rather than
 * by path text, where "/1/11/" would come before "/1/2/".
 */
function sortByCode(nodes: UnitNode[]): void {
  nodes.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  for (const node of nodes) if (node.children) sortByCode(node.children);
}

/** Whether `unit` is `ancestor` or lies below it (paths are "/1/4/9/"). */
export function isInSubtreeOf(unit: TUnit, ancestor: TUnit): boolean {
  return unit.path.startsWith(ancestor.path);
}
