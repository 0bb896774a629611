import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, isNotNull } from 'drizzle-orm';
import { call, createTestApp, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { loadDemo } from './demo.service.ts';
import { DEMO_PASSWORD } from './demo-data.ts';
import { chainLinks, chainPlacements, chains, enterprises } from '../db/schema.ts';
import type { TChainMap, TChainSummary } from '../../shared/chains.ts';
import { demoCallers } from './demo-activities.ts';
import { findCandidates } from '../chains/candidates.ts';
import { DEFAULT_CANDIDATE_WEIGHTS } from '../../shared/chain-candidates.ts';
import type { TMetricValues } from '../../shared/metrics.ts';
import type { TMetricRecords } from '../../shared/cockpit.ts';
import type { THeatmap } from '../../shared/heatmap.ts';

/** The demo city as `npm start` loads it: every figure of the cockpit has records behind it, this year and last. */
describe('the demo city', () => {
  let t: TestApp;
  let bureau: Session;

  beforeAll(async () => {
    t = await createTestApp();
    await loadDemo(t.db, t.clock.now());
    bureau = await logIn(t.app, 'bureau', DEMO_PASSWORD);
  });
  afterAll(() => t.close());

  const values = async (session: Session, from: string, to: string, keys: string[]) => {
    const response = await call(t.app, session, 'GET', `/api/metrics?from=${from}&to=${to}&keys=${keys.join(',')}`);
    expect(response.statusCode, response.body).toBe(200);
    return Object.fromEntries((response.json() as TMetricValues).items.map((i) => [i.key, i.value]));
  };

  it('has trips, visits, events and leads this year and the same months last year', async () => {
    const keys = ['principalTrips', 'leaderTrips', 'tripDays', 'enterprisesVisited', 'eventsHeld', 'eventSignedCount', 'leadsCollected'];
    const thisYear = await values(bureau, '2026-01-01', '2026-03-02', keys);
    for (const key of keys) expect(thisYear[key], key).toBeGreaterThan(0);
    const lastYear = await values(bureau, '2025-01-01', '2025-03-02', ['principalTrips', 'leaderTrips', 'eventsHeld']);
    for (const key of ['principalTrips', 'leaderTrips', 'eventsHeld']) expect(lastYear[key], key).toBeGreaterThan(0);
    // The records behind a figure add up to it.
    const trips = (await call(t.app, bureau, 'GET', '/api/cockpit/records?from=2026-01-01&to=2026-03-02&key=principalTrips')).json() as TMetricRecords;
    expect(trips.items.reduce((sum, r) => sum + r.contribution, 0)).toBe(thisYear.principalTrips);
  });

  it('has foreign investors on the heat map\'s world view: a German, a Japanese and a Singapore one, with 外资 arrived', async () => {
    const world = async (measure: string, year: number) =>
      Object.fromEntries(((await call(t.app, bureau, 'GET', `/api/heatmap?measure=${measure}&year=${year}&level=country`)).json() as THeatmap).cells.map((c) => [c.cell, c.value]));
    expect(await world('targetEnterprises', 2026)).toMatchObject({ DE: 1, JP: 1, SG: 1 });
    const signed = { ...(await world('signedCount', 2025)), ...(await world('signedCount', 2026)) };
    expect(Object.keys(signed)).toEqual(expect.arrayContaining(['DE', 'JP', 'SG']));
    const usd = [await world('fundsArrivedForeignUsd', 2025), await world('fundsArrivedForeignUsd', 2026)];
    expect(usd.some((cells) => Object.keys(cells).some((cell) => cell !== 'CN' && cells[cell]! > 0))).toBe(true);
    const [bosch] = await t.db.select().from(enterprises).where(eq(enterprises.name, '罗伯特·博世有限公司'));
    expect(bosch).toMatchObject({ hqRegionCode: 'DE', hqCity: '斯图加特', sourceRegionCode: 'DE' });
  });

  it('keeps each county to its own leads and trips', async () => {
    const xiangcheng = await logIn(t.app, 'xiangcheng', DEMO_PASSWORD);
    const gucheng = await logIn(t.app, 'gucheng', DEMO_PASSWORD);
    const leadsOf = async (session: Session) => ((await call(t.app, session, 'GET', '/api/leads?pageSize=100')).json() as { items: { unitName: string; state: string }[] }).items;
    const own = await leadsOf(xiangcheng);
    expect(own.length).toBe(5);
    expect(new Set(own.map((l) => l.state))).toEqual(new Set(['new', 'following', 'dropped']));
    expect((await leadsOf(gucheng)).map((l) => l.unitName)).toEqual(['谷城县']);
    const trips = ((await call(t.app, xiangcheng, 'GET', '/api/trips?pageSize=100')).json() as { items: { unitName: string }[] }).items;
    expect(trips.length).toBe(3);
    expect(new Set(trips.map((trip) => trip.unitName))).toEqual(new Set(['襄城区']));
  });

  it('has 襄阳\'s chains copied from the templates, with only local enterprises placed on their links', async () => {
    const rows = await t.db.select({ name: chains.name, templateKey: chains.templateKey, leaderUserId: chains.leaderUserId }).from(chains).orderBy(asc(chains.id));
    expect(rows.map((r) => r.templateKey)).toEqual(['new-energy-vehicles', 'power-battery', 'intelligent-manufacturing', 'biomedicine', 'modern-food']);
    expect(rows.map((r) => r.name)).toContain('动力及储能电池');
    for (const row of rows) expect(row.leaderUserId, row.name).not.toBeNull();
    const placed = await t.db
      .select({ chain: chains.name, link: chainLinks.name, enterprise: enterprises.name, localUnitId: enterprises.localUnitId, status: chainPlacements.status })
      .from(chainPlacements)
      .innerJoin(chainLinks, eq(chainLinks.id, chainPlacements.linkId))
      .innerJoin(chains, eq(chains.id, chainLinks.chainId))
      .innerJoin(enterprises, eq(enterprises.id, chainPlacements.enterpriseId));
    expect(new Set(placed.map((p) => p.chain)).size).toBe(5);
    expect(placed.filter((p) => p.localUnitId === null).map((p) => `${p.chain} ${p.link} ${p.enterprise}`)).toEqual([]);
    expect(new Set(placed.map((p) => p.status))).toEqual(new Set(['confirmed']));
  });

  it('shows 动力及储能电池 with strong, weak and gap links at first start, and candidates for its 缺 link 铜箔/铝箔', async () => {
    const list = (await call(t.app, bureau, 'GET', '/api/chains')).json() as { items: TChainSummary[] };
    const battery = list.items.find((c) => c.name === '动力及储能电池')!;
    const response = await call(t.app, bureau, 'GET', `/api/chains/${battery.id}/map`);
    expect(response.statusCode, response.body).toBe(200);
    const map = response.json() as TChainMap;
    const status = (name: string) => map.nodes.find((n) => n.name === name)!.status;
    expect(new Set(map.nodes.map((n) => n.status))).toEqual(new Set(['strong', 'weak', 'gap']));
    expect(status('储能电芯')).toBe('strong');
    expect(status('磷酸铁锂')).toBe('weak');
    expect(status('铜箔/铝箔')).toBe('gap');
    // Whom to attract for it: enterprises elsewhere on its codes and words, a 世界500强, a 中国500强 and a 专精特新 among them.
    const foils = map.nodes.find((n) => n.name === '铜箔/铝箔')!;
    const [link] = await t.db.select().from(chainLinks).where(eq(chainLinks.id, foils.linkId));
    const { bureau: asBureau } = await demoCallers(t.db, t.clock.now());
    const candidates = await findCandidates(t.db, asBureau.caller, link!, { limit: 10, weights: DEFAULT_CANDIDATE_WEIGHTS });
    const names = candidates.map((c) => c.name);
    for (const name of ['江西铜业集团有限公司', '海亮集团有限公司', '湖北中一科技股份有限公司']) expect(names).toContain(name);
    expect(candidates.find((c) => c.name === '江西铜业集团有限公司')!.reasons.map((r) => r.text).join(';')).toContain('锂电铜箔');
    const local = new Set((await t.db.select({ id: enterprises.id }).from(enterprises).where(isNotNull(enterprises.localUnitId))).map((e) => e.id));
    expect(candidates.filter((c) => local.has(c.enterpriseId))).toEqual([]);
  });
});
