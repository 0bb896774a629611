import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TEvidenceFile } from '../../shared/files.ts';
import type { TProjectLifecycle } from '../../shared/project-stages.ts';

/** A multipart body with one file, as a browser sends it. */
function multipart(fileName: string, content: Buffer) {
  const boundary = '----zhaoshang' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);

describe('evidence files', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let leaderA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    leaderA = await logIn(t.app, 'leader_a');
  });
  afterAll(() => t.close());

  const upload = (session: Session, projectId: number, fileName: string, content: Buffer) => {
    const body = multipart(fileName, content);
    return t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/files`, payload: body.payload, headers: { ...body.headers, cookie: session.cookie } });
  };

  it('stores a site photo, sniffed by its bytes, and attaches it to the start of construction', async () => {
    const response = await upload(staffA, w.projectA.id, '开工现场.jpg', JPEG);
    expect(response.statusCode, response.body).toBe(200);
    const file = response.json() as TEvidenceFile;
    expect(file).toMatchObject({ fileName: '开工现场.jpg', contentType: 'image/jpeg', size: JPEG.length, stageEventId: null });
    const moved = await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/stage`, { to: 'started', date: '2026-03-01', fileIds: [file.id] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as TProjectLifecycle).events.at(-1)!.fileIds).toEqual([file.id]);
    // A file is attached once.
    const again = await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/stage`, { to: 'producing', date: '2026-03-02', fileIds: [file.id] });
    expectApiError(again, 404, 'notFound', 'fileIds');
    const download = await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: { cookie: leaderA.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.rawPayload.equals(JPEG)).toBe(true);
  });

  it('refuses other types, empty and oversized files, and writes nothing', async () => {
    const before = await t.read.counts();
    expectApiError(await upload(staffA, w.projectA.id, '照片.jpg', Buffer.from('MZ\x90\x00 not a photo')), 415, 'evidence.file.type', 'file');
    expectApiError(await upload(staffA, w.projectA.id, 'empty.png', Buffer.alloc(0)), 400, 'evidence.file.empty', 'file');
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]);
    expectApiError(await upload(staffA, w.projectA.id, 'big.jpg', big), 413, 'evidence.file.tooLarge', 'file');
    expect(await t.read.counts()).toEqual(before);
  });

  it('keeps files inside the project’s units and away from read-only users', async () => {
    const file = (await upload(staffA, w.projectA.id, '合同扫描件.pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n'))).json() as TEvidenceFile;
    expectApiError(await upload(staffB, w.projectA.id, 'x.jpg', JPEG), 404, 'notFound');
    expectApiError(await upload(leaderA, w.projectA.id, 'x.jpg', JPEG), 403, 'auth.readOnly');
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${file.id}`, headers: { cookie: staffB.cookie } })).statusCode).toBe(404);
    expect((await call(t.app, staffB, 'GET', `/api/projects/${w.projectA.id}/files`)).statusCode).toBe(404);
    const own = (await call(t.app, staffA, 'GET', `/api/projects/${w.projectA.id}/files`)).json() as { items: TEvidenceFile[] };
    expect(own.items.map((f) => f.contentType)).toEqual(['image/jpeg', 'application/pdf']);
  });
});
