import { eq } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';
import { units } from '../server/db/schema.ts';
import { createUser } from '../server/users/users.service.ts';
import { generateInitialPassword } from '../server/setup/setup.service.ts';
import type { Role } from '../domain/roles.ts';

export type AddUserOptions = { username: string; role: Role; unitCode: string; displayName?: string; password?: string };

/** The operator at the console acts as the bureau: the same service, rules and audit row as the web's. */
export async function addUserFromCli(db: Db, options: AddUserOptions) {
  const [unit] = await db.select().from(units).where(eq(units.code, options.unitCode));
  if (!unit) throw new Error(`no unit with code ${options.unitCode}`);
  const password = options.password ?? generateInitialPassword();
  const [root] = await db.select().from(units).where(eq(units.path, unit.path.split('/').slice(0, 2).join('/') + '/'));
  const created = await createUser(
    { db, caller: { userId: 0, username: 'cli', role: 'bureau', unitId: root!.id, unitPath: root!.path }, requestId: 'cli', now: new Date() },
    { username: options.username, displayName: options.displayName ?? options.username, role: options.role, unitId: unit.id, password },
  );
  return { ...created, password };
}
