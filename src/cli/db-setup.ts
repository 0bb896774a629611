import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../server/db/client.ts';
import { migrate, type MigrationState } from '../server/db/migrate.ts';

/**
 * `zhaoshang db setup`: the PostgreSQL deployment's two roles (README › PostgreSQL server).
 * - the owner (NOLOGIN) owns the schema and every table, and so the audit table's append-only trigger; migrations
 *   run as the owner, through the superuser's connection (SET ROLE), so nobody ever logs in as the owner;
 * - the app (LOGIN) is what DATABASE_URL names: it reads and writes the tables, but on audit_log it may only INSERT
 *   and SELECT, and as it owns nothing it can neither disable the trigger, nor truncate, alter or drop a table.
 * Run again after an upgrade: it is idempotent, applies pending migrations as the owner and grants anew.
 */
export type DbSetupOptions = {
  /** A superuser's URL on the server (its database is only used to create the app's). */
  superuserUrl: string;
  database: string;
  owner: string;
  app: string;
  /** The app role's password; a new one is made when the role is created without one, and kept otherwise. */
  appPassword?: string;
};

export type DbSetupResult = { migration: MigrationState; appUrl: string; appPasswordSet: string | null };

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export async function setUpPostgres(options: DbSetupOptions): Promise<DbSetupResult> {
  const { superuserUrl, database, owner, app } = options;
  for (const [what, name] of [['database', database], ['owner role', owner], ['app role', app]] as const) {
    if (!IDENTIFIER.test(name)) throw new Error(`${what} "${name}": use lower-case letters, digits and _ only`);
  }
  if (owner === app) throw new Error('the owner role and the app role must differ');

  let appPasswordSet: string | null = null;
  const server = new pg.Client({ connectionString: superuserUrl });
  await server.connect();
  try {
    const exists = async (query: string, value: string) => ((await server.query(query, [value])).rowCount ?? 0) > 0;
    if (!(await exists('select 1 from pg_roles where rolname = $1', owner))) await server.query(`create role ${owner} nologin`);
    if (!(await exists('select 1 from pg_roles where rolname = $1', app))) {
      appPasswordSet = options.appPassword ?? randomBytes(18).toString('base64url');
      await server.query(`create role ${app} login password ${server.escapeLiteral(appPasswordSet)}`);
    } else if (options.appPassword) {
      appPasswordSet = options.appPassword;
      await server.query(`alter role ${app} login password ${server.escapeLiteral(appPasswordSet)}`);
    }
    // The app role is nothing more: no superuser, no roles or databases of its own, not a member of the owner.
    await server.query(`alter role ${app} nosuperuser nocreatedb nocreaterole noreplication nobypassrls`);
    await server.query(`alter role ${owner} nosuperuser nocreatedb nocreaterole noreplication nobypassrls nologin`);
    if (await exists('select 1 from pg_auth_members m join pg_roles r on r.oid = m.roleid where r.rolname = $1', owner)) {
      await server.query(`revoke ${owner} from ${app}`).catch(() => undefined);
    }
    if (!(await exists('select 1 from pg_database where datname = $1', database))) await server.query(`create database ${database} owner ${owner}`);
    else await server.query(`alter database ${database} owner to ${owner}`);
  } finally {
    await server.end();
  }

  const inDatabase = new pg.Client({ connectionString: withDatabase(superuserUrl, database) });
  await inDatabase.connect();
  try {
    await inDatabase.query(`alter schema public owner to ${owner}`);
    await inDatabase.query('revoke all on schema public from public');
    await inDatabase.query(`revoke all on database ${database} from public`);
    await inDatabase.query(`grant connect, temporary on database ${database} to ${app}`);
    await inDatabase.query(`grant usage on schema public to ${app}`);
  } finally {
    await inDatabase.end();
  }

  // Migrations as the owner: the superuser's session takes the owner's role from its first statement.
  const asOwner = await openDatabase({ databaseUrl: withRole(withDatabase(superuserUrl, database), owner) });
  let migration: MigrationState;
  try {
    migration = await migrate(asOwner.db);
  } finally {
    await asOwner.close();
  }

  const grants = new pg.Client({ connectionString: withRole(withDatabase(superuserUrl, database), owner) });
  await grants.connect();
  try {
    await grants.query('begin');
    await grants.query(`grant select, insert, update, delete on all tables in schema public to ${app}`);
    await grants.query(`grant usage, select, update on all sequences in schema public to ${app}`);
    // The trail: written and read, never changed or removed (the trigger refuses it too; this refuses it first).
    await grants.query(`revoke update, delete, truncate, references, trigger on audit_log from ${app}`);
    // The migration record is the owner's: the app reads it to know the schema's version.
    await grants.query(`revoke insert, update, delete, truncate on zs_migrations from ${app}`);
    await grants.query('commit');
  } catch (error) {
    await grants.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await grants.end();
  }

  const appUrl = new URL(withDatabase(superuserUrl, database));
  appUrl.username = app;
  appUrl.password = appPasswordSet ?? '';
  return { migration, appUrl: appUrl.toString(), appPasswordSet };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A connection that acts as `role` from its start (libpq's options: -c role=…), which a superuser may take. */
function withRole(url: string, role: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c role=${role}`);
  return u.toString();
}
