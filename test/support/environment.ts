import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_PG_URL = process.env.ZHAOSHANG_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The four suites vitest.config.ts defines, in the order they run. */
export const SUITES = ['unit', 'pglite', 'postgres', 'e2e'] as const;

const UNAVAILABLE = 'ZHAOSHANG_SUITES_UNAVAILABLE';

/**
 * The config tells the closing line which suites it left out and why (PostgreSQL or Chromium missing), through the
 * environment of the vitest process: the config is bundled apart from the reporter, so a module variable would not do.
 */
export function announceUnavailableSuites(reasons: Record<string, string>): void {
  process.env[UNAVAILABLE] = JSON.stringify(reasons);
}

/** A database URL fit for a log line: its password, if any, masked. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

export function unavailableSuites(): Record<string, string> {
  try {
    return JSON.parse(process.env[UNAVAILABLE] ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** The same server, another database on it. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}

/** Runs `use` with the URL of a new, empty database on the test server, dropped afterwards. */
export async function withScratchDatabase<T>(prefix: string, use: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    return await use(withDatabase(TEST_PG_URL, name));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
