import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import { units, users } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { unitPath } from '../../domain/units.ts';
import { passwordProblem } from '../../domain/password-policy.ts';

export type InitialSetup = { cityCode: string; cityName: string };

/** A random initial password that passes the policy; shown once, to be changed at first login. */
export function generateInitialPassword(): string {
  for (;;) {
    const candidate = 'Zs-' + randomBytes(9).toString('base64url');
    if (!passwordProblem(candidate, 'admin')) return candidate;
  }
}

/**
 * A production start on an empty database: the city root unit and one bureau account `admin`
 * whose password must be changed before anything else can be done.
 */
export async function createCityAndAdmin(db: Db, setup: InitialSetup): Promise<{ username: string; password: string }> {
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  const system = { userId: null, unitId: null, requestId: 'setup' };
  await db.transaction(async (tx) => {
    const [next] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('units', 'id'))::int as id`);
    const id = next!.id;
    await tx.insert(units).values({ id, code: setup.cityCode, name: setup.cityName, kind: 'city', parentId: null, path: unitPath(null, id) });
    await recordAudit(tx, system, { entity: 'unit', entityId: id, unitId: id, action: 'create', after: setup });
    const [admin] = await tx
      .insert(users)
      .values({ username: 'admin', displayName: '系统管理员', role: 'bureau', unitId: id, passwordHash, mustChangePassword: true })
      .returning({ id: users.id });
    await recordAudit(tx, system, { entity: 'user', entityId: admin!.id, unitId: id, action: 'create', after: { username: 'admin', role: 'bureau' } });
  });
  return { username: 'admin', password };
}
