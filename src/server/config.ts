import { resolve } from 'node:path';

/** Everything the app reads from the environment, in one place (README › Configuration). */
export type AppConfig = {
  port: number;
  host: string;
  /** Folder of the embedded database and, later, uploaded files. */
  dataDir: string;
  /** A PostgreSQL server instead of the embedded database. */
  databaseUrl?: string;
  idleMinutes: number;
  /** Load the demo city into an empty database (default on; set ZHAOSHANG_DEMO=0 for a real deployment). */
  demo: boolean;
  secureCookies: boolean;
  cityCode: string;
  cityName: string;
  /** Run the deadline reminder job (at start, then hourly). */
  reminders: boolean;
  /** Server processes sharing the port (PostgreSQL server only); a primary process then runs the scheduled jobs. */
  workers: number;
  /** Origins besides the app's own host allowed to send state-changing requests: a reverse proxy's name (README › Security). */
  allowedOrigins: string[];
  /** Hosts unit robots may post to besides WeCom's and DingTalk's. */
  webhookHosts: string[];
  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For is believed; empty: none. */
  trustProxy: string;
};

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: positiveInt(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.ZHAOSHANG_DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    idleMinutes: positiveInt(env.ZHAOSHANG_IDLE_MINUTES, 30, 'ZHAOSHANG_IDLE_MINUTES'),
    demo: flag(env.ZHAOSHANG_DEMO, true),
    secureCookies: flag(env.ZHAOSHANG_SECURE_COOKIES, false),
    cityCode: env.ZHAOSHANG_CITY_CODE || '000000',
    cityName: env.ZHAOSHANG_CITY_NAME || '本市',
    reminders: flag(env.ZHAOSHANG_REMINDERS, true),
    workers: positiveInt(env.ZHAOSHANG_WORKERS, 1, 'ZHAOSHANG_WORKERS'),
    allowedOrigins: list(env.ZHAOSHANG_ALLOWED_ORIGINS),
    webhookHosts: list(env.ZHAOSHANG_WEBHOOK_HOSTS),
    trustProxy: list(env.ZHAOSHANG_TRUST_PROXY).join(','),
  };
}

/** The embedded database lives in a folder of its own inside the data folder. */
export function pgliteDir(config: AppConfig): string {
  return resolve(config.dataDir, 'db');
}
