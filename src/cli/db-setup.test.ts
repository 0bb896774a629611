import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { latestMigration, migrate } from '../server/db/migrate.ts';
import { loadDemo } from '../server/demo/demo.service.ts';
import { DEMO_PASSWORD } from '../server/demo/demo-data.ts';
import { TEST_PG_URL } from '../../test/support/environment.ts';
import { TEST_DB_KIND } from '../../test/support/test-db.ts';
import { setUpPostgres } from './db-setup.ts';

/** The two roles on a PostgreSQL server (the embedded database has one user and relies on the trigger alone). */
describe.skipIf(TEST_DB_KIND !== 'postgres')('zhaoshang db setup: an owner role and an app role', () => {
  const tag = randomBytes(4).toString('hex');
  const names = { database: `zs_t_setup_${tag}`, owner: `zs_t_owner_${tag}`, app: `zs_t_app_${tag}` };
  let appUrl: string;
  let asApp: Database;

  beforeAll(async () => {
    const result = await setUpPostgres({ superuserUrl: TEST_PG_URL, ...names, appPassword: 'App-role-pass-1' });
    expect(result.migration).toEqual(latestMigration());
    appUrl = result.appUrl;
    asApp = await openDatabase({ databaseUrl: appUrl });
  }, 120_000);

  afterAll(async () => {
    await asApp?.close();
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${names.database} with (force)`);
    await admin.query(`drop role if exists ${names.app}`);
    await admin.query(`drop role if exists ${names.owner}`);
    await admin.end();
  });

  /** A statement run as the app role, on a connection of its own; the error's SQLSTATE, or null if it ran. */
  async function asAppRole(statement: string): Promise<string | null> {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      await client.query(statement);
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? 'unknown';
    } finally {
      await client.end();
    }
  }

  it('lets the app work: the schema is current, the demo loads, a login and a change write their audit rows', async () => {
    // Starting as the app role: nothing to migrate, and no DDL tried.
    expect(await migrate(asApp.db)).toEqual(latestMigration());
    await loadDemo(asApp.db);
    const app = await buildApp({
      db: asApp.db,
      databaseKind: 'postgres',
      migration: latestMigration(),
      clock: () => new Date(),
      auth: { idleMinutes: 30 },
      demo: true,
      secureCookies: false,
      webDist: null,
    });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bureau', password: DEMO_PASSWORD } });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = `zs_session=${login.cookies.find((c) => c.name === 'zs_session')!.value}`;
      const created = await app.inject({ method: 'POST', url: '/api/enterprises', headers: { cookie }, payload: { name: '角色检查科技有限公司' } });
      expect(created.statusCode, created.body).toBe(200);
      const trail = await app.inject({ method: 'GET', url: '/api/audit?entity=enterprise', headers: { cookie } });
      expect(trail.statusCode, trail.body).toBe(200);
    } finally {
      await app.close();
    }
    expect(await asAppRole("insert into audit_log (entity, entity_id, action) values ('enterprise', '0', 'create')")).toBeNull();
    expect(await asAppRole('select count(*) from audit_log')).toBeNull();
  }, 120_000);

  it('refuses the app role every way of changing or hiding the audit trail', async () => {
    const insufficientPrivilege = '42501';
    expect(await asAppRole('update audit_log set action = action')).toBe(insufficientPrivilege);
    expect(await asAppRole('delete from audit_log')).toBe(insufficientPrivilege);
    expect(await asAppRole('truncate audit_log')).toBe(insufficientPrivilege);
    expect(await asAppRole('alter table audit_log disable trigger all')).toBe(insufficientPrivilege);
    expect(await asAppRole('alter table audit_log disable trigger user')).toBe(insufficientPrivilege);
    expect(await asAppRole('drop table audit_log')).toBe(insufficientPrivilege);
    expect(await asAppRole('create table sneaky (x int)')).toBe(insufficientPrivilege);
    expect(await asAppRole('delete from zs_migrations')).toBe(insufficientPrivilege);
    expect(await asAppRole(`set role ${names.owner}`)).toBe(insufficientPrivilege);
  });

  it('runs again after an upgrade without harm, keeping the password', async () => {
    const again = await setUpPostgres({ superuserUrl: TEST_PG_URL, ...names });
    expect(again.appPasswordSet).toBeNull();
    expect(again.migration).toEqual(latestMigration());
    expect(await asAppRole('update audit_log set action = action')).toBe('42501');
  }, 120_000);
});
