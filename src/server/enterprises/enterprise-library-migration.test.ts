import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, sql } from 'drizzle-orm';
import { openBlankDatabase } from '../../../test/support/test-db.ts';
import { migrateTo } from '../../../test/support/migrate-to.ts';
import { call, creditCode, Given, logIn } from '../../../test/support/test-app.ts';
import { buildApp } from '../app.ts';
import { queryRows, type Database } from '../db/client.ts';
import { latestMigration, migrate } from '../db/migrate.ts';
import { enterpriseTiers, enterprises } from '../db/schema.ts';
import type { ZApp } from '../deps.ts';
import type { TEnterprise } from '../../shared/enterprises.ts';

/**
 * Issue 13 turns the unit-owned enterprises into the city's library. A database filled by the version before it
 * (two counties, each with its enterprises, two of them of the same name) is migrated: nothing is lost, each keeps
 * the unit that recorded it, a 世界500强 flag becomes a tier entry, and each county now reads both counties' enterprises.
 */
describe('migrating today’s enterprises into the library', () => {
  let database: Database;
  let app: ZApp;
  let before: Record<string, unknown>[];
  beforeAll(async () => {
    database = await openBlankDatabase();
    const db = database.db;
    await migrateTo(db, '0025_local_industries');
    await db.execute(sql`insert into units (id, code, name, kind, parent_id, path) values
      (1, 'C', '测试市', 'city', null, '/1/'), (2, 'A', '甲县', 'county', 1, '/1/2/'), (3, 'B', '乙县', 'county', 1, '/1/3/')`);
    await db.execute(sql`select setval(pg_get_serial_sequence('units', 'id'), 3)`);
    await db.execute(sql`insert into enterprises (unit_id, name, credit_code, hq_region_code, fortune_global_500, created_at, updated_at) values
      (2, '华联电池股份有限公司', ${creditCode(11)}, '440305', true, '2025-03-01T02:00:00Z', '2025-04-01T02:00:00Z'),
      (2, '同名企业有限公司', null, '420602', false, '2025-05-01T02:00:00Z', '2025-05-01T02:00:00Z'),
      (3, '同名企业有限公司', ${creditCode(12)}, null, false, '2025-06-01T02:00:00Z', '2025-06-01T02:00:00Z'),
      (3, '乙县机械有限公司', null, '420607', false, '2025-07-01T02:00:00Z', '2025-07-01T02:00:00Z')`);
    before = await queryRows(db, sql`select * from enterprises order by id`);

    expect(await migrate(db)).toEqual(latestMigration());
    const given = new Given(db);
    await given.user({ unit: { id: 2 }, role: 'staff', username: 'staff_a' });
    await given.user({ unit: { id: 3 }, role: 'staff', username: 'staff_b' });
    app = await buildApp({
      db,
      databaseKind: database.kind,
      migration: latestMigration(),
      clock: () => new Date('2026-03-02T02:00:00Z'),
      auth: { idleMinutes: 30, loginsPerMinute: 100_000 },
      demo: false,
      secureCookies: false,
      webDist: null,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('loses nothing: every enterprise keeps its id, names, codes, HQ, recording unit, dates and 世界500强 flag', async () => {
    const after = await database.db.select().from(enterprises).orderBy(asc(enterprises.id));
    expect(after).toHaveLength(before.length);
    expect(
      after.map((e) => ({
        id: e.id,
        unit_id: e.unitId,
        name: e.name,
        credit_code: e.creditCode,
        hq_region_code: e.hqRegionCode,
        fortune_global_500: e.fortuneGlobal500,
        created_at: e.createdAt.toISOString(),
        updated_at: e.updatedAt.toISOString(),
      })),
    ).toEqual(
      before.map((e) => ({
        id: e.id,
        unit_id: e.unit_id,
        name: e.name,
        credit_code: e.credit_code,
        hq_region_code: e.hq_region_code,
        fortune_global_500: e.fortune_global_500,
        created_at: new Date(e.created_at as string).toISOString(),
        updated_at: new Date(e.updated_at as string).toISOString(),
      })),
    );
    expect(after.every((e) => e.localUnitId === null && e.parentEnterpriseId === null && e.industryCodes.length === 0)).toBe(true);
    const tiers = await database.db.select().from(enterpriseTiers);
    expect(tiers.map((t) => [t.enterpriseId, t.list])).toEqual([[before[0]!.id, 'fortune_global_500']]);
  });

  it('lets both counties read both counties’ enterprises, the same-named ones side by side with their recording units', async () => {
    for (const username of ['staff_a', 'staff_b']) {
      const session = await logIn(app, username);
      const response = await call(app, session, 'GET', '/api/enterprises?pageSize=50');
      expect(response.statusCode, response.body).toBe(200);
      const items = (response.json() as { items: TEnterprise[] }).items;
      expect(items.map((e) => [e.name, e.unitName]).sort()).toEqual([
        ['乙县机械有限公司', '乙县'],
        ['华联电池股份有限公司', '甲县'],
        ['同名企业有限公司', '乙县'],
        ['同名企业有限公司', '甲县'],
      ]);
      expect(items.find((e) => e.name === '华联电池股份有限公司')).toMatchObject({ fortuneGlobal500: true, tiers: [{ list: 'fortune_global_500' }] });
    }
  });
});
