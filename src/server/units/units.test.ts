import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';

type World = Awaited<ReturnType<TestApp['given']['twoCounties']>>;

describe('the unit tree', () => {
  // Moves rebuild the tree, so every test starts from a fresh world.
  let t: TestApp;
  let w: World;
  let bureau: Session;
  beforeEach(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
  });
  afterEach(() => t.close());

  it('the bureau creates a county under the city and a park under the county', async () => {
    const county = await call(t.app, bureau, 'POST', '/api/units', { code: 'BX', name: '丙县', kind: 'county', parentId: w.city.id });
    expect(county.statusCode, county.body).toBe(200);
    const c = county.json() as { id: number; path: string; parentId: number };
    expect(c).toMatchObject({ code: 'BX', name: '丙县', kind: 'county', parentId: w.city.id, path: `${w.city.path}${c.id}/` });
    const park = await call(t.app, bureau, 'POST', '/api/units', { code: 'BX-P', name: '丙县园区', kind: 'park', parentId: c.id });
    expect(park.statusCode, park.body).toBe(200);
    const p = park.json() as { id: number };
    expect(park.json()).toMatchObject({ parentId: c.id, path: `${c.path}${p.id}/` });
    expect(await t.read.unit(p.id)).toMatchObject({ kind: 'park', parentId: c.id, path: `${c.path}${p.id}/` });
    const list = (await call(t.app, bureau, 'GET', '/api/units')).json() as { items: { id: number }[] };
    expect(list.items.map((u) => u.id)).toEqual(expect.arrayContaining([c.id, p.id]));
  });

  it('lists the tree parents first, siblings in numeric id order (2 before 11)', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await call(t.app, bureau, 'POST', '/api/units', { code: `Z${i}`, name: `开发区${i}`, kind: 'zone', parentId: w.city.id })).statusCode).toBe(200);
    }
    const list = (await call(t.app, bureau, 'GET', '/api/units')).json() as { items: { id: number; parentId: number | null; path: string }[] };
    const ids = list.items.map((u) => u.id);
    const position = new Map(ids.map((id, i) => [id, i]));
    for (const unit of list.items) if (unit.parentId !== null) expect(position.get(unit.parentId)!).toBeLessThan(position.get(unit.id)!);
    const cityChildren = list.items.filter((u) => u.parentId === w.city.id).map((u) => u.id);
    expect(cityChildren).toEqual([...cityChildren].sort((a, b) => a - b));
    expect(Math.max(...cityChildren)).toBeGreaterThanOrEqual(10);
  });

  it('a unit code is used once', async () => {
    const before = await t.read.counts();
    const response = await call(t.app, bureau, 'POST', '/api/units', { code: w.countyA.code, name: '同码县', kind: 'county', parentId: w.city.id });
    expectApiError(response, 409, 'unit.codeTaken', 'code');
    expect(await t.read.counts()).toEqual(before);
  });

  it('a park cannot hold a county, neither when created nor when moved', async () => {
    const before = await t.read.counts();
    expectApiError(
      await call(t.app, bureau, 'POST', '/api/units', { code: 'BAD', name: '园区下的县', kind: 'county', parentId: w.parkA.id }),
      400,
      'unit.badParent',
      'parentId',
    );
    const countyB = await t.read.unit(w.countyB.id);
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/units/${w.countyB.id}`, { parentId: w.parkA.id }), 400, 'unit.badParent', 'kind');
    expect(await t.read.unit(w.countyB.id)).toEqual(countyB);
    expect(await t.read.counts()).toEqual(before);
  });

  it('a unit cannot change to a kind that cannot hold its sub-units', async () => {
    // 甲县 › 开发区 › 镇: the zone may not become a park (a park holds nothing), 甲县 may not become a zone (a zone holds no zone).
    const zone = await t.given.unit({ kind: 'zone', parent: w.countyA });
    await t.given.unit({ kind: 'town', parent: zone });
    const zoneBefore = await t.read.unit(zone.id);
    const countyBefore = await t.read.unit(w.countyA.id);
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/units/${zone.id}`, { kind: 'park' }), 400, 'unit.badParent', 'kind');
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/units/${w.countyA.id}`, { kind: 'zone' }), 400, 'unit.badParent', 'kind');
    expect(await t.read.unit(zone.id)).toEqual(zoneBefore);
    expect(await t.read.unit(w.countyA.id)).toEqual(countyBefore);
    // A kind that holds the same sub-units is fine: a county becomes a district.
    expect((await call(t.app, bureau, 'PATCH', `/api/units/${w.countyA.id}`, { kind: 'district' })).json()).toMatchObject({ kind: 'district' });
  });

  it('the city root stays the root and stays a city', async () => {
    const city = await t.read.unit(w.city.id);
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/units/${w.city.id}`, { parentId: w.countyA.id }), 400, 'unit.rootFixed', 'parentId');
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/units/${w.city.id}`, { kind: 'county' }), 400, 'validation.invalid', 'kind');
    expectApiError(await call(t.app, bureau, 'DELETE', `/api/units/${w.city.id}`), 409, 'unit.notEmpty');
    expect(await t.read.unit(w.city.id)).toEqual(city);
  });

  it('moving a unit carries its subtree, and its staff still see the records below', async () => {
    const town = await t.given.unit({ kind: 'town', parent: w.countyA, name: '甲县镇' });
    const enterprisePark = await t.given.enterprise({ unit: w.parkA });
    const projectPark = await t.given.project({ unit: w.parkA, investor: enterprisePark });
    // 甲县 becomes a zone (开发区) under 乙县.
    const moved = await call(t.app, bureau, 'PATCH', `/api/units/${w.countyA.id}`, { parentId: w.countyB.id, kind: 'zone' });
    expect(moved.statusCode, moved.body).toBe(200);
    const newPath = `${w.countyB.path}${w.countyA.id}/`;
    expect(moved.json()).toMatchObject({ parentId: w.countyB.id, kind: 'zone', path: newPath });
    expect((await t.read.unit(w.parkA.id))!.path).toBe(`${newPath}${w.parkA.id}/`);
    expect((await t.read.unit(town.id))!.path).toBe(`${newPath}${town.id}/`);
    expect((await t.read.unit(w.countyB.id))!.path).toBe(w.countyB.path);

    const staffA = await logIn(t.app, 'staff_a');
    expect((await call(t.app, staffA, 'GET', `/api/projects/${projectPark.id}`)).statusCode).toBe(200);
    const units = (await call(t.app, staffA, 'GET', '/api/units')).json() as { items: { id: number }[] };
    expect(units.items.map((u) => u.id).sort()).toEqual([w.countyA.id, w.parkA.id, town.id].sort());
    // 乙县 now holds 甲县: its staff see the moved subtree too.
    const staffB = await logIn(t.app, 'staff_b');
    expect((await call(t.app, staffB, 'GET', `/api/projects/${projectPark.id}`)).statusCode).toBe(200);
    expect((await call(t.app, staffB, 'GET', `/api/projects/${w.projectA.id}`)).statusCode).toBe(200);
  });

  it('a unit cannot move under itself or below itself', async () => {
    const before = await t.read.unit(w.countyA.id);
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/units/${w.countyA.id}`, { parentId: w.countyA.id }), 400, 'unit.cycle', 'parentId');
    expectApiError(await call(t.app, bureau, 'PATCH', `/api/units/${w.countyA.id}`, { parentId: w.parkA.id, kind: 'town' }), 400, 'unit.cycle', 'parentId');
    expect(await t.read.unit(w.countyA.id)).toEqual(before);
  });

  it('only an empty unit can be deleted', async () => {
    const before = await t.read.counts();
    // 甲县 has a park, users and records; 甲县园区 has nothing but a record.
    expectApiError(await call(t.app, bureau, 'DELETE', `/api/units/${w.countyA.id}`), 409, 'unit.notEmpty');
    await t.given.project({ unit: w.parkA, investor: w.enterpriseA });
    expectApiError(await call(t.app, bureau, 'DELETE', `/api/units/${w.parkA.id}`), 409, 'unit.notEmpty');
    const userOnly = await t.given.unit({ kind: 'town', parent: w.countyB });
    await t.given.user({ unit: userOnly, role: 'staff' });
    expectApiError(await call(t.app, bureau, 'DELETE', `/api/units/${userOnly.id}`), 409, 'unit.notEmpty');
    expect((await t.read.counts()).units).toBe(before.units + 1);

    const empty = await t.given.unit({ kind: 'town', parent: w.countyB, name: '空镇' });
    expect((await call(t.app, bureau, 'DELETE', `/api/units/${empty.id}`)).statusCode).toBe(200);
    expect(await t.read.unit(empty.id)).toBeUndefined();
    expect((await t.read.audit()).filter((a) => a.entity === 'unit' && a.entityId === String(empty.id))).toMatchObject([
      { action: 'delete', before: { name: '空镇' } },
    ]);
    expectApiError(await call(t.app, bureau, 'DELETE', `/api/units/${empty.id}`), 404, 'notFound');
  });

  it('staff and leaders cannot touch units, not even their own', async () => {
    for (const username of ['staff_a', 'leader_a']) {
      const session = await logIn(t.app, username);
      const before = await t.read.counts();
      const countyA = await t.read.unit(w.countyA.id);
      expectApiError(await call(t.app, session, 'POST', '/api/units', { code: 'OWN', name: '自建园区', kind: 'park', parentId: w.countyA.id }), 403, 'auth.forbidden');
      expectApiError(await call(t.app, session, 'PATCH', `/api/units/${w.countyA.id}`, { name: '自改名' }), 403, 'auth.forbidden');
      const empty = await t.given.unit({ kind: 'town', parent: w.countyA });
      expectApiError(await call(t.app, session, 'DELETE', `/api/units/${empty.id}`), 403, 'auth.forbidden');
      expect(await t.read.unit(w.countyA.id)).toEqual(countyA);
      expect((await t.read.counts()).units).toBe(before.units + 1);
    }
  });

  it('lists show the caller their own subtree; the bureau sees the whole tree, a department none', async () => {
    const ids = async (username: string) =>
      ((await call(t.app, await logIn(t.app, username), 'GET', '/api/units')).json() as { items: { id: number }[] }).items
        .map((u) => u.id)
        .sort((a, b) => a - b);
    expect(await ids('staff_a')).toEqual([w.countyA.id, w.parkA.id]);
    expect(await ids('leader_a')).toEqual([w.countyA.id, w.parkA.id]);
    expect(await ids('bureau')).toEqual([w.city.id, w.countyA.id, w.countyB.id, w.parkA.id]);
    expect(await ids('dept')).toEqual([]);
  });
});
