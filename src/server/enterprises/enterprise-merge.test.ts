import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { call, createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TEnterpriseMerge, TEnterpriseMergePreview } from '../../shared/enterprise-merges.ts';
import { ENTERPRISE_REFERENCES } from './enterprise-merge.service.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';

describe('merging duplicate enterprises (issue 13)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
  let staffA: Session;
  let bureau: Session;
  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    bureau = await logIn(t.app, 'bureau');
  });
  afterAll(() => t.close());

  const ok = async (session: Session, method: 'GET' | 'POST', url: string, body?: object) => {
    const response = await call(t.app, session, method, url, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  /** Every reference to these enterprises, as rows of "table.column:row id → enterprise id", plus the merge marks. */
  const snapshot = async (ids: number[]) => {
    const list = sql.raw(ids.join(','));
    return queryRows<{ ref: string }>(
      t.db,
      sql`select ref from (
        select 'projects:' || id || '>' || investor_enterprise_id as ref from projects where investor_enterprise_id in (${list})
        union all select 'leads:' || id || '>' || enterprise_id from leads where enterprise_id in (${list})
        union all select 'visits:' || id || '>' || enterprise_id from visits where enterprise_id in (${list})
        union all select 'contacts:' || id || '>' || enterprise_id from enterprise_contacts where enterprise_id in (${list})
        union all select 'subsidiaries:' || id || '>' || parent_enterprise_id from enterprises where parent_enterprise_id in (${list})
        union all select 'names:' || id || '>' || enterprise_id || ':' || kind || ':' || name from enterprise_names where enterprise_id in (${list})
        union all select 'tiers:' || id || '>' || enterprise_id || ':' || list || ':' || year from enterprise_tiers where enterprise_id in (${list})
        union all select 'merged:' || id || '>' || coalesce(merged_into_id::text, '-') || ':' || fortune_global_500 from enterprises where id in (${list})
      ) r order by ref`,
    ).then((rows) => rows.map((r) => r.ref));
  };

  it('the list of references is every foreign key to enterprises in the database', async () => {
    const fks = await queryRows<{ ref: string }>(
      t.db,
      sql`select c.conrelid::regclass::text || '.' || a.attname as ref
          from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          where c.contype = 'f' and c.confrelid = 'enterprises'::regclass`,
    );
    expect(fks.map((r) => r.ref.replace(/^public\./, '')).sort()).toEqual(Object.keys(ENTERPRISE_REFERENCES).sort());
  });

  it('moves every reference and tier entry to the survivor, keeps the names, hides the duplicate, and undoes exactly', async () => {
    const survivor = w.enterpriseA;
    const dup = await t.given.enterprise({ unit: w.countyB, name: '甲县测试企业股份有限公司' });
    const child = await t.given.enterprise({ unit: w.countyB, name: '甲县测试子公司有限公司' });
    const project = await t.given.project({ unit: w.countyB, investor: dup, stage: 'lead' });
    const parented = await call(t.app, bureau, 'PATCH', `/api/enterprises/${child.id}`, { parentEnterpriseId: dup.id });
    expect(parented.statusCode, parented.body).toBe(200);
    await ok(staffA, 'POST', '/api/leads', { enterpriseId: dup.id, enterpriseName: dup.name, source: 'chamber', collectedOn: '2026-03-01' });
    await ok(staffA, 'POST', '/api/visits', { kind: 'talks', enterpriseId: dup.id, enterpriseName: dup.name, visitedOn: '2026-03-01' });
    await ok(staffA, 'POST', `/api/enterprises/${dup.id}/contacts`, { name: '李总', phone: '13812345678' });
    await ok(bureau, 'POST', `/api/enterprises/${dup.id}/names`, { kind: 'short', name: '甲测股份' });
    await ok(bureau, 'POST', `/api/enterprises/${dup.id}/tiers`, { list: 'fortune_global_500', year: 2025, rank: 300 });
    await ok(bureau, 'POST', `/api/enterprises/${dup.id}/tiers`, { list: 'high_tech', year: 2024 });
    await ok(bureau, 'POST', `/api/enterprises/${survivor.id}/tiers`, { list: 'high_tech', year: 2024 });
    const before = await snapshot([survivor.id, dup.id]);

    // Staff and leaders are refused; nothing moves.
    for (const username of ['staff_a', 'leader_a']) {
      const session = await logIn(t.app, username);
      expectApiError(await call(t.app, session, 'POST', `/api/enterprises/${survivor.id}/merges`, { mergedId: dup.id }), 403, 'auth.forbidden');
      expectApiError(await call(t.app, session, 'GET', `/api/enterprises/${survivor.id}/merge-preview?mergedId=${dup.id}`), 403, 'auth.forbidden');
    }
    expectApiError(await call(t.app, bureau, 'POST', `/api/enterprises/${survivor.id}/merges`, { mergedId: survivor.id }), 400, 'enterpriseMerge.same', 'mergedId');
    expect(await snapshot([survivor.id, dup.id])).toEqual(before);

    const preview = (await ok(bureau, 'GET', `/api/enterprises/${survivor.id}/merge-preview?mergedId=${dup.id}`)) as TEnterpriseMergePreview;
    expect(preview).toMatchObject({ counts: { projects: 1, leads: 1, visits: 1, contacts: 1, subsidiaries: 1, names: 1, tiers: 1 }, tiersKept: 1, closedMonths: [] });

    const merge = (await ok(bureau, 'POST', `/api/enterprises/${survivor.id}/merges`, { mergedId: dup.id })) as TEnterpriseMerge;
    expect(merge).toMatchObject({ survivorId: survivor.id, mergedId: dup.id, counts: preview.counts, undoneAt: null });
    const after = await snapshot([survivor.id, dup.id]);
    expect(after.filter((r) => /^(projects|leads|visits|contacts|subsidiaries):/.test(r)).every((r) => r.endsWith(`>${survivor.id}`))).toBe(true);
    expect(after).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^names:\\d+>${survivor.id}:former:甲县测试企业股份有限公司$`)),
        expect.stringMatching(new RegExp(`^names:\\d+>${survivor.id}:short:甲测股份$`)),
        expect.stringMatching(new RegExp(`^tiers:\\d+>${survivor.id}:fortune_global_500:2025$`)),
        expect.stringMatching(new RegExp(`^tiers:\\d+>${dup.id}:high_tech:2024$`)),
        `merged:${dup.id}>${survivor.id}:false`,
        `merged:${survivor.id}>-:true`,
      ]),
    );
    expect((await t.read.project(project.id))!.investorEnterpriseId).toBe(survivor.id);

    // The duplicate is hidden from search and lists; the survivor is found by the duplicate's name.
    const search = (await ok(staffA, 'GET', `/api/enterprises/search?q=${encodeURIComponent('甲县测试企业股份')}`)) as { items: { id: number }[] };
    expect(search.items.map((i) => i.id)).toContain(survivor.id);
    expect(search.items.map((i) => i.id)).not.toContain(dup.id);
    const list = (await ok(staffA, 'GET', '/api/enterprises?pageSize=200')) as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).not.toContain(dup.id);
    expectApiError(await call(t.app, bureau, 'POST', `/api/enterprises/${w.enterpriseB.id}/merges`, { mergedId: dup.id }), 409, 'enterpriseMerge.alreadyMerged', 'mergedId');

    // Audited: the merge, the duplicate's mark, each moved record.
    const audits = await queryRows<{ entity: string; action: string; reason: string | null }>(t.db, sql`select entity, action, reason from audit_log where reason = ${`合并重复企业 #${merge.id}`} or (entity = 'enterpriseMerge' and entity_id = ${String(merge.id)})`);
    expect(audits.map((a) => a.entity).sort()).toEqual(['contact', 'enterprise', 'enterprise', 'enterpriseMerge', 'enterpriseName', 'enterpriseTier', 'lead', 'project', 'visit'].sort());

    // Undo is refused to staff, and once the survivor has itself been merged into another.
    expectApiError(await call(t.app, staffA, 'POST', `/api/enterprise-merges/${merge.id}/undo`, {}), 403, 'auth.forbidden');
    const second = (await ok(bureau, 'POST', `/api/enterprises/${w.enterpriseB.id}/merges`, { mergedId: survivor.id })) as TEnterpriseMerge;
    expectApiError(await call(t.app, bureau, 'POST', `/api/enterprise-merges/${merge.id}/undo`, {}), 409, 'enterpriseMerge.survivorMergedSince');
    await ok(bureau, 'POST', `/api/enterprise-merges/${second.id}/undo`, {});

    const undone = (await ok(bureau, 'POST', `/api/enterprise-merges/${merge.id}/undo`, {})) as TEnterpriseMerge;
    expect(undone.undoneAt).not.toBeNull();
    expect(await snapshot([survivor.id, dup.id])).toEqual(before);
    expectApiError(await call(t.app, bureau, 'POST', `/api/enterprise-merges/${merge.id}/undo`, {}), 409, 'enterpriseMerge.undone');
    expect(((await ok(staffA, 'GET', '/api/enterprises?pageSize=200')) as { items: { id: number }[] }).items.map((i) => i.id)).toContain(dup.id);
    const history = (await ok(bureau, 'GET', `/api/enterprises/${dup.id}/merges`)) as { items: TEnterpriseMerge[] };
    expect(history.items.map((m) => m.id)).toEqual([merge.id]);
    expect(
      await queryRows(t.db, sql`select 1 from audit_log where entity = 'enterpriseMerge' and entity_id = ${String(merge.id)} and action = 'revert'`),
    ).toHaveLength(1);
  });

  it("moves the duplicate's chain placements, 'not a fit' marks and trip plan stops, keeping behind what the survivor already has on a link or a plan, and undoes exactly", async () => {
    const survivor = await t.given.enterprise({ unit: w.city, name: '链上保留企业有限公司' });
    const dup = await t.given.enterprise({ unit: w.city, name: '链上重复企业有限公司' });
    const chain = (await ok(bureau, 'POST', '/api/chains', { templateKey: 'power-battery' })) as { id: number; linkTree: { id: number }[] };
    const [first, second, third] = chain.linkTree.map((l) => l.id);
    await ok(bureau, 'POST', `/api/enterprises/${dup.id}/chain-placements`, { linkId: first });
    await ok(bureau, 'POST', `/api/enterprises/${dup.id}/chain-placements`, { linkId: second });
    await ok(bureau, 'POST', `/api/enterprises/${survivor.id}/chain-placements`, { linkId: second });
    await ok(bureau, 'POST', `/api/chains/${chain.id}/links/${third}/rejections`, { enterpriseId: dup.id, reason: '规模太小' });
    const plan = { fromOn: '2026-04-01', toOn: '2026-04-03', unitId: w.city.id };
    const dupOnly = (await ok(bureau, 'POST', '/api/trip-plans', { ...plan, title: '只拜访重复企业', stops: [{ enterpriseId: dup.id }] })) as { id: number };
    const both = (await ok(bureau, 'POST', '/api/trip-plans', { ...plan, title: '两家都拜访', stops: [{ enterpriseId: dup.id }, { enterpriseId: survivor.id }] })) as { id: number };
    const refs = async () =>
      queryRows<{ ref: string }>(
        t.db,
        sql`select ref from (
          select 'placement:' || id || '>' || enterprise_id || '@' || link_id as ref from chain_placements where enterprise_id in (${survivor.id}, ${dup.id})
          union all select 'rejection:' || id || '>' || enterprise_id || '@' || link_id from chain_link_rejections where enterprise_id in (${survivor.id}, ${dup.id})
          union all select 'stop:' || id || '>' || enterprise_id || '@plan' || plan_id from trip_plan_stops where enterprise_id in (${survivor.id}, ${dup.id})
        ) r order by ref`,
      ).then((rows) => rows.map((r) => r.ref));
    const before = await refs();

    const preview = (await ok(bureau, 'GET', `/api/enterprises/${survivor.id}/merge-preview?mergedId=${dup.id}`)) as TEnterpriseMergePreview;
    expect(preview.counts).toMatchObject({ chainPlacements: 1, chainRejections: 1, tripPlanStops: 1 });
    const merge = (await ok(bureau, 'POST', `/api/enterprises/${survivor.id}/merges`, { mergedId: dup.id })) as TEnterpriseMerge;
    const after = await refs();
    expect(after.filter((r) => r.endsWith(`@${first}`) || r.endsWith(`@${third}`)).every((r) => r.includes(`>${survivor.id}@`))).toBe(true);
    // The survivor already sits on the second link: the duplicate's placement there stays with the duplicate.
    expect(after.filter((r) => r.startsWith('placement:') && r.endsWith(`@${second}`)).map((r) => r.split('>')[1]).sort()).toEqual([`${survivor.id}@${second}`, `${dup.id}@${second}`].sort());
    const rejected = (await ok(bureau, 'GET', `/api/chains/${chain.id}/links/${third}/rejections`)) as { items: { enterpriseId: number }[] };
    expect(rejected.items.map((i) => i.enterpriseId)).toEqual([survivor.id]);
    // A plan calls on an enterprise once: the plan with both keeps the duplicate's stop behind.
    const stopsOf = (planId: number) => after.filter((r) => r.startsWith('stop:') && r.endsWith(`@plan${planId}`)).map((r) => Number(r.split('>')[1]!.split('@')[0]));
    expect(stopsOf(dupOnly.id)).toEqual([survivor.id]);
    expect(stopsOf(both.id).sort()).toEqual([survivor.id, dup.id].sort());

    await ok(bureau, 'POST', `/api/enterprise-merges/${merge.id}/undo`, {});
    expect(await refs()).toEqual(before);
  });

  it('reverting the import that added a merged investor keeps the investor with its merge record', async () => {
    const csv = ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)'], [['合并测试项目', '合并测试投资方有限公司', '300']]);
    const body = multipartBody('合并.csv', csv);
    const upload = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    expect(upload.statusCode, upload.body).toBe(200);
    const batch = upload.json() as { id: number };
    await ok(staffA, 'POST', `/api/imports/${batch.id}/commit`);
    const [added] = await queryRows<{ id: number }>(t.db, sql`select id from enterprises where name = '合并测试投资方有限公司'`);
    await ok(bureau, 'POST', `/api/enterprises/${w.enterpriseA.id}/merges`, { mergedId: added!.id });
    await ok(staffA, 'POST', `/api/imports/${batch.id}/revert`);
    expect(await queryRows(t.db, sql`select 1 from projects where name = '合并测试项目'`)).toHaveLength(0);
    expect(await queryRows(t.db, sql`select 1 from enterprises where id = ${added!.id} and merged_into_id = ${w.enterpriseA.id}`)).toHaveLength(1);
  });

  it('a moved project in a closed month makes the merge a correction: a reason is required and recorded', async () => {
    const dup = await t.given.enterprise({ unit: w.countyB, name: '乙县测试企业股份有限公司' });
    const project = await t.given.project({ unit: w.countyB, investor: dup, stage: 'signed' });
    await ok(bureau, 'POST', '/api/closes', { year: 2026, month: 1 });
    const preview = (await ok(bureau, 'GET', `/api/enterprises/${w.enterpriseB.id}/merge-preview?mergedId=${dup.id}`)) as TEnterpriseMergePreview;
    expect(preview.closedMonths).toEqual(['2026-01']);
    expectApiError(await call(t.app, bureau, 'POST', `/api/enterprises/${w.enterpriseB.id}/merges`, { mergedId: dup.id }), 409, 'month.closed', 'reason');
    expect((await t.read.project(project.id))!.investorEnterpriseId).toBe(dup.id);
    const merge = (await ok(bureau, 'POST', `/api/enterprises/${w.enterpriseB.id}/merges`, { mergedId: dup.id, reason: '同一企业重复录入' })) as TEnterpriseMerge;
    expect(await queryRows(t.db, sql`select 1 from corrections where project_id = ${project.id} and reason = '同一企业重复录入'`)).toHaveLength(1);
    expectApiError(await call(t.app, bureau, 'POST', `/api/enterprise-merges/${merge.id}/undo`, {}), 409, 'month.closed', 'reason');
    await ok(bureau, 'POST', `/api/enterprise-merges/${merge.id}/undo`, { reason: '并非同一企业' });
    expect((await t.read.project(project.id))!.investorEnterpriseId).toBe(dup.id);
  });
});
