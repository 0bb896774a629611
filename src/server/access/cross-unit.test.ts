import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  call,
  createTestApp,
  expectApiError,
  logIn,
  registeredRoutes,
  type Given,
  type Session,
  type TestApp,
} from '../../../test/support/test-app.ts';
import { runReminderJob } from '../reminders/reminders.job.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { auditLog, chainCandidateWeights, chainLinkRejections, chainPlacements, duplicateClaims, enterprises, leads, notifications, visits } from '../db/schema.ts';
import { refreshEnterpriseSearch } from '../enterprises/enterprise-search.ts';
import { DEFAULT_CANDIDATE_WEIGHTS } from '../../shared/chain-candidates.ts';

/**
 * The cross-unit rule, endpoint by endpoint: staff of 乙县 (county B) reach nothing of 甲县 (county A) or the
 * park below it. Every call is made by staff_b against A's records; afterwards the rows are read back from
 * the database to show nothing changed. The table below must name every /api route the app registers.
 */

type World = Awaited<ReturnType<Given['twoCounties']>> & {
  enterpriseParkA: { id: number };
  projectParkA: { id: number };
  emptyTownA: { id: number };
};
type Ctx = { t: TestApp; w: World; staffA: Session; staffB: Session };
type Case = { public: string } | { run: (c: Ctx) => Promise<void> };

/** A GET by staff_b, also sent as HEAD (Fastify answers HEAD with the GET handler): both must agree. */
async function getAsStaffB(c: Ctx, url: string): Promise<LightMyRequestResponse> {
  const response = await call(c.t.app, c.staffB, 'GET', url);
  const head = await c.t.app.inject({ method: 'HEAD', url, headers: { cookie: c.staffB.cookie } });
  expect(head.statusCode, `HEAD ${url}`).toBe(response.statusCode);
  return response;
}

function ids(response: LightMyRequestResponse): number[] {
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { items: { id: number }[] }).items.map((item) => item.id);
}

function expectEmptyPage(response: LightMyRequestResponse): void {
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json()).toMatchObject({ items: [], total: 0 });
}

/** A previewed enterprise list import, made by the bureau. */
async function listImportOfBureau(c: Ctx): Promise<number> {
  const body = multipartBody('名单.csv', ledgerCsvGbk(['企业名称'], [['名单测试企业有限公司']]), { list: 'little_giant', year: '2024' });
  const bureau = await logIn(c.t.app, 'bureau');
  const response = await c.t.app.inject({ method: 'POST', url: '/api/enterprise-lists', payload: body.payload, headers: { ...body.headers, cookie: bureau.cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { id: number }).id;
}

/** A previewed ledger import of county A, made by staff_a. */
async function importOfA(c: Ctx): Promise<number> {
  const csv = ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)', '签约日期'], [['甲县导入项目', '甲县测试企业有限公司', '100', '2025/8/18']]);
  const body = multipartBody('甲县.csv', csv);
  const response = await c.t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: c.staffA.cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { id: number }).id;
}

async function expectImportUntouched(c: Ctx, id: number): Promise<void> {
  expect((await call(c.t.app, c.staffA, 'GET', `/api/imports/${id}`)).json()).toMatchObject({ status: 'previewed', unitId: c.w.countyA.id });
}

/** The same investment recorded by 甲县 and by 乙县 (issue 17): the pair the bureau's 甄别 queue holds. */
type DuplicatePair = { claimId: number; projectOfA: number; projectOfB: number };
let duplicatePair: Promise<DuplicatePair> | undefined;
function duplicatePairOfAB(c: Ctx): Promise<DuplicatePair> {
  return (duplicatePair ??= (async () => {
    const body = { investorEnterpriseId: c.w.enterpriseA.id, totalInvestmentYuan: 777_000_000, industryCode: '3841' };
    const a = await call(c.t.app, c.staffA, 'POST', '/api/projects', { ...body, name: '甲县甄别储能项目', unitId: c.w.countyA.id });
    const b = await call(c.t.app, c.staffB, 'POST', '/api/projects', { ...body, name: '乙县甄别储能项目', unitId: c.w.countyB.id });
    expect(b.statusCode, b.body).toBe(200);
    const [projectOfA, projectOfB] = [(a.json() as { id: number }).id, (b.json() as { id: number }).id];
    const [claim] = await c.t.db.select().from(duplicateClaims).where(and(eq(duplicateClaims.projectAId, projectOfA), eq(duplicateClaims.projectBId, projectOfB)));
    return { claimId: claim!.id, projectOfA, projectOfB };
  })());
}

/** A signing of 甲县 reported for the bureau's confirmation (核实, issue 17): a rule only a 90亿 project meets. */
let verificationOfA: Promise<{ id: number; projectId: number }> | undefined;
function reportedChangeOfA(c: Ctx): Promise<{ id: number; projectId: number }> {
  return (verificationOfA ??= (async () => {
    const bureau = await logIn(c.t.app, 'bureau');
    const settings = { rules: [{ stage: 'signed', minYuan: 9_000_000_000, reviewerDepartmentId: null }], confirmedOnly: false, cityCentre: null, maxPhotoKm: 80, maxPhotoDaysBefore: 30 };
    expect((await call(c.t.app, bureau, 'PUT', '/api/verification-settings', settings)).statusCode).toBe(200);
    const project = await c.t.given.project({ unit: c.w.parkA, investor: c.w.enterpriseA, stage: 'lead', totalInvestmentYuan: 9_000_000_000, name: '甲县园区核实项目' });
    const moved = await call(c.t.app, c.staffA, 'POST', `/api/projects/${project.id}/stage`, { to: 'signed', date: '2026-02-20', evidence: { contractNo: 'JX-HS-1' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const queue = (await call(c.t.app, bureau, 'GET', `/api/stage-verifications?projectId=${project.id}`)).json() as { items: { id: number }[] };
    return { id: queue.items[0]!.id, projectId: project.id };
  })());
}

/** An upcoming trip plan of 甲县 calling on its enterprise. */
async function tripPlanOfA(c: Ctx): Promise<number> {
  const response = await call(c.t.app, c.staffA, 'POST', '/api/trip-plans', { title: '甲县赴深圳招商', fromOn: '2026-04-01', toOn: '2026-04-03', stops: [{ enterpriseId: c.w.enterpriseA.id }] });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { id: number }).id;
}

/** An event 甲县 organised. */
async function eventOfA(c: Ctx): Promise<number> {
  const response = await call(c.t.app, c.staffA, 'POST', '/api/events', { name: '甲县签约仪式', kind: 'signing', heldOn: '2026-03-01' });
  expect(response.statusCode, response.body).toBe(200);
  const id = (response.json() as { id: number }).id;
  return id;
}

/** A trip of 甲县 with a visit to its enterprise. */
async function tripOfA(c: Ctx): Promise<number> {
  const trip = { leaderName: '甲县县长', leaderLevel: 'countyHead', fromOn: '2026-03-01', toOn: '2026-03-01', visits: [{ enterpriseId: c.w.enterpriseA.id, visitedOn: '2026-03-01' }] };
  const response = await call(c.t.app, c.staffA, 'POST', '/api/trips', trip);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { id: number }).id;
}

/** A lead of 甲县, with an amount and a note 乙县 must never read. */
async function leadOfA(c: Ctx): Promise<number> {
  const lead = { enterpriseName: '甲县机密线索有限公司', intendedAmountYuan: 300_000_000, source: 'resident', collectedOn: '2026-03-01', note: '机密' };
  const response = await call(c.t.app, c.staffA, 'POST', '/api/leads', lead);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { id: number }).id;
}

/**
 * A chain of the city (issue 14) with 甲县's records on its link: its project and lead placed, its local enterprise
 * placed, a suggested placement of its park's project, and its "not a fit" mark on 乙县's enterprise. Made once.
 */
type ChainOfA = { chainId: number; linkId: number; leadId: number; suggestedId: number };
let chainOfA: Promise<ChainOfA> | undefined;
function chainWithRecordsOfA(c: Ctx): Promise<ChainOfA> {
  return (chainOfA ??= (async () => {
    const bureau = await logIn(c.t.app, 'bureau');
    const chain = await call(c.t.app, bureau, 'POST', '/api/chains', { name: '越权测试链', nameEn: 'Test chain' });
    expect(chain.statusCode, chain.body).toBe(200);
    const chainId = (chain.json() as { id: number }).id;
    const linkId = ((await call(c.t.app, bureau, 'POST', `/api/chains/${chainId}/links`, { segment: 'upstream', name: '正极材料', nameEn: 'Cathode' })).json() as { id: number }).id;
    const leadId = await leadOfA(c);
    await c.t.db.update(enterprises).set({ localUnitId: c.w.countyA.id }).where(eq(enterprises.id, c.w.enterpriseA.id));
    for (const url of [`/api/projects/${c.w.projectA.id}/chain-placement`, `/api/leads/${leadId}/chain-placement`]) {
      expect((await call(c.t.app, c.staffA, 'PUT', url, { linkId })).statusCode).toBe(200);
    }
    expect((await call(c.t.app, c.staffA, 'POST', `/api/enterprises/${c.w.enterpriseA.id}/chain-placements`, { linkId })).statusCode).toBe(200);
    expect((await call(c.t.app, c.staffA, 'POST', `/api/chains/${chainId}/links/${linkId}/rejections`, { enterpriseId: c.w.enterpriseB.id, reason: '甲县的理由' })).statusCode).toBe(200);
    const [suggested] = await c.t.db.insert(chainPlacements).values({ linkId, projectId: c.w.projectParkA.id, status: 'suggested', suggestedAt: new Date() }).returning();
    return { chainId, linkId, leadId, suggestedId: suggested!.id };
  })());
}
const chainRows = async (c: Ctx) => ({ placements: await c.t.db.select().from(chainPlacements), rejections: await c.t.db.select().from(chainLinkRejections) });
/** A chain route only the bureau may call: 403 for 乙县, nothing changed. */
const bureauOnlyChainCase = (method: 'POST' | 'PATCH' | 'PUT', url: (x: ChainOfA) => string, body: (x: ChainOfA, c: Ctx) => unknown): Case => ({
  run: async (c) => {
    const x = await chainWithRecordsOfA(c);
    const before = await c.t.read.counts();
    expectApiError(await call(c.t.app, c.staffB, method, url(x), body(x, c)), 403, 'auth.forbidden');
    expect(await c.t.read.counts()).toEqual(before);
  },
});

/** Records 甲县 keeps on its own enterprise (issue 13): a contact, a tier entry, a short name; made once each. */
const made: Record<string, Promise<number>> = {};
function once(key: string, make: () => Promise<number>): Promise<number> {
  return (made[key] ??= make());
}
const contactOfA = (c: Ctx) =>
  once('contact', async () => {
    const response = await call(c.t.app, c.staffA, 'POST', `/api/enterprises/${c.w.enterpriseA.id}/contacts`, { name: '甲县联系人', phone: '13812345678' });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { id: number }).id;
  });
const tierOfA = (c: Ctx) =>
  once('tier', async () => {
    const response = await call(c.t.app, c.staffA, 'POST', `/api/enterprises/${c.w.enterpriseA.id}/tiers`, { list: 'high_tech', year: 2024 });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { id: number }).id;
  });
const nameOfA = (c: Ctx) =>
  once('name', async () => {
    const response = await call(c.t.app, c.staffA, 'POST', `/api/enterprises/${c.w.enterpriseA.id}/names`, { kind: 'short', name: '甲测' });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { id: number }).id;
  });

/** A scheme of 甲县 that scores its park, set by the bureau. */
async function schemeOfA(c: Ctx): Promise<number> {
  const bureau = await logIn(c.t.app, 'bureau');
  const scheme = { name: '甲县园区考核', unitId: c.w.countyA.id, indicators: [{ metricKey: 'signedCount', weight: 100, method: 'ratio' }] };
  const response = await call(c.t.app, bureau, 'POST', '/api/assessments', scheme);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { id: number }).id;
}

const CASES: Record<string, Case> = {
  'GET /api/cockpit': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/cockpit?from=2026-01-01&to=2026-03-02&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      const own = (await getAsStaffB(c, '/api/cockpit?from=2026-01-01&to=2026-03-02')).json();
      expect(own.unitId).toBe(c.w.countyB.id);
      expect(own.kpis.find((k: { key: string }) => k.key === 'signedCount').value).toBe(1); // B's own project only
    },
  },
  'GET /api/cockpit/overview': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/cockpit/overview?from=2026-01-01&to=2026-03-02&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      const own = (await getAsStaffB(c, '/api/cockpit/overview?from=2026-01-01&to=2026-03-02')).json();
      // B has no child units to rank, and its alerts count B's records only (the lists they open say the same).
      expect(own.ranking).toEqual([]);
      const overdue = (await getAsStaffB(c, '/api/supervision?status=overdue')).json();
      expect(own.alerts.overdueDeadlines).toBe(overdue.total);
      expect(overdue.items.every((item: { unitId: number }) => item.unitId === c.w.countyB.id)).toBe(true);
    },
  },
  'GET /api/cockpit/trend': {
    run: async (c) => expectApiError(await getAsStaffB(c, `/api/cockpit/trend?key=signedCount&year=2026&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId'),
  },
  'GET /api/cockpit/breakdown': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/cockpit/breakdown?from=2026-01-01&to=2026-03-02&key=signedCount&by=unit&unitId=${c.w.city.id}`), 400, 'project.unitOutOfScope', 'unitId');
      const own = (await getAsStaffB(c, '/api/cockpit/breakdown?from=2026-01-01&to=2026-03-02&key=signedCount&by=stage')).json();
      expect(own.value).toBe(1);
    },
  },
  'GET /api/cockpit/records': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/cockpit/records?from=2026-01-01&to=2026-03-02&key=signedCount&unitId=${c.w.parkA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      const own = (await getAsStaffB(c, '/api/cockpit/records?from=2026-01-01&to=2026-03-02&key=signedCount')).json();
      expect(own.items.map((r: { projectId: number }) => r.projectId)).toEqual([c.w.projectB.id]);
    },
  },
  'GET /api/heatmap': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/heatmap?measure=signedCount&year=2026&level=country&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      const own = (await getAsStaffB(c, '/api/heatmap?measure=signedCount&year=2026&level=country')).json();
      const figure = (await getAsStaffB(c, '/api/metrics?from=2026-01-01&to=2026-12-31&keys=signedCount')).json();
      expect(own.unitId).toBe(c.w.countyB.id);
      expect(own.value).toBe(figure.items[0].value); // B's own projects only, as the cockpit counts them
    },
  },
  'GET /api/heatmap/records': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/heatmap/records?measure=signedCount&year=2026&level=country&cell=CN&unitId=${c.w.parkA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      for (const measure of ['signedCount', 'leadsCollected', 'enterprisesVisited', 'targetEnterprises']) {
        const own = (await getAsStaffB(c, `/api/heatmap/records?measure=${measure}&year=2026&level=country&cell=CN`)).json();
        expect(own.items.every((r: { unitId: number }) => r.unitId === c.w.countyB.id), measure).toBe(true);
      }
    },
  },
  // The city's priority regions (issue 15) are the plan's list, not a unit's records: everyone reads it, the bureau sets it.
  'GET /api/heatmap/priority-regions': {
    run: async (c) => {
      const response = await getAsStaffB(c, '/api/heatmap/priority-regions');
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('甲县');
    },
  },
  'PUT /api/heatmap/priority-regions': {
    run: async (c) => {
      const before = (await getAsStaffB(c, '/api/heatmap/priority-regions')).json();
      expectApiError(await call(c.t.app, c.staffB, 'PUT', '/api/heatmap/priority-regions', { regions: [{ name: '乙县的', nameEn: 'B', codes: ['440300'] }] }), 403, 'auth.forbidden');
      expect((await getAsStaffB(c, '/api/heatmap/priority-regions')).json()).toEqual(before);
    },
  },
  'GET /api/bulletin': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/bulletin?year=2026&month=3&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      const own = (await getAsStaffB(c, '/api/bulletin?year=2026&month=12')).json();
      expect(own.unitId).toBe(c.w.countyB.id);
    },
  },
  'GET /api/bulletin/export': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/bulletin/export?year=2026&month=3&format=xlsx&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      const own = await getAsStaffB(c, '/api/bulletin/export?year=2026&month=3&format=xlsx');
      expect(decodeURIComponent(String(own.headers['content-disposition']))).toContain('乙县2026年1—3月份');
    },
  },
  'GET /api/targets/export': {
    run: async (c) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await getAsStaffB(c, '/api/targets/export?year=2026')).rawPayload as unknown as ArrayBuffer);
      const names = workbook.worksheets[0]!.getColumn(1).values.map(String);
      expect(names).toContain('乙县');
      expect(names).not.toContain('甲县');
      expect(names).not.toContain('甲县园区');
    },
  },
  'POST /api/targets/import': {
    run: async (c) => {
      const body = multipartBody('目标任务.xlsx', Buffer.from('单位,新签约项目(个)\r\n甲县,99'), { year: '2026' });
      const response = await c.t.app.inject({ method: 'POST', url: '/api/targets/import', payload: body.payload, headers: { ...body.headers, cookie: c.staffB.cookie } });
      expectApiError(response, 403, 'auth.forbidden');
    },
  },
  'GET /api/assessments': {
    run: async (c) => {
      const id = await schemeOfA(c);
      const names = (await getAsStaffB(c, '/api/assessments')).json().items.map((s: { id: number }) => s.id);
      expect(names).not.toContain(id);
    },
  },
  'POST /api/assessments': {
    run: async (c) => {
      const scheme = { name: '乙县越权方案', unitId: c.w.countyA.id, indicators: [{ metricKey: 'signedCount', weight: 10, method: 'ratio' }] };
      expectApiError(await call(c.t.app, c.staffB, 'POST', '/api/assessments', scheme), 403, 'auth.forbidden');
    },
  },
  'PUT /api/assessments/:id': {
    run: async (c) => {
      const scheme = { name: '改名', indicators: [{ metricKey: 'signedCount', weight: 10, method: 'ratio' }] };
      expectApiError(await call(c.t.app, c.staffB, 'PUT', `/api/assessments/${await schemeOfA(c)}`, scheme), 403, 'auth.forbidden');
    },
  },
  'GET /api/assessments/:id/scores': {
    run: async (c) => expectApiError(await getAsStaffB(c, `/api/assessments/${await schemeOfA(c)}/scores?year=2026&month=1`), 404, 'notFound'),
  },
  'POST /api/assessments/:id/adjustments': {
    run: async (c) => {
      const adjustment = { unitId: c.w.parkA.id, year: 2026, month: 1, label: '扣分', pointsEach: -1, count: 1, reason: '越权' };
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/assessments/${await schemeOfA(c)}/adjustments`, adjustment), 403, 'auth.forbidden');
    },
  },
  'GET /api/leads': {
    run: async (c) => {
      const id = await leadOfA(c);
      expect(ids(await getAsStaffB(c, '/api/leads?pageSize=200'))).not.toContain(id);
    },
  },
  'POST /api/leads': {
    run: async (c) => {
      const lead = { enterpriseName: '越权线索有限公司', source: 'online', collectedOn: '2026-03-01', unitId: c.w.countyA.id };
      expectApiError(await call(c.t.app, c.staffB, 'POST', '/api/leads', lead), 400, 'project.unitOutOfScope', 'unitId');
    },
  },
  'GET /api/leads/:id': { run: async (c) => expectApiError(await getAsStaffB(c, `/api/leads/${await leadOfA(c)}`), 404, 'notFound') },
  'PATCH /api/leads/:id': {
    run: async (c) => expectApiError(await call(c.t.app, c.staffB, 'PATCH', `/api/leads/${await leadOfA(c)}`, { note: '越权' }), 404, 'notFound'),
  },
  'POST /api/leads/:id/state': {
    run: async (c) => expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/leads/${await leadOfA(c)}/state`, { to: 'following' }), 404, 'notFound'),
  },
  'POST /api/leads/:id/convert': {
    run: async (c) => expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/leads/${await leadOfA(c)}/convert`, { name: '越权项目' }), 404, 'notFound'),
  },
  'GET /api/duplicates': {
    run: async (c) => {
      await leadOfA(c);
      // A match in 甲县 is named by its unit only: no id, no name, no amount or note.
      const found = (await getAsStaffB(c, `/api/duplicates?name=${encodeURIComponent('甲县机密线索有限公司')}`)).json().items;
      expect(found.length).toBeGreaterThan(0);
      for (const item of found) expect(item).toEqual({ kind: 'lead', match: 'same', unitName: '甲县', id: null, name: null });
    },
  },
  'GET /api/trips': { run: async (c) => expect(ids(await getAsStaffB(c, `/api/trips?pageSize=200`))).not.toContain(await tripOfA(c)) },
  'POST /api/trips': {
    run: async (c) => {
      const trip = { leaderName: '越权', leaderLevel: 'staff', fromOn: '2026-03-01', toOn: '2026-03-01', unitId: c.w.countyA.id };
      expectApiError(await call(c.t.app, c.staffB, 'POST', '/api/trips', trip), 400, 'project.unitOutOfScope', 'unitId');
      // The enterprise library is the city's shared reference (issue 13): 乙县 may visit an enterprise 甲县 recorded;
      // the trip and its visit are 乙县's own. An enterprise that does not exist is still refused.
      const visitingA = { leaderName: '乙县县长', leaderLevel: 'staff', fromOn: '2026-03-01', toOn: '2026-03-01', visits: [{ enterpriseId: c.w.enterpriseA.id, visitedOn: '2026-03-01' }] };
      const visited = await call(c.t.app, c.staffB, 'POST', '/api/trips', visitingA);
      expect(visited.statusCode, visited.body).toBe(200);
      expect(visited.json()).toMatchObject({ unitId: c.w.countyB.id });
      const nowhere = { ...visitingA, visits: [{ enterpriseId: 2_000_000_000, visitedOn: '2026-03-01' }] };
      expectApiError(await call(c.t.app, c.staffB, 'POST', '/api/trips', nowhere), 400, 'project.investorOutOfScope', 'visits.0.enterpriseId');
    },
  },
  'GET /api/trips/:id': { run: async (c) => expectApiError(await getAsStaffB(c, `/api/trips/${await tripOfA(c)}`), 404, 'notFound') },
  'GET /api/trip-plans': {
    run: async (c) => {
      const plan = await tripPlanOfA(c);
      expect(ids(await getAsStaffB(c, '/api/trip-plans'))).not.toContain(plan);
      expect(ids(await getAsStaffB(c, '/api/trip-plans?when=all'))).not.toContain(plan);
      expectApiError(await getAsStaffB(c, `/api/trip-plans?when=all&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
    },
  },
  'PATCH /api/trip-plans/:id': {
    run: async (c) => {
      const plan = await tripPlanOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'PATCH', `/api/trip-plans/${plan}`, { title: '乙县改的' }), 404, 'notFound');
      const seen = (await call(c.t.app, c.staffA, 'GET', '/api/trip-plans')).json() as { items: { id: number; title: string }[] };
      expect(seen.items.find((p) => p.id === plan)!.title).toBe('甲县赴深圳招商');
    },
  },
  'DELETE /api/trip-plans/:id': {
    run: async (c) => {
      const plan = await tripPlanOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/trip-plans/${plan}`), 404, 'notFound');
      expect(ids(await call(c.t.app, c.staffA, 'GET', '/api/trip-plans'))).toContain(plan);
    },
  },
  'DELETE /api/trip-plans/:id/stops/:stopId': {
    run: async (c) => {
      const plan = await tripPlanOfA(c);
      const seen = (await call(c.t.app, c.staffA, 'GET', '/api/trip-plans')).json() as { items: { id: number; stops: { id: number }[] }[] };
      const stop = seen.items.find((p) => p.id === plan)!.stops[0]!.id;
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/trip-plans/${plan}/stops/${stop}`), 404, 'notFound');
      // Nor through a plan of its own: the stop is not on it.
      const own = (await call(c.t.app, c.staffB, 'POST', '/api/trip-plans', { title: '乙县自己的计划', fromOn: '2026-04-01', toOn: '2026-04-02' })).json() as { id: number };
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/trip-plans/${own.id}/stops/${stop}`), 404, 'notFound');
      const after = (await call(c.t.app, c.staffA, 'GET', '/api/trip-plans')).json() as { items: { id: number; stops: { id: number }[] }[] };
      expect(after.items.find((p) => p.id === plan)!.stops.map((s) => s.id)).toEqual([stop]);
    },
  },
  'POST /api/trip-plans': {
    run: async (c) => {
      const body = { unitId: c.w.countyA.id, title: '越权计划', fromOn: '2026-04-01', toOn: '2026-04-02', stops: [{ enterpriseId: c.w.enterpriseA.id }] };
      expectApiError(await call(c.t.app, c.staffB, 'POST', '/api/trip-plans', body), 400, 'project.unitOutOfScope', 'unitId');
      // The library is shared: 乙县 may plan to call on an enterprise 甲县 recorded, in its own plan.
      const own = await call(c.t.app, c.staffB, 'POST', '/api/trip-plans', { ...body, unitId: undefined, title: '乙县计划' });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json()).toMatchObject({ unitId: c.w.countyB.id });
    },
  },
  'POST /api/trip-plans/:id/stops': {
    run: async (c) => {
      const plan = await tripPlanOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/trip-plans/${plan}/stops`, { enterpriseId: c.w.enterpriseB.id }), 404, 'notFound');
      const seen = (await call(c.t.app, c.staffA, 'GET', '/api/trip-plans')).json() as { items: { id: number; stops: { enterpriseId: number }[] }[] };
      expect(seen.items.find((p) => p.id === plan)!.stops.map((s) => s.enterpriseId)).toEqual([c.w.enterpriseA.id]);
    },
  },
  'GET /api/visits': {
    run: async (c) => {
      await tripOfA(c);
      // 乙县 may visit the same (shared) enterprise; it sees only its own visits to it, never 甲县's.
      const items = (await getAsStaffB(c, `/api/visits?enterpriseId=${c.w.enterpriseA.id}`)).json().items as { unitId: number }[];
      expect(items.filter((visit) => visit.unitId !== c.w.countyB.id)).toEqual([]);
    },
  },
  'POST /api/visits': {
    run: async (c) => {
      const visit = { enterpriseName: '越权拜访有限公司', visitedOn: '2026-03-01', projectId: c.w.projectA.id };
      expectApiError(await call(c.t.app, c.staffB, 'POST', '/api/visits', visit), 404, 'notFound');
    },
  },
  'GET /api/teams': {
    run: async (c) => {
      await call(c.t.app, c.staffA, 'POST', '/api/teams', { name: '甲县驻沪小分队', hostRegionCode: '310000', startedOn: '2026-01-01' });
      expect((await getAsStaffB(c, '/api/teams')).json().items).toEqual([]);
    },
  },
  'POST /api/teams': {
    run: async (c) => {
      const team = { name: '越权小分队', hostRegionCode: '310000', startedOn: '2026-01-01', unitId: c.w.countyA.id };
      expectApiError(await call(c.t.app, c.staffB, 'POST', '/api/teams', team), 400, 'project.unitOutOfScope', 'unitId');
    },
  },
  'GET /api/events': { run: async (c) => expect(ids(await getAsStaffB(c, '/api/events?pageSize=200'))).not.toContain(await eventOfA(c)) },
  'POST /api/events': {
    run: async (c) => {
      const event = { name: '越权活动', kind: 'promotion', heldOn: '2026-03-01', unitId: c.w.countyA.id };
      expectApiError(await call(c.t.app, c.staffB, 'POST', '/api/events', event), 400, 'project.unitOutOfScope', 'unitId');
    },
  },
  'GET /api/events/:id': { run: async (c) => expectApiError(await getAsStaffB(c, `/api/events/${await eventOfA(c)}`), 404, 'notFound') },
  'POST /api/events/:id/projects': {
    run: async (c) => {
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/events/${await eventOfA(c)}/projects`, { projectId: c.w.projectB.id }), 404, 'notFound');
      const own = (await call(c.t.app, c.staffB, 'POST', '/api/events', { name: '乙县推介会', kind: 'promotion', heldOn: '2026-03-01' })).json();
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/events/${own.id}/projects`, { projectId: c.w.projectA.id }), 404, 'notFound');
    },
  },
  'DELETE /api/events/:id/projects/:projectId': {
    run: async (c) => expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/events/${await eventOfA(c)}/projects/${c.w.projectA.id}`), 404, 'notFound'),
  },
  'GET /api/assessments/:id/adjustments': {
    run: async (c) => expectApiError(await getAsStaffB(c, `/api/assessments/${await schemeOfA(c)}/adjustments?year=2026`), 404, 'notFound'),
  },
  'POST /api/assessments/:id/adjustments/:adjustmentId/withdraw': {
    run: async (c) => expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/assessments/${await schemeOfA(c)}/adjustments/1/withdraw`, { reason: '越权' }), 403, 'auth.forbidden'),
  },
  'GET /api/leader-levels': {
    run: async (c) => {
      // The installation's list of leader levels: configuration, the same for every unit.
      expect((await getAsStaffB(c, '/api/leader-levels')).json()).toEqual((await call(c.t.app, c.staffA, 'GET', '/api/leader-levels')).json());
    },
  },
  'PUT /api/leader-levels': {
    run: async (c) => {
      const items = (await getAsStaffB(c, '/api/leader-levels')).json().items;
      expectApiError(await call(c.t.app, c.staffB, 'PUT', '/api/leader-levels', { items }), 403, 'auth.forbidden');
    },
  },
  'GET /api/closes': {
    run: async (c) => {
      // Which months are closed is the same for every unit: no record of 甲县 in it.
      expect((await getAsStaffB(c, '/api/closes')).json()).toEqual((await call(c.t.app, c.staffA, 'GET', '/api/closes')).json());
    },
  },
  'POST /api/closes': {
    run: async (c) => expectApiError(await call(c.t.app, c.staffB, 'POST', '/api/closes', { year: 2026, month: 1 }), 403, 'auth.forbidden'),
  },
  'GET /api/targets': {
    run: async (c) => {
      const bureau = await logIn(c.t.app, 'bureau');
      await call(c.t.app, bureau, 'PUT', '/api/targets', { year: 2026, items: [{ unitId: c.w.countyA.id, metricKey: 'signedCount', value: 9 }] });
      const response = await getAsStaffB(c, '/api/targets?year=2026');
      expect(response.json().items.map((i: { unitId: number }) => i.unitId)).not.toContain(c.w.countyA.id);
    },
  },
  'PUT /api/targets': {
    run: async (c) => {
      expectApiError(await call(c.t.app, c.staffB, 'PUT', '/api/targets', { year: 2026, items: [{ unitId: c.w.countyA.id, metricKey: 'signedCount', value: 1 }] }), 403, 'auth.forbidden');
    },
  },
  // Chain targets (issue 14): the city's, read by every unit — each against its own subtree's projects only.
  'GET /api/targets/chains': {
    run: async (c) => {
      const { chainId } = await chainWithRecordsOfA(c);
      expectApiError(await getAsStaffB(c, `/api/targets/chains?year=2026&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      const forA = (await call(c.t.app, c.staffA, 'GET', '/api/targets/chains?year=2026')).json();
      const forB = (await getAsStaffB(c, '/api/targets/chains?year=2026')).json();
      const signed = (list: { items: { chainId: number; cells: { metricKey: string; value: number }[] }[] }) =>
        list.items.find((i) => i.chainId === chainId)!.cells.find((cell) => cell.metricKey === 'signedCount')!.value;
      // 甲县's project is confirmed on the chain: it counts for 甲县, never for 乙县.
      expect(signed(forA)).toBe(1);
      expect(signed(forB)).toBe(0);
    },
  },
  'PUT /api/targets/chains': {
    run: async (c) => {
      const { chainId } = await chainWithRecordsOfA(c);
      const before = await c.t.read.counts();
      expectApiError(await call(c.t.app, c.staffB, 'PUT', '/api/targets/chains', { year: 2026, items: [{ chainId, metricKey: 'signedCount', value: 1 }] }), 403, 'auth.forbidden');
      expect(await c.t.read.counts()).toEqual(before);
    },
  },
  'GET /api/targets/progress': {
    run: async (c) => expectApiError(await getAsStaffB(c, `/api/targets/progress?year=2026&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId'),
  },
  'GET /api/metrics': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/metrics?from=2020-01-01&to=2030-12-31&unitId=${c.w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      const own = await getAsStaffB(c, '/api/metrics?from=2020-01-01&to=2030-12-31&keys=signedCount');
      expect(own.statusCode).toBe(200);
      expect(own.json().items[0].value).toBe(1); // B's own project; A's and the park's are not counted
    },
  },
  'GET /api/metrics/rules': {
    run: async (c) => {
      // The installation's counting rules are the same for every unit: configuration, no record of 甲县.
      const forB = await getAsStaffB(c, '/api/metrics/rules');
      expect(forB.json()).toEqual((await call(c.t.app, c.staffA, 'GET', '/api/metrics/rules')).json());
    },
  },
  'PUT /api/metrics/rules': {
    run: async (c) => {
      const rules = (await getAsStaffB(c, '/api/metrics/rules')).json().rules;
      expectApiError(await call(c.t.app, c.staffB, 'PUT', '/api/metrics/rules', { ...rules, excludedFundSources: [] }), 403, 'auth.forbidden');
    },
  },
  'GET /api/projects/export': {
    run: async (c) => {
      const response = await getAsStaffB(c, `/api/projects/export?unitId=${c.w.countyA.id}`);
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const names = workbook.worksheets[0]!.getColumn(4).values.slice(5);
      expect(names).toEqual(['0个项目']);
    },
  },
  'GET /api/problems/export': {
    // Catches (docs/testing.md, case 4): the export listing problems without the caller's scope. 甲县 raises its own
    // problem here, since cases run in declaration order and none may exist yet; 甲县's export shows it, 乙县's not.
    run: async (c) => {
      const raised = await call(c.t.app, c.staffA, 'POST', `/api/projects/${c.w.projectA.id}/problems`, { category: 'land', description: '甲县导出用问题' });
      expect(raised.statusCode, raised.body).toBe(200);
      const descriptions = async (response: LightMyRequestResponse) => {
        expect(response.statusCode).toBe(200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
        return workbook.worksheets[0]!.getColumn(4).values.slice(3);
      };
      expect(await descriptions(await call(c.t.app, c.staffA, 'GET', '/api/problems/export'))).toContain('甲县导出用问题');
      expect(await descriptions(await getAsStaffB(c, '/api/problems/export'))).not.toContain('甲县导出用问题');
    },
  },
  'POST /api/imports': {
    run: async (c) => {
      const csv = ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)'], [['乙县项目', '乙县测试企业有限公司', '100']]);
      const body = multipartBody('乙县.csv', csv, { unitId: String(c.w.countyA.id) });
      const response = await c.t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: c.staffB.cookie } });
      expectApiError(response, 400, 'project.unitOutOfScope', 'unitId');
    },
  },
  'GET /api/imports': {
    run: async (c) => {
      const id = await importOfA(c);
      expect(ids(await getAsStaffB(c, '/api/imports'))).not.toContain(id);
    },
  },
  'GET /api/imports/template.xlsx': {
    // The blank ledger names the caller's own unit in its title and holds no record of anyone's.
    run: async (c) => {
      const response = await getAsStaffB(c, '/api/imports/template.xlsx');
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(String(sheet.getCell(1, 1).value)).toBe(`${c.w.countyB.name}招商引资项目台账`);
      expect(sheet.rowCount).toBe(4);
    },
  },
  'GET /api/imports/:id': { run: async (c) => expectApiError(await getAsStaffB(c, `/api/imports/${await importOfA(c)}`), 404, 'notFound') },
  'GET /api/imports/:id/rows': { run: async (c) => expectApiError(await getAsStaffB(c, `/api/imports/${await importOfA(c)}/rows`), 404, 'notFound') },
  'GET /api/imports/:id/progress': { run: async (c) => expectApiError(await getAsStaffB(c, `/api/imports/${await importOfA(c)}/progress`), 404, 'notFound') },
  'GET /api/imports/:id/errors.xlsx': { run: async (c) => expectApiError(await getAsStaffB(c, `/api/imports/${await importOfA(c)}/errors.xlsx`), 404, 'notFound') },
  'POST /api/imports/:id/reread': {
    run: async (c) => {
      const id = await importOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/imports/${id}/reread`, { year: 2024 }), 404, 'notFound');
      await expectImportUntouched(c, id);
    },
  },
  'POST /api/imports/:id/commit': {
    run: async (c) => {
      const id = await importOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/imports/${id}/commit`), 404, 'notFound');
      await expectImportUntouched(c, id);
    },
  },
  'POST /api/imports/:id/revert': {
    run: async (c) => {
      const id = await importOfA(c);
      expect((await call(c.t.app, c.staffA, 'POST', `/api/imports/${id}/commit`)).statusCode).toBe(200);
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/imports/${id}/revert`), 404, 'notFound');
      expect((await call(c.t.app, c.staffA, 'GET', `/api/imports/${id}`)).json()).toMatchObject({ status: 'committed' });
      // County A undoes its own import, leaving the world as the other cases expect it.
      expect((await call(c.t.app, c.staffA, 'POST', `/api/imports/${id}/revert`)).statusCode).toBe(200);
    },
  },
  'GET /api/health': { public: 'liveness probe, no data of any unit' },
  'GET /api/openapi.json': { public: 'the API description, no data of any unit' },
  'POST /api/auth/login': { public: 'anyone may try to log in; it answers only about the account named' },

  'POST /api/auth/logout': {
    run: async ({ t, w, staffA, staffB }) => {
      const ownSession = await logIn(t.app, 'staff_b');
      const before = await t.read.counts();
      expect((await call(t.app, ownSession, 'POST', '/api/auth/logout')).statusCode).toBe(200);
      expect((await t.read.counts()).sessions).toBe(before.sessions - 1);
      expect((await call(t.app, ownSession, 'GET', '/api/auth/me')).statusCode).toBe(401);
      // Only the caller's own session ended: staff_a and staff_b's other session carry on.
      expect((await call(t.app, staffA, 'GET', '/api/auth/me')).json()).toMatchObject({ id: w.staffA.id });
      expect((await call(t.app, staffB, 'GET', '/api/auth/me')).json()).toMatchObject({ id: w.staffB.id });
    },
  },
  'GET /api/auth/me': {
    run: async (c) => {
      const response = await getAsStaffB(c, '/api/auth/me');
      expect(response.json()).toMatchObject({ id: c.w.staffB.id, unitId: c.w.countyB.id, unitName: '乙县' });
    },
  },
  'POST /api/auth/password': {
    run: async ({ t, w }) => {
      const colleague = await t.given.user({ unit: w.countyB, role: 'staff' });
      const session = await logIn(t.app, colleague.username);
      const staffABefore = await t.read.user(w.staffA.id);
      const response = await call(t.app, session, 'POST', '/api/auth/password', {
        currentPassword: 'Test-pass-2026',
        newPassword: 'Brand-new-pass-7',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect((await t.read.user(colleague.id))!.passwordHash).not.toBe(staffABefore!.passwordHash);
      expect(await t.read.user(w.staffA.id)).toEqual(staffABefore);
    },
  },
  'PUT /api/auth/locale': {
    run: async ({ t, w, staffB }) => {
      const staffABefore = await t.read.user(w.staffA.id);
      expect((await call(t.app, staffB, 'PUT', '/api/auth/locale', { locale: 'en' })).statusCode).toBe(200);
      expect((await t.read.user(w.staffB.id))!.locale).toBe('en');
      expect(await t.read.user(w.staffA.id)).toEqual(staffABefore);
    },
  },
  'GET /api/regions': {
    run: async (c) => {
      // Reference data (GB/T 2260), the same for every logged-in user: nothing unit-owned in it.
      const forB = await getAsStaffB(c, '/api/regions?q=襄阳');
      const forA = await call(c.t.app, c.staffA, 'GET', '/api/regions?q=襄阳');
      expect(forB.statusCode).toBe(200);
      expect(forB.json()).toEqual(forA.json());
    },
  },

  'GET /api/units': {
    run: async (c) => {
      expect(ids(await call(c.t.app, c.staffA, 'GET', '/api/units'))).toEqual(
        expect.arrayContaining([c.w.countyA.id, c.w.parkA.id, c.w.emptyTownA.id]),
      );
      expect(ids(await getAsStaffB(c, '/api/units'))).toEqual([c.w.countyB.id]);
    },
  },
  'POST /api/units': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      const response = await call(t.app, staffB, 'POST', '/api/units', { code: 'X1', name: '乙县伸进甲县的园区', kind: 'park', parentId: w.countyA.id });
      expectApiError(response, 403, 'auth.forbidden');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'PATCH /api/units/:id': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.unit(w.countyA.id);
      expectApiError(await call(t.app, staffB, 'PATCH', `/api/units/${w.countyA.id}`, { name: '改名' }), 403, 'auth.forbidden');
      expectApiError(await call(t.app, staffB, 'PATCH', `/api/units/${w.parkA.id}`, { parentId: w.countyB.id }), 403, 'auth.forbidden');
      expect(await t.read.unit(w.countyA.id)).toEqual(before);
      expect((await t.read.unit(w.parkA.id))!.parentId).toBe(w.countyA.id);
    },
  },
  'DELETE /api/units/:id': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.unit(w.emptyTownA.id);
      expectApiError(await call(t.app, staffB, 'DELETE', `/api/units/${w.emptyTownA.id}`), 403, 'auth.forbidden');
      expect(await t.read.unit(w.emptyTownA.id)).toEqual(before);
    },
  },

  'GET /api/users': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, '/api/users'), 403, 'auth.forbidden');
      expectApiError(await getAsStaffB(c, `/api/users?unitId=${c.w.countyA.id}`), 403, 'auth.forbidden');
    },
  },
  'POST /api/users': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      const response = await call(t.app, staffB, 'POST', '/api/users', {
        username: 'planted',
        displayName: '安插',
        role: 'staff',
        unitId: w.countyA.id,
        password: 'Planted-pass-99',
      });
      expectApiError(response, 403, 'auth.forbidden');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'PATCH /api/users/:id': {
    run: async ({ t, w, staffA, staffB }) => {
      const before = await t.read.user(w.staffA.id);
      const response = await call(t.app, staffB, 'PATCH', `/api/users/${w.staffA.id}`, { disabled: true, password: 'Taken-over-pass-1' });
      expectApiError(response, 403, 'auth.forbidden');
      expect(await t.read.user(w.staffA.id)).toEqual(before);
      expect((await call(t.app, staffA, 'GET', '/api/auth/me')).statusCode).toBe(200);
    },
  },

  'GET /api/audit': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, '/api/audit'), 403, 'auth.forbidden');
      expectApiError(await getAsStaffB(c, `/api/audit?entity=project&entityId=${c.w.projectA.id}`), 403, 'auth.forbidden');
    },
  },

  'GET /api/enterprises': {
    run: async (c) => {
      const { w } = c;
      expect(ids(await call(c.t.app, c.staffA, 'GET', '/api/enterprises'))).toEqual(
        expect.arrayContaining([w.enterpriseA.id, w.enterpriseParkA.id]),
      );
      // The library's public facts are the city's shared reference (issue 13): every unit reads every enterprise.
      expect(ids(await getAsStaffB(c, '/api/enterprises?pageSize=200'))).toEqual(expect.arrayContaining([w.enterpriseA.id, w.enterpriseParkA.id, w.enterpriseB.id]));
      expect(ids(await getAsStaffB(c, `/api/enterprises?q=${w.enterpriseA.creditCode}`))).toEqual([w.enterpriseA.id]);
    },
  },
  'GET /api/enterprises/:id': {
    run: async (c) => {
      expect((await call(c.t.app, c.staffA, 'GET', `/api/enterprises/${c.w.enterpriseA.id}`)).statusCode).toBe(200);
      // Shared reference (issue 13): 乙县 reads the public facts, and may not change them.
      expect((await getAsStaffB(c, `/api/enterprises/${c.w.enterpriseA.id}`)).json()).toMatchObject({ id: c.w.enterpriseA.id, canEdit: false });
      expect((await getAsStaffB(c, `/api/enterprises/${c.w.enterpriseParkA.id}`)).json()).toMatchObject({ id: c.w.enterpriseParkA.id, canEdit: false });
    },
  },
  'POST /api/enterprises': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      for (const unit of [w.countyA, w.parkA]) {
        const response = await call(t.app, staffB, 'POST', '/api/enterprises', { name: '挂到甲县的企业有限公司', unitId: unit.id });
        expectApiError(response, 400, 'project.unitOutOfScope', 'unitId');
      }
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'PATCH /api/enterprises/:id': {
    run: async ({ t, w, staffB }) => {
      const a = await t.read.enterprise(w.enterpriseA.id);
      const b = await t.read.enterprise(w.enterpriseB.id);
      const audit = (await t.read.counts()).audit;
      expectApiError(await call(t.app, staffB, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { name: '被乙县改名' }), 403, 'enterprise.factsReadOnly');
      expectApiError(await call(t.app, staffB, 'PATCH', `/api/enterprises/${w.enterpriseA.id}`, { unitId: w.countyB.id }), 403, 'enterprise.factsReadOnly');
      expectApiError(
        await call(t.app, staffB, 'PATCH', `/api/enterprises/${w.enterpriseB.id}`, { localUnitId: w.countyA.id }),
        400,
        'enterprise.localUnitUnknown',
        'localUnitId',
      );
      expectApiError(
        await call(t.app, staffB, 'PATCH', `/api/enterprises/${w.enterpriseB.id}`, { unitId: w.countyA.id }),
        400,
        'project.unitOutOfScope',
        'unitId',
      );
      expect(await t.read.enterprise(w.enterpriseA.id)).toEqual(a);
      expect(await t.read.enterprise(w.enterpriseB.id)).toEqual(b);
      expect((await t.read.counts()).audit).toBe(audit);
    },
  },

  'GET /api/enterprises/search': {
    run: async (c) => {
      // The library is the city's shared reference (issue 13): 乙县 finds 甲县's enterprise, and nothing of 甲县's work.
      const response = await getAsStaffB(c, `/api/enterprises/search?q=${encodeURIComponent('甲县测试')}`);
      expect(ids(response)).toContain(c.w.enterpriseA.id);
      expect(response.body).not.toContain('甲县测试项目');
    },
  },
  // The library (issue 13): public facts are read city-wide but changed only by the bureau or the recording unit;
  // contacts are personal data of the unit that collected them; another unit's work shows as its unit's name only.
  'GET /api/enterprises/:id/detail': {
    run: async (c) => {
      await contactOfA(c);
      const detail = (await getAsStaffB(c, `/api/enterprises/${c.w.enterpriseA.id}/detail`)).json();
      expect(detail.enterprise).toMatchObject({ id: c.w.enterpriseA.id, canEdit: false });
      expect(detail.contacts).toEqual([]);
      expect(detail.interest).toEqual([{ unitName: '甲县', kinds: expect.arrayContaining(['project']) }]);
      expect(JSON.stringify(detail)).not.toContain('甲县测试项目');
      expect(JSON.stringify(detail)).not.toContain('甲县联系人');
    },
  },
  'POST /api/enterprises/:id/tiers': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${w.enterpriseA.id}/tiers`, { list: 'high_tech', year: 2025 }), 403, 'enterprise.factsReadOnly');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'PUT /api/enterprises/:id/tiers/:tierId': {
    run: async (c) => {
      const tier = await tierOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'PUT', `/api/enterprises/${c.w.enterpriseA.id}/tiers/${tier}`, { list: 'high_tech', year: 2020 }), 403, 'enterprise.factsReadOnly');
      expect((await call(c.t.app, c.staffA, 'GET', `/api/enterprises/${c.w.enterpriseA.id}`)).json().tiers).toEqual([{ id: tier, list: 'high_tech', year: 2024, rank: null, batch: null }]);
    },
  },
  'DELETE /api/enterprises/:id/tiers/:tierId': {
    run: async (c) => {
      const tier = await tierOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/enterprises/${c.w.enterpriseA.id}/tiers/${tier}`), 403, 'enterprise.factsReadOnly');
      expect((await call(c.t.app, c.staffA, 'GET', `/api/enterprises/${c.w.enterpriseA.id}`)).json().tiers).toHaveLength(1);
    },
  },
  // Enterprise list imports (issue 13 "Filling it") are the bureau's: staff of any county are refused, nothing written.
  'POST /api/enterprise-lists': {
    run: async ({ t, staffB }) => {
      const before = await t.read.counts();
      const body = multipartBody('名单.csv', ledgerCsvGbk(['企业名称'], [['乙县伸手的名单企业有限公司']]), { list: 'little_giant', year: '2024' });
      const response = await t.app.inject({ method: 'POST', url: '/api/enterprise-lists', payload: body.payload, headers: { ...body.headers, cookie: staffB.cookie } });
      expectApiError(response, 403, 'auth.forbidden');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'GET /api/enterprise-lists/template.xlsx': {
    run: async (c) => expectApiError(await getAsStaffB(c, '/api/enterprise-lists/template.xlsx?list=srdi'), 403, 'auth.forbidden'),
  },
  'GET /api/enterprise-lists/:id': { run: async (c) => expectApiError(await getAsStaffB(c, `/api/enterprise-lists/${await listImportOfBureau(c)}`), 403, 'auth.forbidden') },
  'GET /api/enterprise-lists/:id/errors.xlsx': {
    run: async (c) => expectApiError(await getAsStaffB(c, `/api/enterprise-lists/${await listImportOfBureau(c)}/errors.xlsx`), 403, 'auth.forbidden'),
  },
  'GET /api/enterprise-lists/:id/progress': {
    run: async (c) => expectApiError(await getAsStaffB(c, `/api/enterprise-lists/${await listImportOfBureau(c)}/progress`), 403, 'auth.forbidden'),
  },
  'POST /api/enterprise-lists/:id/commit': {
    run: async (c) => {
      const id = await listImportOfBureau(c);
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/enterprise-lists/${id}/commit`), 403, 'auth.forbidden');
      expect((await call(c.t.app, await logIn(c.t.app, 'bureau'), 'GET', `/api/enterprise-lists/${id}`)).json()).toMatchObject({ status: 'previewed' });
    },
  },
  'POST /api/enterprise-lists/:id/revert': {
    run: async (c) => expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/enterprise-lists/${await listImportOfBureau(c)}/revert`), 403, 'auth.forbidden'),
  },
  // Merging duplicate enterprises (issue 13) is the bureau's: staff of any county are refused, nothing moves.
  'GET /api/enterprises/:id/merge-preview': {
    run: async ({ t, w, staffB }) =>
      expectApiError(await call(t.app, staffB, 'GET', `/api/enterprises/${w.enterpriseA.id}/merge-preview?mergedId=${w.enterpriseB.id}`), 403, 'auth.forbidden'),
  },
  'GET /api/enterprises/:id/merges': {
    run: async ({ t, w, staffB }) => expectApiError(await call(t.app, staffB, 'GET', `/api/enterprises/${w.enterpriseA.id}/merges`), 403, 'auth.forbidden'),
  },
  'POST /api/enterprises/:id/merges': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${w.enterpriseB.id}/merges`, { mergedId: w.enterpriseA.id }), 403, 'auth.forbidden');
      expect(await t.read.counts()).toEqual(before);
      expect((await t.read.project(w.projectA.id))!.investorEnterpriseId).toBe(w.enterpriseA.id);
    },
  },
  'POST /api/enterprise-merges/:id/undo': {
    run: async ({ t, staffB }) => expectApiError(await call(t.app, staffB, 'POST', '/api/enterprise-merges/1/undo', {}), 403, 'auth.forbidden'),
  },
  'POST /api/enterprises/:id/names': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${w.enterpriseA.id}/names`, { kind: 'alias', name: '乙县起的名' }), 403, 'enterprise.factsReadOnly');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'PUT /api/enterprises/:id/names/:nameId': {
    run: async (c) => {
      const name = await nameOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'PUT', `/api/enterprises/${c.w.enterpriseA.id}/names/${name}`, { kind: 'alias', name: '乙县改的名' }), 403, 'enterprise.factsReadOnly');
      expect((await call(c.t.app, c.staffA, 'GET', `/api/enterprises/${c.w.enterpriseA.id}`)).json().otherNames).toEqual([{ id: name, kind: 'short', name: '甲测' }]);
    },
  },
  'DELETE /api/enterprises/:id/names/:nameId': {
    run: async (c) => {
      const name = await nameOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/enterprises/${c.w.enterpriseA.id}/names/${name}`), 403, 'enterprise.factsReadOnly');
      expect((await call(c.t.app, c.staffA, 'GET', `/api/enterprises/${c.w.enterpriseA.id}`)).json().otherNames).toHaveLength(1);
    },
  },
  'GET /api/enterprises/:id/contacts': {
    run: async (c) => {
      await contactOfA(c);
      expect((await getAsStaffB(c, `/api/enterprises/${c.w.enterpriseA.id}/contacts`)).json()).toEqual([]);
    },
  },
  'POST /api/enterprises/:id/contacts': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      for (const unit of [w.countyA, w.parkA]) {
        const body = { name: '挂到甲县的联系人', unitId: unit.id };
        expectApiError(await call(t.app, staffB, 'POST', `/api/enterprises/${w.enterpriseA.id}/contacts`, body), 400, 'project.unitOutOfScope', 'unitId');
      }
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'PUT /api/enterprises/:id/contacts/:contactId': {
    run: async (c) => {
      const contact = await contactOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'PUT', `/api/enterprises/${c.w.enterpriseA.id}/contacts/${contact}`, { name: '被乙县改名' }), 404, 'notFound');
      expect((await call(c.t.app, c.staffA, 'GET', `/api/enterprises/${c.w.enterpriseA.id}/contacts`)).json()).toMatchObject([{ id: contact, name: '甲县联系人' }]);
    },
  },
  'DELETE /api/enterprises/:id/contacts/:contactId': {
    run: async (c) => {
      const contact = await contactOfA(c);
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/enterprises/${c.w.enterpriseA.id}/contacts/${contact}`), 404, 'notFound');
      expect((await call(c.t.app, c.staffA, 'GET', `/api/enterprises/${c.w.enterpriseA.id}/contacts`)).json()).toHaveLength(1);
    },
  },
  'POST /api/enterprises/:id/contacts/:contactId/phone': {
    run: async (c) => {
      const contact = await contactOfA(c);
      const audit = (await c.t.read.counts()).audit;
      const response = await call(c.t.app, c.staffB, 'POST', `/api/enterprises/${c.w.enterpriseA.id}/contacts/${contact}/phone`);
      expectApiError(response, 404, 'notFound');
      expect(response.body).not.toContain('13812345678');
      expect((await c.t.read.counts()).audit).toBe(audit);
    },
  },

  'GET /api/projects': {
    run: async (c) => {
      const { w } = c;
      expect(ids(await call(c.t.app, c.staffA, 'GET', '/api/projects'))).toEqual(expect.arrayContaining([w.projectA.id, w.projectParkA.id]));
      // Narrowed to the county: the county's own and its park's.
      expect(ids(await call(c.t.app, c.staffA, 'GET', `/api/projects?unitId=${w.countyA.id}`)).sort((a, b) => a - b)).toEqual([w.projectA.id, w.projectParkA.id].sort((a, b) => a - b));
      expect(ids(await call(c.t.app, c.staffA, 'GET', `/api/projects?unitId=${w.parkA.id}`))).toEqual([w.projectParkA.id]);
      expect(ids(await getAsStaffB(c, '/api/projects?pageSize=200'))).toEqual([w.projectB.id]);
      expectEmptyPage(await getAsStaffB(c, `/api/projects?unitId=${w.countyA.id}`));
      expectEmptyPage(await getAsStaffB(c, `/api/projects?unitId=${w.parkA.id}`));
      expectEmptyPage(await getAsStaffB(c, `/api/projects?unitId=${w.countyA.id}&stage=signed`));
      expectEmptyPage(await getAsStaffB(c, `/api/projects?q=${encodeURIComponent('甲县')}`));
    },
  },
  'GET /api/projects/:id': {
    run: async (c) => {
      expect((await call(c.t.app, c.staffA, 'GET', `/api/projects/${c.w.projectA.id}`)).statusCode).toBe(200);
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectA.id}`), 404, 'notFound');
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectParkA.id}`), 404, 'notFound');
    },
  },
  'POST /api/projects': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      const base = { name: '越界项目', totalInvestmentYuan: 1_000_000 };
      expectApiError(
        await call(t.app, staffB, 'POST', '/api/projects', { ...base, unitId: w.countyA.id, investorEnterpriseId: w.enterpriseB.id }),
        400,
        'project.unitOutOfScope',
        'unitId',
      );
      // Any enterprise of the city's library may invest (issue 13); one that does not exist is refused.
      expectApiError(
        await call(t.app, staffB, 'POST', '/api/projects', { ...base, unitId: w.countyB.id, investorEnterpriseId: 2_000_000_000 }),
        400,
        'project.investorOutOfScope',
        'investorEnterpriseId',
      );
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'PATCH /api/projects/:id': {
    run: async ({ t, w, staffB }) => {
      const a = await t.read.project(w.projectA.id);
      const b = await t.read.project(w.projectB.id);
      const audit = (await t.read.counts()).audit;
      expectApiError(await call(t.app, staffB, 'PATCH', `/api/projects/${w.projectA.id}`, { stage: 'terminated' }), 404, 'notFound');
      expectApiError(await call(t.app, staffB, 'PATCH', `/api/projects/${w.projectA.id}`, { unitId: w.countyB.id }), 404, 'notFound');
      expectApiError(
        await call(t.app, staffB, 'PATCH', `/api/projects/${w.projectB.id}`, { unitId: w.countyA.id }),
        400,
        'project.unitOutOfScope',
        'unitId',
      );
      expectApiError(
        await call(t.app, staffB, 'PATCH', `/api/projects/${w.projectB.id}`, { investorEnterpriseId: 2_000_000_000 }),
        400,
        'project.investorOutOfScope',
        'investorEnterpriseId',
      );
      expect(await t.read.project(w.projectA.id)).toEqual(a);
      expect(await t.read.project(w.projectB.id)).toEqual(b);
      expect((await t.read.counts()).audit).toBe(audit);
    },
  },

  'GET /api/projects/:id/lifecycle': {
    run: async (c) => {
      expect((await call(c.t.app, c.staffA, 'GET', `/api/projects/${c.w.projectA.id}/lifecycle`)).statusCode).toBe(200);
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectA.id}/lifecycle`), 404, 'notFound');
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectParkA.id}/lifecycle`), 404, 'notFound');
    },
  },
  'POST /api/projects/:id/stage': {
    run: async ({ t, w, staffB }) => {
      const a = await t.read.project(w.projectA.id);
      const audit = (await t.read.counts()).audit;
      for (const project of [w.projectA, w.projectParkA]) {
        const response = await call(t.app, staffB, 'POST', `/api/projects/${project.id}/stage`, { to: 'terminated', date: '2026-03-01', reason: '越权终止' });
        expectApiError(response, 404, 'notFound');
      }
      expect(await t.read.project(w.projectA.id)).toEqual(a);
      expect((await t.read.counts()).audit).toBe(audit);
    },
  },
  'POST /api/projects/:id/stage-corrections': {
    run: async ({ t, w, staffA, staffB }) => {
      const signed = await call(t.app, staffA, 'POST', `/api/projects/${w.projectParkA.id}/stage`, {
        to: 'stalled',
        date: '2026-03-01',
        reason: '等待用地',
      });
      expect(signed.statusCode, signed.body).toBe(200);
      const eventId = (signed.json() as { events: { id: number }[] }).events.at(-1)!.id;
      const before = await t.read.project(w.projectParkA.id);
      const audit = (await t.read.counts()).audit;
      const response = await call(t.app, staffB, 'POST', `/api/projects/${w.projectParkA.id}/stage-corrections`, {
        correctsEventId: eventId,
        kind: 'revoke',
        reason: '越权撤销',
      });
      expectApiError(response, 404, 'notFound');
      expect(await t.read.project(w.projectParkA.id)).toEqual(before);
      expect((await t.read.counts()).audit).toBe(audit);
    },
  },
  'GET /api/projects/:id/funds': {
    run: async (c) => {
      expect((await call(c.t.app, c.staffA, 'GET', `/api/projects/${c.w.projectA.id}/funds`)).statusCode).toBe(200);
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectA.id}/funds`), 404, 'notFound');
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectParkA.id}/funds`), 404, 'notFound');
    },
  },
  'POST /api/projects/:id/funds': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      const body = { arrivedOn: '2026-03-01', source: 'outOfProvince', amountYuan: 100_000_000, evidenceRef: '越权回单' };
      expectApiError(await call(t.app, staffB, 'POST', `/api/projects/${w.projectA.id}/funds`, body), 404, 'notFound');
      expectApiError(await call(t.app, staffB, 'POST', `/api/projects/${w.projectParkA.id}/funds`, body), 404, 'notFound');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'POST /api/projects/:id/funds/:entryId/void': {
    run: async ({ t, w, staffA, staffB }) => {
      const recorded = await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/funds`, {
        arrivedOn: '2026-03-01',
        source: 'outOfProvince',
        amountYuan: 5_000_000,
        evidenceRef: '回单-甲',
      });
      const entryId = (recorded.json() as { entries: { id: number }[] }).entries[0]!.id;
      const audit = (await t.read.counts()).audit;
      const url = `/api/projects/${w.projectA.id}/funds/${entryId}/void`;
      expectApiError(await call(t.app, staffB, 'POST', url, { reason: '越权作废' }), 404, 'notFound');
      // Through one of B's own projects, A's entry is still not B's to void.
      expectApiError(await call(t.app, staffB, 'POST', `/api/projects/${w.projectB.id}/funds/${entryId}/void`, { reason: '越权作废' }), 404, 'notFound');
      const funds = (await call(t.app, staffA, 'GET', `/api/projects/${w.projectA.id}/funds`)).json() as { arrivedYuan: number };
      expect(funds.arrivedYuan).toBe(5_000_000);
      expect((await t.read.counts()).audit).toBe(audit);
    },
  },
  'GET /api/notifications': {
    run: async (c) => {
      const { t, w } = c;
      await runReminderJob({ db: t.db, now: t.clock.now() });
      const seen = (await getAsStaffB(c, '/api/notifications')).json() as { items: { unitId: number; projectId: number }[] };
      expect(seen.items.length).toBeGreaterThan(0);
      expect(seen.items.every((n) => n.unitId === w.countyB.id)).toBe(true);
      const own = (await call(t.app, c.staffA, 'GET', '/api/notifications')).json() as { items: { unitId: number }[] };
      expect(own.items.some((n) => n.unitId === w.countyA.id)).toBe(true);
    },
  },
  'POST /api/notifications/:id/read': {
    run: async ({ t, w, staffA, staffB }) => {
      await runReminderJob({ db: t.db, now: t.clock.now() });
      const own = (await call(t.app, staffA, 'GET', '/api/notifications')).json() as { items: { id: number; unitId: number; read: boolean }[] };
      const target = own.items.find((n) => n.unitId === w.countyA.id && !n.read)!;
      expectApiError(await call(t.app, staffB, 'POST', `/api/notifications/${target.id}/read`), 404, 'notFound');
      const after = (await call(t.app, staffA, 'GET', '/api/notifications')).json() as { items: { id: number; read: boolean }[] };
      expect(after.items.find((n) => n.id === target.id)!.read).toBe(false);
    },
  },
  'POST /api/notifications/read-all': {
    run: async ({ t, w, staffA, staffB }) => {
      await runReminderJob({ db: t.db, now: t.clock.now() });
      const unreadOf = async (session: Session) => ((await call(t.app, session, 'GET', '/api/notifications')).json() as { unread: number }).unread;
      const unreadA = await unreadOf(staffA);
      expect(unreadA).toBeGreaterThan(0);
      const unreadB = await unreadOf(staffB);
      const marked = (await call(t.app, staffB, 'POST', '/api/notifications/read-all')).json() as { marked: number };
      // B's own are marked, exactly those; A's stay unread.
      expect(marked.marked).toBe(unreadB);
      expect(await unreadOf(staffB)).toBe(0);
      expect(await unreadOf(staffA)).toBe(unreadA);
      const own = (await call(t.app, staffA, 'GET', '/api/notifications')).json() as { items: { unitId: number; read: boolean }[] };
      expect(own.items.filter((n) => n.unitId === w.countyA.id).every((n) => !n.read)).toBe(true);
    },
  },
  'GET /api/units/:id/webhook': {
    run: async (c) => {
      expect((await call(c.t.app, c.staffA, 'GET', `/api/units/${c.w.countyA.id}/webhook`)).statusCode).toBe(200);
      expectApiError(await getAsStaffB(c, `/api/units/${c.w.countyA.id}/webhook`), 404, 'notFound', 'unitId');
      expectApiError(await getAsStaffB(c, `/api/units/${c.w.parkA.id}/webhook`), 404, 'notFound', 'unitId');
    },
  },
  'PUT /api/units/:id/webhook': {
    run: async ({ t, w, staffA, staffB }) => {
      const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a';
      expect((await call(t.app, staffA, 'PUT', `/api/units/${w.countyA.id}/webhook`, { kind: 'wecom', url })).statusCode).toBe(200);
      const audit = (await t.read.counts()).audit;
      const hijack = { kind: 'wecom', url: 'https://attacker.example/hook' };
      expectApiError(await call(t.app, staffB, 'PUT', `/api/units/${w.countyA.id}/webhook`, hijack), 404, 'notFound', 'unitId');
      expectApiError(await call(t.app, staffB, 'PUT', `/api/units/${w.parkA.id}/webhook`, hijack), 404, 'notFound', 'unitId');
      expect((await call(t.app, staffA, 'GET', `/api/units/${w.countyA.id}/webhook`)).json()).toMatchObject({ url });
      expect((await t.read.counts()).audit).toBe(audit);
    },
  },
  'GET /api/departments': {
    run: async (c) => {
      // Department names are the city's reference list, the same for every unit.
      expect((await getAsStaffB(c, '/api/departments')).statusCode).toBe(200);
    },
  },
  'POST /api/departments': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      expectApiError(await call(t.app, staffB, 'POST', '/api/departments', { unitId: w.countyA.id, name: '越权部门' }), 403, 'auth.forbidden');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'GET /api/local-industries': {
    run: async (c) => {
      // The city's own industry words are its reference list, the same for every unit.
      expect((await getAsStaffB(c, '/api/local-industries')).statusCode).toBe(200);
    },
  },
  'POST /api/local-industries': {
    run: async ({ t, staffB }) => {
      const before = await t.read.counts();
      expectApiError(await call(t.app, staffB, 'POST', '/api/local-industries', { name: '越权产业' }), 403, 'auth.forbidden');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  // Industrial chains (issue 14): the chains are the city's (read by all, edited by the bureau); what 甲县 placed on them stays its own.
  'GET /api/chain-templates': { run: async (c) => expect((await getAsStaffB(c, '/api/chain-templates')).statusCode).toBe(200) },
  'GET /api/chains': {
    run: async (c) => {
      const { chainId } = await chainWithRecordsOfA(c);
      expect(ids(await getAsStaffB(c, '/api/chains'))).toContain(chainId);
    },
  },
  'POST /api/chains': bureauOnlyChainCase('POST', () => '/api/chains', () => ({ name: '乙县的链', nameEn: 'B chain' })),
  'GET /api/chains/:id': { run: async (c) => expect((await getAsStaffB(c, `/api/chains/${(await chainWithRecordsOfA(c)).chainId}`)).statusCode).toBe(200) },
  'PATCH /api/chains/:id': bureauOnlyChainCase('PATCH', (x) => `/api/chains/${x.chainId}`, () => ({ name: '改名' })),
  'PUT /api/chains/:id/members': bureauOnlyChainCase('PUT', (x) => `/api/chains/${x.chainId}/members`, (_x, c) => ({ members: [{ userId: c.w.staffB.id, role: 'head' }] })),
  'POST /api/chains/:id/links': bureauOnlyChainCase('POST', (x) => `/api/chains/${x.chainId}/links`, () => ({ segment: 'upstream', name: '乙县环节', nameEn: 'B link' })),
  'PATCH /api/chains/:id/links/:linkId': bureauOnlyChainCase('PATCH', (x) => `/api/chains/${x.chainId}/links/${x.linkId}`, () => ({ retired: true })),
  'GET /api/chains/:id/map': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const node = (await getAsStaffB(c, `/api/chains/${x.chainId}/map`)).json().nodes[0];
      // 甲县's enterprise is a public fact of the city; its project and lead are not counted for 乙县.
      expect(node.figures).toMatchObject({ localEnterprises: 1, leads: 0, projects: 0, signedProjects: 0 });
      expect(node.status).toBe('weak');
    },
  },
  'GET /api/chains/:id/gaps': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const [item] = (await getAsStaffB(c, `/api/chains/${x.chainId}/gaps`)).json().items;
      expect(item.figures).toMatchObject({ leads: 0, projects: 0 });
    },
  },
  'GET /api/chains/:id/links/:linkId/records': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const records = (await getAsStaffB(c, `/api/chains/${x.chainId}/links/${x.linkId}/records`)).json();
      expect(records.projects).toEqual([]);
      expect(records.leads).toEqual([]);
      expect(JSON.stringify(records)).not.toContain('甲县测试项目');
      expect(JSON.stringify(records)).not.toContain('甲县机密线索');
    },
  },
  'GET /api/chains/:id/links/:linkId/rejections': {
    run: async (c) => {
      // The marks are on the city's link and stop a candidate for everyone: all read them, with the unit that made them.
      const x = await chainWithRecordsOfA(c);
      expect((await getAsStaffB(c, `/api/chains/${x.chainId}/links/${x.linkId}/rejections`)).json().items).toEqual([expect.objectContaining({ unitName: '甲县' })]);
    },
  },
  'POST /api/chains/:id/links/:linkId/rejections': {
    run: async (c) => {
      // 乙县 marks the same enterprise: refused as marked already, 甲县's mark unchanged.
      const x = await chainWithRecordsOfA(c);
      const before = await chainRows(c);
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/chains/${x.chainId}/links/${x.linkId}/rejections`, { enterpriseId: c.w.enterpriseB.id, reason: '乙县' }), 409, 'chain.alreadyRejected', 'enterpriseId');
      expect(await chainRows(c)).toEqual(before);
    },
  },
  'DELETE /api/chains/:id/links/:linkId/rejections/:enterpriseId': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const before = await chainRows(c);
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/chains/${x.chainId}/links/${x.linkId}/rejections/${c.w.enterpriseB.id}`), 404, 'notFound');
      expect(await chainRows(c)).toEqual(before);
    },
  },
  'GET /api/projects/:id/chain-placements': {
    run: async (c) => (await chainWithRecordsOfA(c), expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectA.id}/chain-placements`), 404, 'notFound')),
  },
  'PUT /api/projects/:id/chain-placement': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const before = await chainRows(c);
      expectApiError(await call(c.t.app, c.staffB, 'PUT', `/api/projects/${c.w.projectA.id}/chain-placement`, { linkId: x.linkId }), 404, 'notFound');
      expect(await chainRows(c)).toEqual(before);
    },
  },
  'DELETE /api/projects/:id/chain-placement': {
    run: async (c) => {
      await chainWithRecordsOfA(c);
      const before = await chainRows(c);
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/projects/${c.w.projectA.id}/chain-placement`), 404, 'notFound');
      expect(await chainRows(c)).toEqual(before);
    },
  },
  'GET /api/leads/:id/chain-placements': {
    run: async (c) => expectApiError(await getAsStaffB(c, `/api/leads/${(await chainWithRecordsOfA(c)).leadId}/chain-placements`), 404, 'notFound'),
  },
  'GET /api/chains/:id/links/:linkId/candidates': {
    run: async (c) => {
      // A link on 乙县's enterprise's subject, with 甲县's lead and visit on it: 乙县 sees the candidate, never their words.
      const bureau = await logIn(c.t.app, 'bureau');
      const chain = await call(c.t.app, bureau, 'POST', '/api/chains', { name: '候选越权链', nameEn: 'Candidates chain' });
      const x = { chainId: (chain.json() as { id: number }).id };
      const link = await call(c.t.app, bureau, 'POST', `/api/chains/${x.chainId}/links`, { segment: 'midstream', name: '候选越权环节', nameEn: 'Candidates link', keywords: ['越权测试材料'] });
      expect(link.statusCode, link.body).toBe(200);
      const linkId = (link.json() as { id: number }).id;
      const [target] = await c.t.db.insert(enterprises).values({ unitId: c.w.city.id, name: '越权候选有限公司', businessScope: '越权测试材料的生产' }).returning();
      await refreshEnterpriseSearch(c.t.db, [target!.id]);
      await c.t.db.insert(leads).values({ unitId: c.w.countyA.id, enterpriseId: target!.id, enterpriseName: '越权候选有限公司', source: 'other', collectedOn: '2026-03-01', note: '甲县机密' });
      await c.t.db.insert(visits).values({ unitId: c.w.parkA.id, kind: 'visit', enterpriseId: target!.id, enterpriseName: '越权候选有限公司', visitedOn: '2026-03-02' });
      const url = `/api/chains/${x.chainId}/links/${linkId}/candidates`;
      const asA = (await call(c.t.app, c.staffA, 'GET', url)).json() as { items: { enterpriseId: number; reasons: { factor: string }[] }[] };
      expect(asA.items.find((i) => i.enterpriseId === target!.id)!.reasons.map((r) => r.factor)).toEqual(expect.arrayContaining(['lead', 'visit']));
      const response = await getAsStaffB(c, url);
      expect(response.statusCode, response.body).toBe(200);
      const asB = response.json() as { items: { enterpriseId: number; reasons: { factor: string }[] }[] };
      expect(asB.items.find((i) => i.enterpriseId === target!.id)!.reasons.map((r) => r.factor)).toEqual(['keywords']);
      expect(response.body).not.toMatch(/线索|拜访|机密|甲县/);
      // A link of another chain through this chain's path: 404.
      expectApiError(await getAsStaffB(c, `/api/chains/${x.chainId + 1000}/links/${linkId}/candidates`), 404, 'notFound');
    },
  },
  'GET /api/chain-candidate-weights': {
    run: async (c) => expectApiError(await getAsStaffB(c, '/api/chain-candidate-weights'), 403, 'auth.forbidden'),
  },
  'PUT /api/chain-candidate-weights': {
    run: async (c) => {
      const before = await c.t.read.counts();
      expectApiError(await call(c.t.app, c.staffB, 'PUT', '/api/chain-candidate-weights', { weights: DEFAULT_CANDIDATE_WEIGHTS }), 403, 'auth.forbidden');
      expect(await c.t.read.counts()).toEqual(before);
      expect(await c.t.db.select().from(chainCandidateWeights)).toEqual([]);
    },
  },
  'PUT /api/leads/:id/chain-placement': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const before = await chainRows(c);
      expectApiError(await call(c.t.app, c.staffB, 'PUT', `/api/leads/${x.leadId}/chain-placement`, { linkId: x.linkId }), 404, 'notFound');
      expect(await chainRows(c)).toEqual(before);
    },
  },
  'DELETE /api/leads/:id/chain-placement': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const before = await chainRows(c);
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/leads/${x.leadId}/chain-placement`), 404, 'notFound');
      expect(await chainRows(c)).toEqual(before);
    },
  },
  'GET /api/enterprises/:id/chain-placements': {
    run: async (c) => {
      // Where an enterprise sits is a public fact, like the enterprise.
      await chainWithRecordsOfA(c);
      expect((await getAsStaffB(c, `/api/enterprises/${c.w.enterpriseA.id}/chain-placements`)).json().placements).toHaveLength(1);
    },
  },
  'POST /api/enterprises/:id/chain-placements': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const before = await chainRows(c);
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/enterprises/${c.w.enterpriseA.id}/chain-placements`, { linkId: x.linkId }), 403, 'chain.placeEnterpriseForbidden');
      expect(await chainRows(c)).toEqual(before);
    },
  },
  'DELETE /api/enterprises/:id/chain-placements/:linkId': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const before = await chainRows(c);
      expectApiError(await call(c.t.app, c.staffB, 'DELETE', `/api/enterprises/${c.w.enterpriseA.id}/chain-placements/${x.linkId}`), 403, 'chain.placeEnterpriseForbidden');
      expect(await chainRows(c)).toEqual(before);
    },
  },
  'POST /api/chain-placements/:id/confirm': {
    run: async (c) => {
      const x = await chainWithRecordsOfA(c);
      const before = await chainRows(c);
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/chain-placements/${x.suggestedId}/confirm`), 404, 'notFound');
      expect(await chainRows(c)).toEqual(before);
    },
  },
  'PUT /api/local-industries/:id': {
    run: async ({ t, staffB }) => {
      const before = await t.read.counts();
      expectApiError(await call(t.app, staffB, 'PUT', '/api/local-industries/1', { name: '越权产业' }), 403, 'auth.forbidden');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'POST /api/projects/:id/problems': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      for (const project of [w.projectA, w.projectParkA]) {
        const response = await call(t.app, staffB, 'POST', `/api/projects/${project.id}/problems`, { category: 'land', description: '越权录入' });
        expectApiError(response, 404, 'notFound');
      }
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'GET /api/problems': {
    run: async (c) => {
      const { t, w, staffA } = c;
      await call(t.app, staffA, 'POST', `/api/projects/${w.projectParkA.id}/problems`, { category: 'approval', description: '环评批复未下达' });
      const seen = (await getAsStaffB(c, '/api/problems?pageSize=200')).json() as { items: { projectId: number }[] };
      expect(seen.items.filter((p) => [w.projectA.id, w.projectParkA.id].includes(p.projectId))).toEqual([]);
      expectEmptyPage(await getAsStaffB(c, `/api/problems?projectId=${w.projectParkA.id}`));
      expectEmptyPage(await getAsStaffB(c, `/api/problems?unitId=${w.countyA.id}`));
    },
  },
  'GET /api/problems/:id': {
    run: async (c) => {
      const raised = await call(c.t.app, c.staffA, 'POST', `/api/projects/${c.w.projectA.id}/problems`, { category: 'funding', description: '贷款未审批' });
      expectApiError(await getAsStaffB(c, `/api/problems/${raised.json().id}`), 404, 'notFound');
    },
  },
  'PATCH /api/problems/:id': {
    run: async ({ t, w, staffA, staffB }) => {
      const raised = await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'talent', description: '技工招聘难', dueOn: '2026-04-01' });
      const id = raised.json().id as number;
      const audit = (await t.read.counts()).audit;
      expectApiError(await call(t.app, staffB, 'PATCH', `/api/problems/${id}`, { dueOn: '2030-01-01', description: '被改' }), 404, 'notFound');
      expect((await call(t.app, staffA, 'GET', `/api/problems/${id}`)).json()).toMatchObject({ dueOn: '2026-04-01', description: '技工招聘难' });
      expect((await t.read.counts()).audit).toBe(audit);
    },
  },
  'POST /api/problems/:id/notes': {
    run: async ({ t, w, staffA, staffB }) => {
      const raised = await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'other', description: '备案手续' });
      const id = raised.json().id as number;
      expectApiError(await call(t.app, staffB, 'POST', `/api/problems/${id}/notes`, { kind: 'progress', text: '越权' }), 404, 'notFound');
      expect((await call(t.app, staffA, 'GET', `/api/problems/${id}`)).json().notes).toEqual([]);
    },
  },
  'POST /api/problems/:id/resolve': {
    run: async ({ t, w, staffA, staffB }) => {
      const raised = await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'other', description: '消防验收' });
      const id = raised.json().id as number;
      expectApiError(await call(t.app, staffB, 'POST', `/api/problems/${id}/resolve`, { resolution: '越权办结' }), 404, 'notFound');
      expect((await call(t.app, staffA, 'GET', `/api/problems/${id}`)).json()).toMatchObject({ state: 'open' });
    },
  },
  'POST /api/projects/:id/files': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      const boundary = '----cross';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.jpg"\r\n\r\n`),
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      for (const project of [w.projectA, w.projectParkA]) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/projects/${project.id}/files`,
          payload,
          headers: { cookie: staffB.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        expectApiError(response, 404, 'notFound');
      }
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'GET /api/projects/:id/files': {
    run: async (c) => {
      expect((await call(c.t.app, c.staffA, 'GET', `/api/projects/${c.w.projectA.id}/files`)).statusCode).toBe(200);
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectA.id}/files`), 404, 'notFound');
    },
  },
  'GET /api/files/:id': {
    run: async (c) => {
      const { t, w, staffA } = c;
      const boundary = '----own';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
        Buffer.from('%PDF-1.4\n'),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/api/projects/${w.projectParkA.id}/files`,
        payload,
        headers: { cookie: staffA.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(uploaded.statusCode, uploaded.body).toBe(200);
      const response = await getAsStaffB(c, `/api/files/${uploaded.json().id}`);
      expectApiError(response, 404, 'notFound');
    },
  },
  'GET /api/projects/:id/timeline': {
    run: async (c) => {
      expect((await call(c.t.app, c.staffA, 'GET', `/api/projects/${c.w.projectA.id}/timeline`)).statusCode).toBe(200);
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectA.id}/timeline`), 404, 'notFound');
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectParkA.id}/timeline`), 404, 'notFound');
    },
  },
  'POST /api/projects/:id/comments': {
    run: async ({ t, w, staffB }) => {
      const before = await t.read.counts();
      expectApiError(await call(t.app, staffB, 'POST', `/api/projects/${w.projectA.id}/comments`, { text: '越权评论' }), 404, 'notFound');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'GET /api/saved-filters': {
    run: async (c) => {
      await call(c.t.app, c.staffA, 'POST', '/api/saved-filters', { name: '甲县的筛选', query: { unitId: String(c.w.countyA.id) } });
      const seen = (await getAsStaffB(c, '/api/saved-filters')).json() as { items: { name: string }[] };
      expect(seen.items.map((f) => f.name)).not.toContain('甲县的筛选');
    },
  },
  'POST /api/saved-filters': {
    run: async ({ t, staffB }) => {
      // A saved filter belongs to its author; saving one names nothing of another unit and reveals nothing.
      expect((await call(t.app, staffB, 'POST', '/api/saved-filters', { name: '乙县自己的', query: { stage: 'signed' } })).statusCode).toBe(200);
    },
  },
  'DELETE /api/saved-filters/:id': {
    run: async ({ t, staffA, staffB }) => {
      const own = await call(t.app, staffA, 'POST', '/api/saved-filters', { name: '甲县留着的', query: {} });
      expectApiError(await call(t.app, staffB, 'DELETE', `/api/saved-filters/${own.json().id}`), 404, 'notFound');
      expect(((await call(t.app, staffA, 'GET', '/api/saved-filters')).json() as { items: { id: number }[] }).items.map((f) => f.id)).toContain(own.json().id);
    },
  },
  'GET /api/supervision/export': {
    run: async ({ t, staffB }) => {
      // Project A (甲县) is due soon like project B, yet B's file holds only B's row.
      const response = await t.app.inject({ method: 'GET', url: '/api/supervision/export', headers: { cookie: staffB.cookie } });
      expect(response.statusCode).toBe(200);
      const ExcelJS = (await import('exceljs')).default;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const names = workbook.getWorksheet(1)!.getColumn(2).values.slice(3);
      expect(names).toEqual(['乙县测试项目']);
    },
  },
  'POST /api/supervision/reminders': {
    run: async ({ t, w, staffA, staffB }) => {
      // 催办 of 甲县's project by 乙县: not found, no bell reminder, no audit row; 甲县 may send it.
      const remindersOf = async () => (await t.db.select().from(notifications).where(eq(notifications.projectId, w.projectA.id))).length;
      const audited = async () => (await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'remind'), eq(auditLog.entityId, String(w.projectA.id))))).length;
      const [before, auditBefore] = [await remindersOf(), await audited()];
      expectApiError(await call(t.app, staffB, 'POST', '/api/supervision/reminders', { projectId: w.projectA.id, ruleKey: 'signedToRegistered' }), 404, 'notFound');
      expect([await remindersOf(), await audited()]).toEqual([before, auditBefore]);
      const own = await call(t.app, staffA, 'POST', '/api/supervision/reminders', { projectId: w.projectA.id, ruleKey: 'signedToRegistered' });
      expect([200, 409, 429]).toContain(own.statusCode); // sent, or (after other cases moved it) not on the clock
    },
  },
  'GET /api/supervision/board': {
    run: async (c) => {
      const seen = (await getAsStaffB(c, '/api/supervision/board?pageSize=200')).json() as { items: { projectId: number }[] };
      expect(seen.items.map((i) => i.projectId)).toEqual([c.w.projectB.id]);
      expectEmptyPage(await getAsStaffB(c, `/api/supervision/board?unitId=${c.w.countyA.id}`));
    },
  },
  'GET /api/colleagues': {
    run: async (c) => {
      const seen = (await getAsStaffB(c, '/api/colleagues')).json() as { items: { id: number; unitName: string }[] };
      expect(seen.items.map((u) => u.id)).toContain(c.w.staffB.id);
      expect(seen.items.every((u) => u.unitName === '乙县')).toBe(true);
      const own = (await call(c.t.app, c.staffA, 'GET', '/api/colleagues')).json() as { items: { id: number }[] };
      expect(own.items.map((u) => u.id)).toEqual(expect.arrayContaining([c.w.staffA.id, c.w.leaderA.id]));
      expect(own.items.map((u) => u.id)).not.toContain(c.w.staffB.id);
    },
  },
  'GET /api/supervision': {
    run: async (c) => {
      const { t, w, staffA } = c;
      const overdue = await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/stage`, {
        to: 'stalled',
        date: '2026-03-01',
        reason: '资金未到位',
      });
      expect(overdue.statusCode, overdue.body).toBe(200);
      const seen = (await getAsStaffB(c, '/api/supervision?pageSize=200')).json() as { items: { projectId: number; unitId: number }[] };
      expect(seen.items.map((i) => i.projectId)).toEqual([w.projectB.id]);
      expectEmptyPage(await getAsStaffB(c, `/api/supervision?unitId=${w.countyA.id}`));
      expectEmptyPage(await getAsStaffB(c, `/api/supervision?unitId=${w.parkA.id}`));
    },
  },
  'GET /api/industries': {
    run: async (c) => {
      // GB/T 4754 reference data is the same for every unit: reading it reveals nothing of 甲县.
      const response = await getAsStaffB(c, `/api/industries?q=${encodeURIComponent('电池')}`);
      expect((response.json() as { items: { code: string }[] }).items.map((i) => i.code)).toContain('3841');
    },
  },
  'GET /api/deadline-rules': {
    run: async (c) => {
      // The city's rules are the same for every unit: reading them reveals nothing of 甲县.
      const response = await getAsStaffB(c, '/api/deadline-rules');
      expect((response.json() as { items: { key: string }[] }).items.map((r) => r.key)).toContain('signedToRegistered');
    },
  },
  'POST /api/deadline-rules': {
    run: async ({ t, staffB }) => {
      const before = await t.read.counts();
      const body = { key: 'staffRule', name: '越权规则', fromStage: 'signed', toStage: 'started', amount: 1, unit: 'months', warnBeforeDays: 0 };
      expectApiError(await call(t.app, staffB, 'POST', '/api/deadline-rules', body), 403, 'auth.forbidden');
      expect(await t.read.counts()).toEqual(before);
    },
  },
  'PATCH /api/deadline-rules/:id': {
    run: async ({ t, staffB }) => {
      const rules = (await call(t.app, staffB, 'GET', '/api/deadline-rules')).json() as { items: { id: number; amount: number }[] };
      const rule = rules.items[0]!;
      expectApiError(await call(t.app, staffB, 'PATCH', `/api/deadline-rules/${rule.id}`, { amount: 99 }), 403, 'auth.forbidden');
      const after = (await call(t.app, staffB, 'GET', '/api/deadline-rules')).json() as { items: { id: number; amount: number }[] };
      expect(after.items.find((r) => r.id === rule.id)!.amount).toBe(rule.amount);
    },
  },
  // Duplicate claims (issue 17): the queue and its decisions are the bureau's; a unit reads only its own project's review.
  'GET /api/duplicate-claims': {
    run: async (c) => {
      const { claimId } = await duplicatePairOfAB(c);
      expectApiError(await getAsStaffB(c, '/api/duplicate-claims'), 403, 'auth.forbidden');
      expectApiError(await getAsStaffB(c, '/api/duplicate-claims?status=resolved'), 403, 'auth.forbidden');
      const bureau = await logIn(c.t.app, 'bureau');
      expect(ids(await call(c.t.app, bureau, 'GET', '/api/duplicate-claims'))).toContain(claimId);
    },
  },
  'POST /api/duplicate-claims/:id/not-duplicate': {
    run: async (c) => {
      const { claimId } = await duplicatePairOfAB(c);
      const before = await c.t.read.counts();
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/duplicate-claims/${claimId}/not-duplicate`, { reason: '越权判定' }), 403, 'auth.forbidden');
      expect(await c.t.read.counts()).toEqual(before);
      expect((await c.t.db.select().from(duplicateClaims).where(eq(duplicateClaims.id, claimId)))[0]!.status).toBe('open');
    },
  },
  'POST /api/duplicate-claims/:id/split-credit': {
    run: async (c) => {
      const { claimId, projectOfA } = await duplicatePairOfAB(c);
      const before = await c.t.read.counts();
      const project = await c.t.read.project(projectOfA);
      const response = await call(c.t.app, c.staffB, 'POST', `/api/duplicate-claims/${claimId}/split-credit`, { keptProjectId: projectOfA, reason: '越权分成' });
      expectApiError(response, 403, 'auth.forbidden');
      expect(await c.t.read.counts()).toEqual(before);
      expect(await c.t.read.project(projectOfA)).toEqual(project);
      expect((await c.t.db.select().from(duplicateClaims).where(eq(duplicateClaims.id, claimId)))[0]!.status).toBe('open');
    },
  },
  'POST /api/duplicate-claims/:id/merge': {
    run: async (c) => {
      const { claimId, projectOfA, projectOfB } = await duplicatePairOfAB(c);
      const before = await c.t.read.counts();
      const [a, b] = [await c.t.read.project(projectOfA), await c.t.read.project(projectOfB)];
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/duplicate-claims/${claimId}/merge`, { survivorProjectId: projectOfB, reason: '越权合并' }), 403, 'auth.forbidden');
      expect(await c.t.read.counts()).toEqual(before);
      expect([await c.t.read.project(projectOfA), await c.t.read.project(projectOfB)]).toEqual([a, b]);
      expect((await c.t.db.select().from(duplicateClaims).where(eq(duplicateClaims.id, claimId)))[0]!.status).toBe('open');
    },
  },
  'POST /api/project-merges/:id/undo': {
    run: async (c) => {
      // A merge of a pair of its own, made by the bureau: 乙县 may not undo it, and learns nothing of 甲县's project.
      const body = { investorEnterpriseId: c.w.enterpriseA.id, totalInvestmentYuan: 666_000_000, industryCode: '3841' };
      const a = await call(c.t.app, c.staffA, 'POST', '/api/projects', { ...body, name: '甲县合并撤销项目', unitId: c.w.countyA.id });
      const b = await call(c.t.app, c.staffB, 'POST', '/api/projects', { ...body, name: '乙县合并撤销项目', unitId: c.w.countyB.id });
      const [projectOfA, projectOfB] = [(a.json() as { id: number }).id, (b.json() as { id: number }).id];
      const [claim] = await c.t.db.select().from(duplicateClaims).where(and(eq(duplicateClaims.projectAId, projectOfA), eq(duplicateClaims.projectBId, projectOfB)));
      const bureau = await logIn(c.t.app, 'bureau');
      const merged = await call(c.t.app, bureau, 'POST', `/api/duplicate-claims/${claim!.id}/merge`, { survivorProjectId: projectOfA, reason: '同一投资' });
      expect(merged.statusCode, merged.body).toBe(200);
      const mergeId = (merged.json() as { merge: { id: number } }).merge.id;
      const before = await c.t.read.counts();
      const project = await c.t.read.project(projectOfB);
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/project-merges/${mergeId}/undo`, { reason: '越权撤销' }), 403, 'auth.forbidden');
      expect(await c.t.read.counts()).toEqual(before);
      expect(await c.t.read.project(projectOfB)).toEqual(project);
      const review = await getAsStaffB(c, `/api/projects/${projectOfB}/duplicate-review`);
      expect(review.json()).toMatchObject({ status: 'resolved', outcome: 'merged' });
      expect(review.body).not.toContain('甲县');
      expect(Object.keys(review.json() as object).sort()).toEqual(['outcome', 'resolvedAt', 'resolvedByName', 'resolvedByUnitName', 'status']);
    },
  },
  // Count once (三明, issue 17): recorded on a project of one's own scope only.
  'GET /api/projects/:id/count-once': {
    run: async (c) => {
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectA.id}/count-once`), 404, 'notFound');
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectParkA.id}/count-once`), 404, 'notFound');
    },
  },
  'POST /api/projects/:id/count-once': {
    run: async (c) => {
      const before = await c.t.read.counts();
      const project = await c.t.read.project(c.w.projectParkA.id);
      const body = { action: 'expansion', date: '2026-03-01', reason: '越权增资', incrementYuan: 1_000_000 };
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/projects/${c.w.projectParkA.id}/count-once`, body), 404, 'notFound');
      expect(await c.t.read.counts()).toEqual(before);
      expect(await c.t.read.project(c.w.projectParkA.id)).toEqual(project);
    },
  },
  // Stage verification (核实, issue 17): the settings are the city's; a unit sees only its own reported changes.
  'GET /api/verification-settings': {
    run: async (c) => {
      await reportedChangeOfA(c);
      const response = await getAsStaffB(c, '/api/verification-settings');
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('甲县');
    },
  },
  'PUT /api/verification-settings': {
    run: async (c) => {
      await reportedChangeOfA(c);
      const before = (await getAsStaffB(c, '/api/verification-settings')).json();
      const settings = { rules: [], confirmedOnly: true, cityCentre: null, maxPhotoKm: 80, maxPhotoDaysBefore: 30 };
      expectApiError(await call(c.t.app, c.staffB, 'PUT', '/api/verification-settings', settings), 403, 'auth.forbidden');
      expect((await getAsStaffB(c, '/api/verification-settings')).json()).toEqual(before);
    },
  },
  'GET /api/stage-verifications': {
    run: async (c) => {
      const { id, projectId } = await reportedChangeOfA(c);
      expect(ids(await getAsStaffB(c, '/api/stage-verifications'))).not.toContain(id);
      expectEmptyPage(await getAsStaffB(c, `/api/stage-verifications?projectId=${projectId}`));
      expectApiError(await getAsStaffB(c, `/api/stage-verifications?unitId=${c.w.parkA.id}`), 400, 'project.unitOutOfScope', 'unitId');
      expect(ids(await call(c.t.app, c.staffA, 'GET', '/api/stage-verifications'))).toContain(id);
    },
  },
  'GET /api/stage-verifications/:id': {
    run: async (c) => {
      const { id } = await reportedChangeOfA(c);
      expectApiError(await getAsStaffB(c, `/api/stage-verifications/${id}`), 404, 'notFound');
    },
  },
  'POST /api/stage-verifications/:id/decision': {
    run: async (c) => {
      const { id } = await reportedChangeOfA(c);
      const before = await c.t.read.counts();
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/stage-verifications/${id}/decision`, { action: 'confirm' }), 404, 'notFound');
      // Even 甲县's own staff never confirm their own change.
      expectApiError(await call(c.t.app, c.staffA, 'POST', `/api/stage-verifications/${id}/decision`, { action: 'confirm' }), 403, 'verification.notReviewer');
      expect(await c.t.read.counts()).toEqual(before);
      expect((await call(c.t.app, c.staffA, 'GET', `/api/stage-verifications/${id}`)).json()).toMatchObject({ status: 'reported' });
    },
  },
  'POST /api/stage-verifications/:id/resubmit': {
    run: async (c) => {
      const { id } = await reportedChangeOfA(c);
      const before = await c.t.read.counts();
      expectApiError(await call(c.t.app, c.staffB, 'POST', `/api/stage-verifications/${id}/resubmit`, { note: '越权' }), 404, 'notFound');
      expect(await c.t.read.counts()).toEqual(before);
    },
  },
  'GET /api/projects/:id/duplicate-review': {
    run: async (c) => {
      const { projectOfA, projectOfB } = await duplicatePairOfAB(c);
      expectApiError(await getAsStaffB(c, `/api/projects/${projectOfA}/duplicate-review`), 404, 'notFound');
      expectApiError(await getAsStaffB(c, `/api/projects/${c.w.projectParkA.id}/duplicate-review`), 404, 'notFound');
      // B learns that its own project is under review, and nothing of 甲县's.
      const own = await getAsStaffB(c, `/api/projects/${projectOfB}/duplicate-review`);
      expect(own.json()).toEqual({ status: 'underReview', outcome: null, resolvedAt: null, resolvedByName: null, resolvedByUnitName: null });
      expect(own.body).not.toContain('甲县');
    },
  },
};

describe('cross-unit access: staff of 乙县 against 甲县', () => {
  let c: Ctx;
  beforeAll(async () => {
    const t = await createTestApp();
    const world = await t.given.twoCounties();
    const enterpriseParkA = await t.given.enterprise({ unit: world.parkA, name: '甲县园区企业有限公司' });
    const w: World = {
      ...world,
      enterpriseParkA,
      projectParkA: await t.given.project({ unit: world.parkA, investor: enterpriseParkA, name: '甲县园区项目' }),
      emptyTownA: await t.given.unit({ kind: 'town', parent: world.countyA, name: '甲县空镇' }),
    };
    c = { t, w, staffA: await logIn(t.app, 'staff_a'), staffB: await logIn(t.app, 'staff_b') };
  });
  afterAll(() => c.t.close());

  it('has a case for every /api route the app registers, and no case for a route that is gone', () => {
    const routes = registeredRoutes(c.t.app).filter((route) => route.split(' ')[1]!.startsWith('/api/'));
    // The reading of the route tree itself: it must find what the OpenAPI document and a known route say.
    expect(routes).toContain('GET /api/projects/:id');
    expect(routes).toContain('DELETE /api/units/:id');
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const missing = routes.filter((route) => {
      const [method, path] = route.split(' ');
      // HEAD is Fastify's copy of a GET route; every GET case sends its calls as HEAD too.
      return !CASES[method === 'HEAD' ? `GET ${path}` : route];
    });
    expect(missing, 'routes without a cross-unit case').toEqual([]);
    expect(Object.keys(CASES).filter((route) => !routes.includes(route)), 'cases for routes that do not exist').toEqual([]);
  });

  it('the route list agrees with the OpenAPI document', async () => {
    const doc = (await c.t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, object> };
    const routes = registeredRoutes(c.t.app);
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        expect(routes).toContain(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
  });

  for (const [route, entry] of Object.entries(CASES)) {
    if ('public' in entry) {
      it(`${route} is public: ${entry.public}`, async () => {
        const [method, path] = route.split(' ') as ['GET' | 'POST', string];
        const response = await c.t.app.inject({ method, url: path, ...(method === 'POST' ? { payload: {} } : {}) });
        // Public means no session is asked for: whatever it answers, it is not "please log in".
        expect(response.statusCode).not.toBe(401);
      });
    } else {
      it(route, () => entry.run(c));
    }
  }
});
