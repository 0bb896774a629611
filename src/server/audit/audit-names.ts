import type { ServiceContext } from '../context.ts';
import { readAll } from '../db/client.ts';
import { projectNamesForCaller } from '../projects/projects.service.ts';
import { enterpriseNames } from '../enterprises/enterprises.service.ts';
import { unitNames } from '../units/units.service.ts';
import { userNames } from '../users/users.service.ts';
import { departmentNames } from '../departments/departments.service.ts';

type Row = { id: number; entity: string; entityId: string; before: unknown; after: unknown };

/** The keys a recorded snapshot names its record by, in the order they are trusted. */
const NAME_KEYS = ['name', 'displayName', 'title', 'fileName', 'label', 'username'] as const;
/** Records named by their own table, through its area's service. */
const NAMED_BY_AREA = ['project', 'enterprise', 'unit', 'user', 'department'] as const;
type NamedArea = (typeof NAMED_BY_AREA)[number];

const fieldOf = (snapshot: unknown, key: string): unknown =>
  snapshot !== null && typeof snapshot === 'object' ? (snapshot as Record<string, unknown>)[key] : undefined;

function snapshotName(row: Row): string | null {
  for (const snapshot of [row.after, row.before]) {
    for (const key of NAME_KEYS) {
      const value = fieldOf(snapshot, key);
      if (typeof value === 'string' && value.trim()) return value;
    }
  }
  return null;
}

/** The project or enterprise a record without a name of its own belongs to (funds, comments, contacts…). */
function parentOf(row: Row): { area: 'project' | 'enterprise'; id: number } | null {
  for (const snapshot of [row.after, row.before]) {
    const projectId = fieldOf(snapshot, 'projectId');
    if (typeof projectId === 'number') return { area: 'project', id: projectId };
    const enterpriseId = fieldOf(snapshot, 'enterpriseId');
    if (typeof enterpriseId === 'number') return { area: 'enterprise', id: enterpriseId };
  }
  return null;
}

/**
 * The name of each audited record on a page of the trail (issue 16), by audit row id: a project, enterprise, unit,
 * user or department by its current name (a project by the name the caller may see), else the name its snapshot
 * recorded (so a deleted record keeps one), else the name of the project or enterprise it belongs to.
 */
export async function auditRecordNames(ctx: ServiceContext, rows: Row[]): Promise<Map<number, string>> {
  const wanted: Record<NamedArea, number[]> = { project: [], enterprise: [], unit: [], user: [], department: [] };
  const own = (row: Row) => (NAMED_BY_AREA as readonly string[]).includes(row.entity) && /^\d+$/.test(row.entityId);
  for (const row of rows) {
    if (own(row)) wanted[row.entity as NamedArea].push(Number(row.entityId));
    else if (!snapshotName(row)) {
      const parent = parentOf(row);
      if (parent) wanted[parent.area].push(parent.id);
    }
  }
  const [projects, enterprises, units, users, departments] = await readAll(ctx.db, [
    () => projectNamesForCaller(ctx, wanted.project),
    () => enterpriseNames(ctx.db, wanted.enterprise),
    () => unitNames(ctx.db, wanted.unit),
    () => userNames(ctx.db, wanted.user),
    () => departmentNames(ctx.db, wanted.department),
  ] as const);
  const byArea: Record<NamedArea, Map<number, string>> = { project: projects, enterprise: enterprises, unit: units, user: users, department: departments };
  const names = new Map<number, string>();
  for (const row of rows) {
    const current = own(row) ? byArea[row.entity as NamedArea].get(Number(row.entityId)) : undefined;
    const parent = parentOf(row);
    const name = current ?? snapshotName(row) ?? (parent ? byArea[parent.area].get(parent.id) : undefined);
    if (name) names.set(row.id, name);
  }
  return names;
}
