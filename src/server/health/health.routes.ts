import { sql } from 'drizzle-orm';
import { ZHealth } from '../../shared/health.ts';
import type { AppDeps, ZApp } from '../deps.ts';

export async function healthRoutes(app: ZApp, deps: AppDeps) {
  app.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: ZHealth } }, config: { auth: 'public' } },
    async () => {
      await deps.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: deps.databaseKind, migration: deps.migration, demo: deps.demo };
    },
  );
}
