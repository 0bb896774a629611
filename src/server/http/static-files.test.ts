import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { latestMigration } from '../db/migrate.ts';
import type { Database } from '../db/client.ts';
import type { ZApp } from '../deps.ts';
import { openTestDatabase } from '../../../test/support/test-db.ts';

/**
 * The web app's files as the build leaves them (issue 16, weight): a compressed copy sent to a browser that accepts
 * it, hashed assets cached for a year, the shell checked on every load.
 */
describe('serving the built web app', () => {
  let dist: string;
  let database: Database;
  let app: ZApp;
  const script = `console.log(${JSON.stringify('招商'.repeat(2000))});`;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'zs-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>招商引资平台</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'main-abc123.js'), script);
    writeFileSync(join(dist, 'assets', 'main-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(join(dist, 'assets', 'main-abc123.js.gz'), gzipSync(script));
    database = await openTestDatabase();
    app = await buildApp({
      db: database.db,
      databaseKind: database.kind,
      migration: latestMigration(),
      clock: () => new Date(),
      auth: { idleMinutes: 30 },
      demo: false,
      secureCookies: false,
      webDist: dist,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends the brotli copy of a hashed asset to a browser that accepts it, cached for a year', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(script);
    expect(response.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 10);
  });

  it('sends gzip or the plain file to a browser that does not take brotli', async () => {
    const gzip = await app.inject({ method: 'GET', url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ method: 'GET', url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('has the shell checked on every load, at / and at a client route', async () => {
    for (const url of ['/', '/projects/12']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.body, url).toContain('招商引资平台');
    }
  });
});
