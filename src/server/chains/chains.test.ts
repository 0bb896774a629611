import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, desc, eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, chainLinks, chainPlacements, enterprises, enterpriseTiers, projects } from '../db/schema.ts';
import { createChain } from './chains.service.ts';
import type { TChain, TChainGaps, TChainLink, TChainMap, TLinkRecords, TPlacements } from '../../shared/chains.ts';
import type { TChainTemplate } from '../../shared/chain-templates.ts';

/**
 * Issue 14: the city's chains — a template copied and edited as a tree by the bureau, things placed on links by those
 * who may write them, the chain map's numbers and statuses, the records behind each node adding up to its numbers, the
 * gap list, "not a fit" marks; and what a county may not see or do.
 */
const link = (key: string, name: string, codes: string[], keywords: string[], children: TChainTemplate['segments']['upstream'] = []) => ({
  key,
  name,
  nameEn: key,
  industryCodes: codes,
  keywords,
  products: [],
  children,
});
const BATTERY: TChainTemplate = {
  key: 'test-battery',
  name: '动力及储能电池',
  nameEn: 'Power and storage batteries',
  note: '测试模板',
  segments: {
    upstream: [link('materials', '关键材料', ['26'], ['材料'], [link('cathode', '正极材料', ['2613'], ['正极材料', '磷酸铁锂']), link('electrolyte', '电解液', ['2614'], ['电解液'])])],
    midstream: [link('cells', '电芯', ['3841'], ['电芯', '锂离子电池'])],
    downstream: [link('recycling', '电池回收', ['4210'], ['回收'])],
  },
};

describe('industrial chains (issue 14)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let staffB: Session;
  let chain: TChain;
  const linkNamed = (name: string) => chain.linkTree.find((l) => l.name === name)!;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    const caller = { userId: w.bureau.id, username: 'bureau', role: 'bureau' as const, unitId: w.city.id, unitPath: w.city.path };
    chain = await createChain({ db: t.db, caller, requestId: null, now: t.clock.now() }, { templateKey: BATTERY.key }, async (key) => (key === BATTERY.key ? BATTERY : undefined));
  });
  afterAll(() => t.close());

  it('copies a template into the city’s chains: its links in order, segment by segment, audited', () => {
    expect(chain).toMatchObject({ name: '动力及储能电池', templateKey: 'test-battery', active: true, links: 5 });
    expect(chain.linkTree.map((l) => [l.name, l.segment, l.depth])).toEqual([
      ['关键材料', 'upstream', 0],
      ['正极材料', 'upstream', 1],
      ['电解液', 'upstream', 1],
      ['电芯', 'midstream', 0],
      ['电池回收', 'downstream', 0],
    ]);
    expect(linkNamed('正极材料')).toMatchObject({ industryCodes: ['2613'], keywords: ['正极材料', '磷酸铁锂'], parentId: linkNamed('关键材料').id });
  });

  it('copies a shipped template through the API: every link of data/chains/power-battery.json, audited with the count', async () => {
    const templates = (await call(t.app, staffB, 'GET', '/api/chain-templates')).json() as { items: { key: string; links: number }[] };
    expect(templates.items).toHaveLength(10);
    const shipped = templates.items.find((x) => x.key === 'power-battery')!;
    const copied = (await call(t.app, bureau, 'POST', '/api/chains', { templateKey: 'power-battery', name: '储能电池(副本)' })).json() as TChain;
    expect(copied).toMatchObject({ name: '储能电池(副本)', templateKey: 'power-battery', links: shipped.links });
    expect(copied.linkTree).toHaveLength(shipped.links);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'chain')).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: 'create', entityId: String(copied.id), after: expect.objectContaining({ linksCopied: shipped.links }) });
    // Kept apart from the chain the other cases use.
    await call(t.app, bureau, 'PATCH', `/api/chains/${copied.id}`, { active: false });
  });

  it('refuses an unknown template and a taken name; only the bureau creates chains', async () => {
    await expectApiError(await call(t.app, bureau, 'POST', '/api/chains', { templateKey: 'no-such-chain' }), 400, 'chain.templateUnknown', 'templateKey');
    await expectApiError(await call(t.app, bureau, 'POST', '/api/chains', { name: '动力及储能电池' }), 409, 'chain.nameTaken', 'name');
    await expectApiError(await call(t.app, staffA, 'POST', '/api/chains', { name: '县里的链' }), 403, 'auth.forbidden');
    const list = (await call(t.app, staffB, 'GET', '/api/chains')).json() as { items: { name: string; links: number }[] };
    expect(list.items.map((c) => [c.name, c.links])).toEqual([
      ['动力及储能电池', 5],
      ['储能电池(副本)', expect.any(Number)],
    ]);
  });

  it('edits the tree: add, rename keeping the id, move with sub-links, no cycle, no other chain; staff may not', async () => {
    const added = (await call(t.app, bureau, 'POST', `/api/chains/${chain.id}/links`, { parentId: linkNamed('关键材料').id, segment: 'downstream', name: '隔膜', nameEn: 'Separators', industryCodes: ['2927'], keywords: ['隔膜'] })).json() as TChainLink;
    expect(added).toMatchObject({ name: '隔膜', segment: 'upstream', depth: 1, position: 2 });
    const renamed = (await call(t.app, bureau, 'PATCH', `/api/chains/${chain.id}/links/${added.id}`, { name: '隔膜材料', keywords: ['隔膜', '隔膜'] })).json() as TChainLink;
    expect(renamed).toMatchObject({ id: added.id, name: '隔膜材料', keywords: ['隔膜'] });

    await expectApiError(await call(t.app, bureau, 'PATCH', `/api/chains/${chain.id}/links/${linkNamed('关键材料').id}`, { parentId: linkNamed('正极材料').id }), 400, 'chain.cycle', 'parentId');
    const other = (await call(t.app, bureau, 'POST', '/api/chains', { name: '新能源汽车', nameEn: 'New energy vehicles' })).json() as TChain;
    const otherLink = (await call(t.app, bureau, 'POST', `/api/chains/${other.id}/links`, { segment: 'midstream', name: '整车', nameEn: 'Vehicles' })).json() as TChainLink;
    await expectApiError(await call(t.app, bureau, 'PATCH', `/api/chains/${chain.id}/links/${added.id}`, { parentId: otherLink.id }), 400, 'chain.crossChain', 'parentId');
    await expectApiError(await call(t.app, bureau, 'PATCH', `/api/chains/${other.id}/links/${added.id}`, { name: '越链' }), 404, 'notFound');

    // 关键材料 moves to midstream with its sub-links; then back.
    await call(t.app, bureau, 'PATCH', `/api/chains/${chain.id}/links/${linkNamed('关键材料').id}`, { segment: 'midstream' });
    let tree = ((await call(t.app, bureau, 'GET', `/api/chains/${chain.id}`)).json() as TChain).linkTree;
    expect(tree.filter((l) => l.segment === 'midstream').map((l) => l.name)).toEqual(['电芯', '关键材料', '正极材料', '电解液', '隔膜材料']);
    await call(t.app, bureau, 'PATCH', `/api/chains/${chain.id}/links/${linkNamed('关键材料').id}`, { segment: 'upstream', position: 0 });
    tree = ((await call(t.app, bureau, 'GET', `/api/chains/${chain.id}`)).json() as TChain).linkTree;
    expect(tree.filter((l) => l.segment === 'upstream').map((l) => l.name)).toEqual(['关键材料', '正极材料', '电解液', '隔膜材料']);

    const before = await t.read.counts();
    await expectApiError(await call(t.app, staffA, 'PATCH', `/api/chains/${chain.id}/links/${added.id}`, { name: '县改' }), 403, 'auth.forbidden');
    await expectApiError(await call(t.app, staffA, 'PATCH', `/api/chains/${chain.id}`, { name: '县改' }), 403, 'auth.forbidden');
    expect(await t.read.counts()).toEqual(before);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'chainLink')).orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'create', 'update', 'update']);
  });

  it('sets 链长, lead department and 专班, refusing unknown people', async () => {
    const dept = (await call(t.app, bureau, 'POST', '/api/departments', { unitId: w.city.id, name: '市经信局' })).json() as { id: number };
    const updated = (await call(t.app, bureau, 'PATCH', `/api/chains/${chain.id}`, { leaderUserId: w.leaderA.id, leadDepartmentId: dept.id, thresholds: { strongMinLocalEnterprises: 2, strongMinLeadingEnterprises: 1, strongMinStartedProjects: 1 } })).json() as TChain;
    expect(updated).toMatchObject({ leaderUserId: w.leaderA.id, leadDepartmentName: '市经信局', thresholds: { strongMinLocalEnterprises: 2 } });
    const members = (await call(t.app, bureau, 'PUT', `/api/chains/${chain.id}/members`, { members: [{ userId: w.staffA.id, role: 'head' }, { userId: w.staffB.id, role: 'member' }] })).json() as TChain;
    expect(members.members.map((m) => [m.unitName, m.role])).toEqual([
      ['甲县', 'head'],
      ['乙县', 'member'],
    ]);
    await expectApiError(await call(t.app, bureau, 'PUT', `/api/chains/${chain.id}/members`, { members: [{ userId: 2_147_483_000, role: 'head' }] }), 404, 'notFound', 'members.0.userId');
    await expectApiError(await call(t.app, bureau, 'PUT', `/api/chains/${chain.id}/members`, { members: [{ userId: w.staffA.id, role: 'head' }, { userId: w.staffA.id, role: 'member' }] }), 400, 'chain.memberTwice', 'members.1.userId');
  });

  describe('placements and the map', () => {
    let local1: number;
    let local2: number;
    let target: number;
    let leadA: number;
    let startedA: number;

    beforeAll(async () => {
      const enterprise = async (name: string, values: Partial<typeof enterprises.$inferInsert>) => {
        const row = await t.given.enterprise({ unit: w.city, name });
        await t.db.update(enterprises).set(values).where(eq(enterprises.id, row.id));
        return row.id;
      };
      local1 = await enterprise('甲县正极材料有限公司', { localUnitId: w.countyA.id, industryCodes: ['2613'], businessScope: '磷酸铁锂正极材料的研发与生产', sizeBand: 'large' });
      local2 = await enterprise('乙县材料科技有限公司', { localUnitId: w.countyB.id, industryCodes: ['2613'], sizeBand: 'small' });
      target = await enterprise('外地电解液股份有限公司', { industryCodes: ['2614'], businessScope: '电解液、六氟磷酸锂' });
      await t.db.insert(enterpriseTiers).values({ enterpriseId: local2, list: 'little_giant', year: 2024 });
      const lead = await call(t.app, staffA, 'POST', '/api/leads', { enterpriseName: '某电芯企业有限公司', source: 'online', collectedOn: '2026-02-01', industryCode: '3841' });
      expect(lead.statusCode, lead.body).toBe(200);
      leadA = (lead.json() as { id: number }).id;
      startedA = (await t.given.project({ unit: w.countyA, investor: { id: local1 }, name: '甲县正极材料扩产项目', stage: 'started' })).id;
    });

    it('suggests links for a project from its code and words, and places it on one link only', async () => {
      await t.db.update(projects).set({ industryCode: '2613' }).where(eq(projects.id, startedA));
      const found = (await call(t.app, staffA, 'GET', `/api/projects/${startedA}/chain-placements`)).json() as TPlacements;
      expect(found.placements).toEqual([]);
      expect(found.suggestions[0]).toMatchObject({ linkName: '正极材料', score: 50 });
      expect(found.suggestions[0]!.reason.zh).toBe('行业代码 2613 完全匹配 +40；含“正极材料” +10');
      const cathode = linkNamed('正极材料').id;
      const placed = (await call(t.app, staffA, 'PUT', `/api/projects/${startedA}/chain-placement`, { linkId: linkNamed('电芯').id })).json() as TPlacements;
      expect(placed.placements.map((p) => [p.linkName, p.status])).toEqual([['电芯', 'confirmed']]);
      const moved = (await call(t.app, staffA, 'PUT', `/api/projects/${startedA}/chain-placement`, { linkId: cathode })).json() as TPlacements;
      expect(moved.placements.map((p) => p.linkName)).toEqual(['正极材料']);
      expect(await t.db.select().from(chainPlacements).where(eq(chainPlacements.projectId, startedA))).toHaveLength(1);
      expect((await call(t.app, staffA, 'PUT', `/api/leads/${leadA}/chain-placement`, { linkId: linkNamed('电芯').id })).statusCode).toBe(200);
      // A county's own project on county B's enterprise's link: the bureau or the local unit places enterprises.
      expect((await call(t.app, staffA, 'POST', `/api/enterprises/${local1}/chain-placements`, { linkId: cathode })).statusCode).toBe(200);
      expect((await call(t.app, bureau, 'POST', `/api/enterprises/${local2}/chain-placements`, { linkId: cathode })).statusCode).toBe(200);
      expect((await call(t.app, bureau, 'POST', `/api/enterprises/${target}/chain-placements`, { linkId: linkNamed('电解液').id })).statusCode).toBe(200);
      await expectApiError(await call(t.app, bureau, 'POST', `/api/enterprises/${local2}/chain-placements`, { linkId: cathode }), 409, 'chain.alreadyPlaced', 'linkId');
    });

    it('lets no county place or unplace another county’s records, nor place an enterprise not local to it', async () => {
      const before = await t.db.select().from(chainPlacements);
      await expectApiError(await call(t.app, staffB, 'PUT', `/api/projects/${startedA}/chain-placement`, { linkId: linkNamed('电芯').id }), 404, 'notFound');
      await expectApiError(await call(t.app, staffB, 'DELETE', `/api/projects/${startedA}/chain-placement`), 404, 'notFound');
      await expectApiError(await call(t.app, staffB, 'GET', `/api/projects/${startedA}/chain-placements`), 404, 'notFound');
      await expectApiError(await call(t.app, staffB, 'PUT', `/api/leads/${leadA}/chain-placement`, { linkId: linkNamed('电芯').id }), 404, 'notFound');
      await expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${local1}/chain-placements`, { linkId: linkNamed('电芯').id }), 403, 'chain.placeEnterpriseForbidden');
      await expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${target}/chain-placements`, { linkId: linkNamed('电芯').id }), 403, 'chain.placeEnterpriseForbidden');
      await expectApiError(await call(t.app, staffB, 'DELETE', `/api/enterprises/${local1}/chain-placements/${linkNamed('正极材料').id}`), 403, 'chain.placeEnterpriseForbidden');
      const leader = await logIn(t.app, 'leader_a');
      await expectApiError(await call(t.app, leader, 'PUT', `/api/projects/${startedA}/chain-placement`, { linkId: linkNamed('电芯').id }), 403, 'auth.readOnly');
      expect(await t.db.select().from(chainPlacements)).toEqual(before);
    });

    it('draws the map: numbers per node over its sub-links, statuses under the chain’s thresholds, scoped counts', async () => {
      const map = (await call(t.app, bureau, 'GET', `/api/chains/${chain.id}/map`)).json() as TChainMap;
      const node = (name: string) => map.nodes.find((n) => n.name === name)!;
      expect(map.scope.kind).toBe('city');
      expect(node('正极材料')).toMatchObject({
        figures: { localEnterprises: 2, leadingEnterprises: 2, targetEnterprises: 0, leads: 0, projects: 1, signedProjects: 1, startedProjects: 1 },
        status: 'strong',
      });
      expect(node('电解液')).toMatchObject({ figures: { localEnterprises: 0, targetEnterprises: 1 }, status: 'gap' });
      expect(node('关键材料')).toMatchObject({ figures: { localEnterprises: 2, targetEnterprises: 1, startedProjects: 1 }, status: 'strong' });
      expect(node('电芯')).toMatchObject({ figures: { leads: 1, localEnterprises: 0, startedProjects: 0 }, status: 'gap' });

      // County B sees the enterprises (public facts) but not county A's project or lead; its status is its view.
      const mapB = (await call(t.app, staffB, 'GET', `/api/chains/${chain.id}/map`)).json() as TChainMap;
      const nodeB = (name: string) => mapB.nodes.find((n) => n.name === name)!;
      expect(mapB.scope.kind).toBe('subtree');
      expect(nodeB('正极材料').figures).toMatchObject({ localEnterprises: 2, projects: 0, startedProjects: 0 });
      expect(nodeB('电芯').figures.leads).toBe(0);
      const recordsB = (await call(t.app, staffB, 'GET', `/api/chains/${chain.id}/links/${linkNamed('关键材料').id}/records`)).json() as TLinkRecords;
      expect(recordsB.projects).toEqual([]);
      expect(JSON.stringify(recordsB)).not.toContain('甲县正极材料扩产项目');
    });

    it('counts no project merged into another (issue 17): the survivor stands for the investment on the map', async () => {
      const cathode = linkNamed('正极材料').id;
      const figuresOf = async () => ((await call(t.app, bureau, 'GET', `/api/chains/${chain.id}/map`)).json() as TChainMap).nodes.find((n) => n.linkId === cathode)!.figures;
      const before = await figuresOf();
      const duplicate = (await t.given.project({ unit: w.countyB, investor: { id: local1 }, name: '乙县正极材料扩产项目', stage: 'started' })).id;
      expect((await call(t.app, bureau, 'PUT', `/api/projects/${duplicate}/chain-placement`, { linkId: cathode })).statusCode).toBe(200);
      expect(await figuresOf()).toMatchObject({ projects: before.projects + 1, startedProjects: before.startedProjects + 1 });
      // The bureau's 甄别 merged it into 甲县's project (which has a placement of its own, so this one stayed).
      await t.db.update(projects).set({ mergedIntoId: startedA }).where(eq(projects.id, duplicate));
      expect(await figuresOf()).toEqual(before);
      const records = (await call(t.app, bureau, 'GET', `/api/chains/${chain.id}/links/${cathode}/records`)).json() as TLinkRecords;
      expect(records.projects.map((p) => p.id)).not.toContain(duplicate);
      // Left merged (it counts nowhere) and off the map, as the tests below expect the link.
      await t.db.delete(chainPlacements).where(eq(chainPlacements.projectId, duplicate));
    });

    it('lists behind every node exactly the records that make its numbers, for the bureau and for a county', async () => {
      for (const session of [bureau, staffA, staffB]) {
        const map = (await call(t.app, session, 'GET', `/api/chains/${chain.id}/map`)).json() as TChainMap;
        for (const node of map.nodes) {
          const records = (await call(t.app, session, 'GET', `/api/chains/${chain.id}/links/${node.linkId}/records`)).json() as TLinkRecords;
          const f = node.figures;
          expect(records.figures, `${session.username} ${node.name}`).toEqual(f);
          expect(records.enterprises.filter((e) => e.local)).toHaveLength(f.localEnterprises);
          expect(records.enterprises.filter((e) => e.leading)).toHaveLength(f.leadingEnterprises);
          expect(records.enterprises.filter((e) => !e.local)).toHaveLength(f.targetEnterprises);
          expect(records.leads).toHaveLength(f.leads);
          expect(records.projects).toHaveLength(f.projects);
          expect(records.projects.filter((p) => p.signed)).toHaveLength(f.signedProjects);
          expect(records.projects.filter((p) => p.started)).toHaveLength(f.startedProjects);
        }
      }
    });

    it('lists the gaps before the weak links, in the chain’s order', async () => {
      const gaps = (await call(t.app, bureau, 'GET', `/api/chains/${chain.id}/gaps`)).json() as TChainGaps;
      expect(gaps.items.map((g) => [g.name, g.status])).toEqual([
        ['电解液', 'gap'],
        ['隔膜材料', 'gap'],
        ['电芯', 'gap'],
        ['电池回收', 'gap'],
      ]);
      // One local enterprise of two makes 电解液 weak under the chain's threshold of 2.
      const small = await t.given.enterprise({ unit: w.city, name: '本地电解液有限公司' });
      await t.db.update(enterprises).set({ localUnitId: w.countyB.id }).where(eq(enterprises.id, small.id));
      expect((await call(t.app, staffB, 'POST', `/api/enterprises/${small.id}/chain-placements`, { linkId: linkNamed('电解液').id })).statusCode).toBe(200);
      const after = (await call(t.app, bureau, 'GET', `/api/chains/${chain.id}/gaps`)).json() as TChainGaps;
      expect(after.items.map((g) => [g.name, g.status])).toEqual([
        ['隔膜材料', 'gap'],
        ['电芯', 'gap'],
        ['电池回收', 'gap'],
        ['电解液', 'weak'],
      ]);
      expect(after.items.at(-1)!.reason.zh).toBe('本地企业1家（龙头0家）、已开工项目0个；强链需本地企业≥2家，或龙头≥1家且开工≥1个');
    });

    it('retires a link with its records kept, off the map; a retired link takes nothing more', async () => {
      const cathode = linkNamed('正极材料').id;
      const retired = (await call(t.app, bureau, 'PATCH', `/api/chains/${chain.id}/links/${cathode}`, { retired: true })).json() as TChainLink;
      expect(retired).toMatchObject({ id: cathode, retired: true });
      expect(await t.db.select().from(chainPlacements).where(eq(chainPlacements.linkId, cathode))).toHaveLength(3);
      const map = (await call(t.app, bureau, 'GET', `/api/chains/${chain.id}/map`)).json() as TChainMap;
      expect(map.nodes.map((n) => n.name)).not.toContain('正极材料');
      expect(map.nodes.find((n) => n.name === '关键材料')!.figures.startedProjects).toBe(0);
      await expectApiError(await call(t.app, staffA, 'PUT', `/api/leads/${leadA}/chain-placement`, { linkId: cathode }), 400, 'chain.linkRetired', 'linkId');
      expect((await t.db.select().from(chainLinks).where(eq(chainLinks.id, cathode)))[0]!.name).toBe('正极材料');
      await call(t.app, bureau, 'PATCH', `/api/chains/${chain.id}/links/${cathode}`, { retired: false });
      const back = (await call(t.app, bureau, 'GET', `/api/chains/${chain.id}/map`)).json() as TChainMap;
      expect(back.nodes.find((n) => n.name === '正极材料')!.figures.startedProjects).toBe(1);
    });

    it('remembers "not a fit" per link; another county cannot withdraw a mark it did not make', async () => {
      const electrolyte = linkNamed('电解液').id;
      const url = `/api/chains/${chain.id}/links/${electrolyte}/rejections`;
      const made = await call(t.app, staffA, 'POST', url, { enterpriseId: target, reason: '已在邻市投产,无扩产计划' });
      expect(made.statusCode, made.body).toBe(200);
      expect(made.json().items).toEqual([expect.objectContaining({ enterpriseId: target, unitName: '甲县', reason: '已在邻市投产,无扩产计划' })]);
      await expectApiError(await call(t.app, staffB, 'POST', url, { enterpriseId: target, reason: '重复' }), 409, 'chain.alreadyRejected', 'enterpriseId');
      await expectApiError(await call(t.app, staffB, 'DELETE', `${url}/${target}`), 404, 'notFound');
      await expectApiError(await call(t.app, staffB, 'POST', `/api/chains/${chain.id}/links/${electrolyte}/rejections`, { enterpriseId: 2_147_483_000, reason: '无' }), 404, 'notFound', 'enterpriseId');
      expect((await call(t.app, staffA, 'DELETE', `${url}/${target}`)).json().items).toEqual([]);
      const audit = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'chainRejection')).orderBy(asc(auditLog.id));
      expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    });
  });
});
