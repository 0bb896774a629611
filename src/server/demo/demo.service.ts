import { count, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import { enterprises, projects, units, users } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { unitPath } from '../../domain/units.ts';
import { YUAN_PER_WAN } from '../../domain/money.ts';
import { DEMO_ENTERPRISES, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS, demoProjects } from './demo-data.ts';

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(units);
  return Number(row?.n ?? 0) === 0;
}

const SYSTEM = { userId: null, unitId: null, requestId: 'demo' };

/** Loads the demo city into an empty database, in one transaction, each row in the audit trail as 'seed'. */
export async function loadDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const unitIds = new Map<string, { id: number; path: string }>();
    for (const unit of DEMO_UNITS) {
      const [next] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('units', 'id'))::int as id`);
      const parent = unit.parent ? unitIds.get(unit.parent)! : undefined;
      const id = next!.id;
      const path = unitPath(parent?.path ?? null, id);
      await tx.insert(units).values({ id, code: unit.code, name: unit.name, kind: unit.kind, parentId: parent?.id ?? null, path });
      unitIds.set(unit.code, { id, path });
      await recordAudit(tx, SYSTEM, { entity: 'unit', entityId: id, unitId: id, action: 'seed', after: unit });
    }
    for (const user of DEMO_USERS) {
      const unitId = unitIds.get(user.unit)!.id;
      const [row] = await tx
        .insert(users)
        .values({ username: user.username, displayName: user.displayName, role: user.role, unitId, passwordHash })
        .returning({ id: users.id });
      await recordAudit(tx, SYSTEM, { entity: 'user', entityId: row!.id, unitId, action: 'seed', after: { username: user.username, role: user.role } });
    }
    const enterpriseIds = new Map<string, number>();
    for (const enterprise of DEMO_ENTERPRISES) {
      const unitId = unitIds.get(enterprise.unit)!.id;
      const [row] = await tx
        .insert(enterprises)
        .values({ unitId, name: enterprise.name, creditCode: enterprise.creditCode ?? null, hqRegionCode: enterprise.hqRegionCode })
        .returning();
      enterpriseIds.set(enterprise.key, row!.id);
      await recordAudit(tx, SYSTEM, { entity: 'enterprise', entityId: row!.id, unitId, action: 'seed', after: row });
    }
    for (const project of demoProjects()) {
      const unitId = unitIds.get(project.unit)!.id;
      const [row] = await tx
        .insert(projects)
        .values({
          unitId,
          name: project.name,
          investorEnterpriseId: enterpriseIds.get(project.investor)!,
          totalInvestmentYuan: project.totalWan * YUAN_PER_WAN,
          stage: project.stage,
        })
        .returning();
      await recordAudit(tx, SYSTEM, { entity: 'project', entityId: row!.id, unitId, action: 'seed', after: row });
    }
  });
}
