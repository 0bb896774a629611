import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { call, createTestApp, creditCode, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';

describe('the audit trail', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  /** The audit rows written by the request that just answered, found by the id Fastify gave it. */
  async function rowsOfLastRequest(response: LightMyRequestResponse) {
    expect(response.statusCode, response.body).toBe(200);
    const last = t.requests[t.requests.length - 1]!;
    expect(last.statusCode).toBe(200);
    return (await t.read.audit()).filter((row) => row.requestId === last.id);
  }

  /** Makes a change and checks it wrote exactly one audit row, carrying the request's id; returns that row. */
  async function oneRowFor(response: Promise<LightMyRequestResponse>) {
    const before = (await t.read.audit()).length;
    const rows = await rowsOfLastRequest(await response);
    expect(rows).toHaveLength(1);
    expect((await t.read.audit()).length).toBe(before + 1);
    return rows[0]!;
  }

  it('records the create and update of a unit: actor, unit, entity, id, before → after', async () => {
    const created = await oneRowFor(call(t.app, bureau, 'POST', '/api/units', { code: 'JX-Z', name: '甲县新区', kind: 'zone', parentId: w.countyA.id }));
    const unitId = Number(created.entityId);
    expect(created).toMatchObject({
      actorUserId: w.bureau.id,
      actorUnitId: w.city.id,
      unitId,
      entity: 'unit',
      action: 'create',
      before: null,
      after: { id: unitId, code: 'JX-Z', name: '甲县新区', kind: 'zone', parentId: w.countyA.id },
    });
    const updated = await oneRowFor(call(t.app, bureau, 'PATCH', `/api/units/${unitId}`, { name: '甲县高新区' }));
    expect(updated).toMatchObject({
      actorUserId: w.bureau.id,
      unitId,
      entity: 'unit',
      entityId: String(unitId),
      action: 'update',
      before: { name: '甲县新区' },
      after: { name: '甲县高新区' },
    });
    expect(updated.requestId).not.toBe(created.requestId);
  });

  it('records the create and update of a user, never with the password hash', async () => {
    const created = await oneRowFor(
      call(t.app, bureau, 'POST', '/api/users', {
        username: 'wangwu',
        displayName: '王五',
        role: 'staff',
        unitId: w.countyB.id,
        password: 'Initial-pass-1',
      }),
    );
    const userId = Number(created.entityId);
    expect(created).toMatchObject({
      actorUserId: w.bureau.id,
      unitId: w.countyB.id,
      entity: 'user',
      action: 'create',
      before: null,
      after: { id: userId, username: 'wangwu', role: 'staff', mustChangePassword: true },
    });
    const updated = await oneRowFor(call(t.app, bureau, 'PATCH', `/api/users/${userId}`, { displayName: '王五五', password: 'Reset-pass-2' }));
    expect(updated).toMatchObject({
      entity: 'user',
      entityId: String(userId),
      action: 'update',
      before: { displayName: '王五' },
      after: { displayName: '王五五', passwordReset: true },
    });
    expect(JSON.stringify([created, updated])).not.toMatch(/passwordHash|\$argon2/);
  });

  it('records the create and update of an enterprise and a project, filed under their unit', async () => {
    const enterprise = await oneRowFor(call(t.app, staffA, 'POST', '/api/enterprises', { name: '审计测试企业有限公司', creditCode: creditCode(101) }));
    const enterpriseId = Number(enterprise.entityId);
    expect(enterprise).toMatchObject({
      actorUserId: w.staffA.id,
      actorUnitId: w.countyA.id,
      unitId: w.countyA.id,
      entity: 'enterprise',
      action: 'create',
      before: null,
      after: { id: enterpriseId, name: '审计测试企业有限公司', creditCode: creditCode(101) },
    });
    expect(
      await oneRowFor(call(t.app, staffA, 'PATCH', `/api/enterprises/${enterpriseId}`, { unitId: w.parkA.id })),
    ).toMatchObject({ entity: 'enterprise', entityId: String(enterpriseId), action: 'update', unitId: w.parkA.id, before: { unitId: w.countyA.id }, after: { unitId: w.parkA.id } });

    const project = await oneRowFor(
      call(t.app, staffA, 'POST', '/api/projects', { name: '审计测试项目', investorEnterpriseId: enterpriseId, unitId: w.countyA.id, totalInvestmentYuan: 5_000_000 }),
    );
    const projectId = Number(project.entityId);
    expect(project).toMatchObject({
      actorUserId: w.staffA.id,
      unitId: w.countyA.id,
      entity: 'project',
      action: 'create',
      before: null,
      after: { id: projectId, stage: 'lead', totalInvestmentYuan: 5_000_000 },
    });
    expect(await oneRowFor(call(t.app, staffA, 'PATCH', `/api/projects/${projectId}`, { totalInvestmentYuan: 6_000_000 }))).toMatchObject({
      entity: 'project',
      entityId: String(projectId),
      action: 'update',
      before: { totalInvestmentYuan: 5_000_000 },
      after: { totalInvestmentYuan: 6_000_000 },
    });
    expect(
      await oneRowFor(call(t.app, staffA, 'POST', `/api/projects/${projectId}/stage`, { to: 'signed', date: '2026-03-01', evidence: { contractNo: 'AU-1' } })),
    ).toMatchObject({ entity: 'project', entityId: String(projectId), action: 'update', before: { stage: 'lead' }, after: { stage: 'signed' } });
  });

  it('a change that fails writes neither a record nor an audit row', async () => {
    const before = await t.read.counts();
    const duplicate = await call(t.app, staffA, 'POST', '/api/enterprises', { name: '重复代码企业有限公司', creditCode: w.enterpriseA.creditCode });
    expectApiError(duplicate, 409, 'creditCode.taken', 'creditCode');
    // The same code typed in lower case with spaces is the same code.
    const spaced = w.enterpriseA.creditCode!.toLowerCase().replace(/(.{6})/g, '$1 ');
    expectApiError(await call(t.app, staffA, 'POST', '/api/enterprises', { name: '重复代码企业有限公司', creditCode: spaced }), 409, 'creditCode.taken', 'creditCode');
    const b = await t.read.enterprise(w.enterpriseB.id);
    expectApiError(
      await call(t.app, bureau, 'PATCH', `/api/enterprises/${w.enterpriseB.id}`, { name: '改名并撞码', creditCode: w.enterpriseA.creditCode }),
      409,
      'creditCode.taken',
      'creditCode',
    );
    expect(await t.read.enterprise(w.enterpriseB.id)).toEqual(b);
    expectApiError(await call(t.app, bureau, 'POST', '/api/users', { username: 'staff_a', displayName: '重名', role: 'staff', unitId: w.countyA.id, password: 'Another-pass-1' }), 409, 'user.usernameTaken', 'username');
    expect(await t.read.counts()).toEqual(before);
  });

  it('the database itself refuses to change or delete audit rows', async () => {
    const rows = await t.read.audit();
    expect(rows.length).toBeGreaterThan(0);
    await expect(t.db.execute(sql`update audit_log set action = 'forged'`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_log where id = ${rows[0]!.id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect(await t.read.audit()).toEqual(rows);
  });

  it('only the bureau reads the trail', async () => {
    for (const username of ['staff_a', 'leader_a', 'dept']) {
      expectApiError(await call(t.app, await logIn(t.app, username), 'GET', '/api/audit'), 403, 'auth.forbidden');
    }
    const response = await call(t.app, bureau, 'GET', `/api/audit?entity=project&pageSize=200`);
    expect(response.statusCode).toBe(200);
    const page = response.json() as { items: { entity: string; action: string; requestId: string; actorName: string }[]; total: number };
    expect(page.total).toBe(3);
    expect(page.items.map((i) => [i.entity, i.action])).toEqual([
      ['project', 'update'],
      ['project', 'update'],
      ['project', 'create'],
    ]);
    expect(page.items[0]!.actorName).toBe(w.staffA.displayName);
    expect(page.items[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  type Entry = { entity: string; entityId: string; action: string; entityName: string | null };
  const trailOf = async (query: string) =>
    ((await call(t.app, bureau, 'GET', `/api/audit?${query}&pageSize=200`)).json() as { items: Entry[] }).items;

  it('names every record in the trail: by its current name, a deleted one by the name its row recorded, funds by their project (issue 16)', async () => {
    const projects = await trailOf('entity=project');
    expect(projects.length).toBeGreaterThan(0);
    expect(new Set(projects.map((i) => i.entityName))).toEqual(new Set(['审计测试项目']));
    const projectId = Number(projects[0]!.entityId);
    expect((await call(t.app, staffA, 'PATCH', `/api/projects/${projectId}`, { name: '审计测试项目（二期）' })).statusCode).toBe(200);
    // Every row of the project, the older ones too, is named as the project is called now.
    expect(new Set((await trailOf('entity=project')).map((i) => i.entityName))).toEqual(new Set(['审计测试项目（二期）']));

    const funds = await call(t.app, staffA, 'POST', `/api/projects/${projectId}/funds`, { arrivedOn: '2026-03-01', source: 'outOfProvince', amountYuan: 1_000_000, evidenceRef: '银行回单 AU-1' });
    expect(funds.statusCode, funds.body).toBe(200);
    expect((await trailOf('entity=fundEntry')).map((i) => [i.action, i.entityName])).toEqual([['create', '审计测试项目（二期）']]);

    const enterprises = await trailOf('entity=enterprise');
    expect(new Set(enterprises.map((i) => i.entityName))).toEqual(new Set(['审计测试企业有限公司']));
    const users = await trailOf(`entity=user&entityId=${w.staffA.id}`);
    expect(users.every((i) => i.entityName === w.staffA.displayName)).toBe(true);

    // A unit deleted since: each of its rows keeps the name that row recorded.
    const created = (await call(t.app, bureau, 'POST', '/api/units', { code: 'AU-DEL', name: '待删除园区', kind: 'park', parentId: w.countyA.id })).json() as { id: number };
    expect((await call(t.app, bureau, 'DELETE', `/api/units/${created.id}`)).statusCode).toBe(200);
    expect((await trailOf(`entity=unit&entityId=${created.id}`)).map((i) => [i.action, i.entityName])).toEqual([
      ['delete', '待删除园区'],
      ['create', '待删除园区'],
    ]);
  });

  it('does not log a language switch as a change of the user (issue 16)', async () => {
    const before = (await t.read.audit()).length;
    expect((await call(t.app, staffA, 'PUT', '/api/auth/locale', { locale: 'en' })).statusCode).toBe(200);
    expect((await call(t.app, staffA, 'PUT', '/api/auth/locale', { locale: 'zh-CN' })).statusCode).toBe(200);
    expect((await call(t.app, staffA, 'GET', '/api/auth/me')).json().locale).toBe('zh-CN');
    expect((await t.read.audit()).length).toBe(before);
  });

  it('never holds a password hash, whatever happened before', async () => {
    const colleague = await t.given.user({ unit: w.countyA, role: 'staff', username: 'hashless', mustChangePassword: true });
    const session = await logIn(t.app, 'hashless');
    await call(t.app, session, 'POST', '/api/auth/password', { currentPassword: 'Test-pass-2026', newPassword: 'Changed-pass-9' });
    await call(t.app, bureau, 'PATCH', `/api/users/${colleague.id}`, { password: 'Reset-again-pass-3', unlock: true });
    const hashes = [(await t.read.user(colleague.id))!.passwordHash, (await t.read.user(w.bureau.id))!.passwordHash];
    const trail = JSON.stringify(await t.read.audit());
    expect(trail).not.toMatch(/\$argon2/);
    expect(trail).not.toMatch(/passwordHash|password_hash/);
    for (const hash of hashes) expect(trail).not.toContain(hash);
  });
});
