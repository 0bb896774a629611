import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, chainPlacements, chainTargets } from '../db/schema.ts';
import { createChain } from '../chains/chains.service.ts';
import type { TChain } from '../../shared/chains.ts';
import type { TChainTemplate } from '../../shared/chain-templates.ts';
import type { TChainTargetList } from '../../shared/targets.ts';

/**
 * Chain targets (issue 14): the bureau sets a chain's yearly targets, audited; everyone reads them, each with the
 * completion of the projects confirmed on the chain's links inside the reader's subtree; nobody else sets them.
 */
const link = (key: string, name: string, children: TChainTemplate['segments']['upstream'] = []) => ({ key, name, nameEn: key, industryCodes: [], keywords: [], products: [], children });
const BATTERY: TChainTemplate = {
  key: 'test-battery',
  name: '动力及储能电池',
  nameEn: 'Power batteries',
  note: '测试模板',
  segments: { upstream: [link('materials', '关键材料', [link('cathode', '正极材料')])], midstream: [link('cells', '电芯')], downstream: [] },
};

describe('chain targets (issue 14)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let staffB: Session;
  let battery: TChain;

  const read = async (who: Session, query = 'year=2026') => {
    const response = await call(t.app, who, 'GET', `/api/targets/chains?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TChainTargetList;
  };
  const cell = (list: TChainTargetList, key: string) => list.items.find((i) => i.chainId === battery.id)!.cells.find((c) => c.metricKey === key)!;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    const caller = { userId: w.bureau.id, username: 'bureau', role: 'bureau' as const, unitId: w.city.id, unitPath: w.city.path };
    battery = await createChain({ db: t.db, caller, requestId: null, now: t.clock.now() }, { templateKey: BATTERY.key }, async (key) => (key === BATTERY.key ? BATTERY : undefined));
    const linkOf = (name: string) => battery.linkTree.find((l) => l.name === name)!.id;
    const confirmed = { status: 'confirmed', confirmedAt: t.clock.now(), confirmedBy: w.bureau.id };
    const onSubLink = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, totalInvestmentYuan: 300_000_000 });
    const inPark = await t.given.project({ unit: w.parkA, investor: w.enterpriseA, totalInvestmentYuan: 500_000_000 });
    const suggested = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, totalInvestmentYuan: 900_000_000 });
    await t.db.insert(chainPlacements).values([
      { projectId: onSubLink.id, linkId: linkOf('正极材料'), ...confirmed },
      { projectId: inPark.id, linkId: linkOf('电芯'), ...confirmed },
      { projectId: suggested.id, linkId: linkOf('电芯'), status: 'suggested' },
    ]);
  });
  afterAll(() => t.close());

  it('the bureau sets a chain’s targets for a year, audited; clearing a cell deletes it', async () => {
    const response = await call(t.app, bureau, 'PUT', '/api/targets/chains', {
      year: 2026,
      items: [
        { chainId: battery.id, metricKey: 'signedCount', value: 4 },
        { chainId: battery.id, metricKey: 'signedContractYuan', value: 1_600_000_000 },
        { chainId: battery.id, metricKey: 'startedCount', value: 3 },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await t.db.select().from(auditLog).where(eq(auditLog.entity, 'chainTarget'))).toHaveLength(3);
    await call(t.app, bureau, 'PUT', '/api/targets/chains', { year: 2026, items: [{ chainId: battery.id, metricKey: 'startedCount', value: null }, { chainId: battery.id, metricKey: 'signedCount', value: 4 }] });
    expect((await t.db.select().from(chainTargets)).map((r) => r.metricKey).sort()).toEqual(['signedContractYuan', 'signedCount']);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'chainTarget'));
    expect(audits.map((a) => a.action)).toEqual(['create', 'create', 'create', 'delete']);
  });

  it('computes a chain target’s completion from the projects confirmed on its links (a sub-link once; suggested ones not)', async () => {
    const list = await read(bureau);
    expect(list).toMatchObject({ year: 2026, asOf: '2026-03-02', unitId: w.city.id });
    expect(list.metricKeys).toContain('signedContractYuan');
    expect(list.metricKeys).not.toContain('eventsHeld');
    expect(list.metricKeys).not.toContain('startRate');
    expect(cell(list, 'signedCount')).toEqual({ metricKey: 'signedCount', target: 4, value: 2, completion: '50.00' });
    expect(cell(list, 'signedContractYuan')).toEqual({ metricKey: 'signedContractYuan', target: 1_600_000_000, value: 800_000_000, completion: '50.00' });
    expect(cell(list, 'startedCount')).toMatchObject({ target: null, completion: null });
  });

  it('a county reads the city’s chain targets against its own subtree’s contribution only', async () => {
    expect(cell(await read(staffA), 'signedCount')).toMatchObject({ target: 4, value: 2, completion: '50.00' });
    const forB = await read(staffB);
    expect(forB.unitId).toBe(w.countyB.id);
    expect(cell(forB, 'signedContractYuan')).toMatchObject({ target: 1_600_000_000, value: 0, completion: '0.00' });
    await expectApiError(await call(t.app, staffB, 'GET', `/api/targets/chains?year=2026&unitId=${w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
  });

  it('only the bureau sets chain targets; activities and rates take none; an unknown chain is refused', async () => {
    await expectApiError(await call(t.app, staffA, 'PUT', '/api/targets/chains', { year: 2026, items: [{ chainId: battery.id, metricKey: 'signedCount', value: 9 }] }), 403, 'auth.forbidden');
    await expectApiError(await call(t.app, bureau, 'PUT', '/api/targets/chains', { year: 2026, items: [{ chainId: battery.id, metricKey: 'eventsHeld', value: 5 }] }), 400, 'validation.invalid', 'items.0.metricKey');
    await expectApiError(await call(t.app, bureau, 'PUT', '/api/targets/chains', { year: 2026, items: [{ chainId: battery.id, metricKey: 'startRate', value: 80 }] }), 400, 'validation.invalid', 'items.0.metricKey');
    await expectApiError(await call(t.app, bureau, 'PUT', '/api/targets/chains', { year: 2026, items: [{ chainId: 2_147_483_000, metricKey: 'signedCount', value: 1 }] }), 404, 'notFound', 'items.0.chainId');
    expect(cell(await read(bureau), 'signedCount').target).toBe(4);
  });
});
