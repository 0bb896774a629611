import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { TEST_DB_KIND } from '../../../test/support/test-db.ts';
import { latestMigration } from '../db/migrate.ts';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database kind and the migration version without a login', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: TEST_DB_KIND, migration: latestMigration(), demo: false });
  });

  it('answers every request with its request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document with every area', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/projects', '/api/projects/{id}', '/api/enterprises', '/api/units', '/api/users', '/api/audit', '/api/auth/login']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
