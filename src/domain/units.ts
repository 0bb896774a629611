/**
 * The unit tree: city → county / district / zone → park / town.
 * A unit's path lists its ancestors' ids and its own, e.g. "/1/4/9/", so a subtree is a path prefix.
 */
export const UNIT_KINDS = ['city', 'county', 'district', 'zone', 'park', 'town'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

const CHILD_KINDS: Record<UnitKind, readonly UnitKind[]> = {
  city: ['county', 'district', 'zone'],
  county: ['park', 'town', 'zone'],
  district: ['park', 'town', 'zone'],
  zone: ['park', 'town'],
  park: [],
  town: [],
};

export function canHoldChild(parent: UnitKind, child: UnitKind): boolean {
  return CHILD_KINDS[parent].includes(child);
}

export function unitPath(parentPath: string | null, id: number): string {
  return (parentPath ?? '/') + id + '/';
}

export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}
