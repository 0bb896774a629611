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
  return roots;
}

/** Whether `unit` is `ancestor` or lies below it (paths are "/1/4/9/"). */
export function isInSubtreeOf(unit: TUnit, ancestor: TUnit): boolean {
  return unit.path.startsWith(ancestor.path);
}
