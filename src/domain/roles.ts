/** Who may do what, independent of which unit they belong to (domain.md §1). */
export const ROLES = ['bureau', 'staff', 'leader', 'department'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that write business records (enterprises, projects…) inside their scope. */
export function canWriteRecords(role: Role): boolean {
  return role === 'bureau' || role === 'staff';
}

/** Only the city bureau manages the unit tree, user accounts and reads the audit trail. */
export function canAdminister(role: Role): boolean {
  return role === 'bureau';
}

/** A department sees only what is routed to it, never a unit's records as such. */
export function seesUnitRecords(role: Role): boolean {
  return role !== 'department';
}
