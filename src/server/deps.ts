import type { FastifyInstance, FastifyBaseLogger, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db, DatabaseKind } from './db/client.ts';
import type { MigrationState } from './db/migrate.ts';
import type { AuthSettings } from './auth/auth.service.ts';
import type { WebhookPolicy } from './reminders/webhook-target.ts';

/** What route plugins are given: the database, the clock and settings. Nothing global. */
export type AppDeps = {
  db: Db;
  databaseKind: DatabaseKind;
  migration: MigrationState;
  clock: () => Date;
  auth: AuthSettings;
  demo: boolean;
  secureCookies: boolean;
  /** Origins besides the app's own host that may send state-changing requests (a reverse proxy's name). */
  allowedOrigins?: readonly string[];
  /** Where unit robots may post besides the WeCom and DingTalk hosts (ZHAOSHANG_WEBHOOK_HOSTS). */
  webhooks?: WebhookPolicy;
};

export type ZApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
