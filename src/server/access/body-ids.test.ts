import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { enterprises } from '../db/schema.ts';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { queryRows } from '../db/client.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';

/**
 * Every id inside a request body passes the scope rule that ids in paths pass (issue 18): staff of 乙县 (county B)
 * send a valid body whose id field points at a record of 甲县 (county A), or at no record at all, and get 400 or
 * 404 with nothing written. The routes and their id fields are read from the app's own OpenAPI document, so a new
 * endpoint (or a new id field in a body, nested arrays included) fails this test until it has a case here.
 */

type World = Awaited<ReturnType<Given['twoCounties']>> & {
  teamA: number;
  tripA: number;
  fileA: number;
  stageEventA: number;
  cityDepartment: number;
};
type Ctx = { t: TestApp; w: World; staffA: Session; staffB: Session; bureau: Session };

/** An id no record has (inside PostgreSQL's integer range, so it reaches the service). */
const MISSING = 2_147_483_000;

/**
 * A record of county A for each kind of id field, by the field's name. A field named here must be refused when it
 * points at county A's record; a field absent from this map must be listed in CITY_WIDE.
 */
const FOREIGN: Record<string, (w: World) => number | number[]> = {
  unitId: (w) => w.countyA.id,
  parentId: (w) => w.countyA.id,
  reportedUnitId: (w) => w.countyA.id,
  localUnitId: (w) => w.countyA.id,
  projectId: (w) => w.projectA.id,
  teamId: (w) => w.teamA,
  tripId: (w) => w.tripA,
  responsibleOfficerId: (w) => w.staffA.id,
  fileIds: (w) => [w.fileA],
  correctsEventId: (w) => w.stageEventA,
};

/**
 * Id fields that legitimately point anywhere in the city, with the reason. A missing id is still refused.
 */
const CITY_WIDE: Record<string, string> = {
  departmentId: 'departments (责任部门) are city-wide: any unit routes a problem to any department, and users of any unit may sit in one',
  enterpriseId: "enterprises are the city's shared reference library (issue 13): any unit's lead, visit or project may name any enterprise",
  investorEnterpriseId: "enterprises are the city's shared reference library (issue 13): a project's investor may be any enterprise",
  parentEnterpriseId: "an enterprise group's parent is another enterprise of the city's shared library",
  mergedId: 'merging duplicate enterprises (issue 13) is the bureau\'s, over the whole shared library',
  linkId: "industrial chains and their links (issue 14) are the city's: any unit places its records on any link",
  leaderUserId: "a chain's 链长 (issue 14) is set by the bureau and may be any user of the city",
  leadDepartmentId: "a chain's lead department (issue 14) is set by the bureau; departments are city-wide",
  userId: "a chain's 专班 (issue 14) is set by the bureau and may gather users of any unit",
  chainId: "a chain's targets (issue 14) are the city's, set by the bureau for any chain of the city",
  keptProjectId: "a 甄别 decision (issue 17) is the bureau's, over the whole city; the id must be one of the pair (duplicateClaim.notInPair)",
  survivorProjectId: "a 甄别 merge (issue 17) is the bureau's, over the whole city; the id must be one of the pair (duplicateClaim.notInPair)",
  reviewerDepartmentId: 'the department a verification rule (核实, issue 17) names is set by the bureau; departments are city-wide',
};

type Case = {
  /** Who sends it: staff_b of county B, or the bureau for the routes only the bureau may call (the bureau sees the whole city, so only a missing id applies). */
  as: 'staffB' | 'bureau';
  url: (c: Ctx) => Promise<string> | string;
  body: (c: Ctx) => Record<string, unknown>;
};

const trip = { leaderName: '乙县县长', leaderLevel: 'countyHead', fromOn: '2026-03-01', toOn: '2026-03-01' };
const visit = { enterpriseName: '乙县拜访企业有限公司', visitedOn: '2026-03-01' };

/** A valid body for every write route with an id in its body; each id field is then replaced, one at a time. */
const CASES: Record<string, Case> = {
  'POST /api/units': { as: 'bureau', url: () => '/api/units', body: (c) => ({ name: '新园区', code: 'NEWPARK', kind: 'park', parentId: c.w.countyB.id }) },
  'PATCH /api/units/{id}': { as: 'bureau', url: (c) => `/api/units/${c.w.parkA.id}`, body: (c) => ({ parentId: c.w.countyA.id }) },
  'POST /api/users': {
    as: 'bureau',
    url: () => '/api/users',
    body: (c) => ({ username: 'new_staff', displayName: '新同事', role: 'staff', unitId: c.w.countyB.id, password: 'Test-pass-2026x', departmentId: null }),
  },
  'PATCH /api/users/{id}': { as: 'bureau', url: () => `/api/users/${own.otherStaffB}`, body: (c) => ({ unitId: c.w.countyB.id, departmentId: null }) },
  'POST /api/enterprises': { as: 'staffB', url: () => '/api/enterprises', body: (c) => ({ name: '乙县新企业有限公司', unitId: c.w.countyB.id }) },
  // Each call merges a fresh pair, so the world the other cases use stays as it is.
  'POST /api/enterprises/{id}/merges': {
    as: 'bureau',
    url: async (c) => {
      own.mergedDuplicate = (await c.t.given.enterprise({ unit: c.w.countyB })).id;
      return `/api/enterprises/${(await c.t.given.enterprise({ unit: c.w.countyB })).id}/merges`;
    },
    body: () => ({ mergedId: own.mergedDuplicate }),
  },
  'PATCH /api/enterprises/{id}': { as: 'staffB', url: (c) => `/api/enterprises/${c.w.enterpriseB.id}`, body: (c) => ({ unitId: c.w.countyB.id }) },
  'POST /api/projects': {
    as: 'staffB',
    url: () => '/api/projects',
    body: (c) => ({
      name: '乙县新项目',
      investorEnterpriseId: c.w.enterpriseB.id,
      unitId: c.w.countyB.id,
      reportedUnitId: c.w.countyB.id,
      responsibleOfficerId: c.w.staffB.id,
      totalInvestmentYuan: 100_000_000,
    }),
  },
  'PATCH /api/projects/{id}': {
    as: 'staffB',
    url: (c) => `/api/projects/${c.w.projectB.id}`,
    body: (c) => ({ investorEnterpriseId: c.w.enterpriseB.id, unitId: c.w.countyB.id, reportedUnitId: c.w.countyB.id, responsibleOfficerId: c.w.staffB.id }),
  },
  'POST /api/supervision/reminders': { as: 'staffB', url: () => '/api/supervision/reminders', body: (c) => ({ projectId: c.w.projectB.id, ruleKey: 'signedToRegistered' }) },
  'POST /api/projects/{id}/stage': { as: 'staffB', url: (c) => `/api/projects/${c.w.projectB.id}/stage`, body: () => ({ to: 'stalled', date: '2026-03-01', reason: '资金未到位', fileIds: [] }) },
  'POST /api/projects/{id}/stage-corrections': {
    as: 'staffB',
    url: (c) => `/api/projects/${c.w.projectB.id}/stage-corrections`,
    body: () => ({ correctsEventId: own.stageEventB, kind: 'correct', happenedOn: '2026-01-06', reason: '日期录错' }),
  },
  'POST /api/departments': { as: 'bureau', url: () => '/api/departments', body: (c) => ({ unitId: c.w.city.id, name: '市税务局' }) },
  'POST /api/projects/{id}/problems': { as: 'staffB', url: (c) => `/api/projects/${c.w.projectB.id}/problems`, body: (c) => ({ category: 'land', description: '用地指标', departmentId: c.w.cityDepartment }) },
  'PATCH /api/problems/{id}': { as: 'staffB', url: (c) => problemOfB(c), body: (c) => ({ departmentId: c.w.cityDepartment }) },
  'POST /api/imports/{id}/reread': { as: 'staffB', url: async (c) => `/api/imports/${await importOfB(c)}/reread`, body: (c) => ({ unitId: c.w.countyB.id }) },
  'PUT /api/targets': { as: 'bureau', url: () => '/api/targets', body: (c) => ({ year: 2026, items: [{ unitId: c.w.countyB.id, metricKey: 'signedCount', value: 5 }] }) },
  'PUT /api/targets/chains': { as: 'bureau', url: async (c) => (await chainOfCity(c), '/api/targets/chains'), body: () => ({ year: 2026, items: [{ chainId: own.chain, metricKey: 'signedCount', value: 5 }] }) },
  'POST /api/assessments': {
    as: 'bureau',
    url: () => '/api/assessments',
    body: (c) => ({ name: '乙县考核', unitId: c.w.countyB.id, indicators: [{ metricKey: 'signedCount', weight: 100, method: 'ratio' }] }),
  },
  'PUT /api/assessments/{id}': {
    as: 'bureau',
    url: async (c) => `/api/assessments/${await schemeOfB(c)}`,
    body: (c) => ({ name: '乙县考核', unitId: c.w.countyB.id, indicators: [{ metricKey: 'signedCount', weight: 100, method: 'ratio' }] }),
  },
  'POST /api/assessments/{id}/adjustments': {
    as: 'bureau',
    url: async (c) => `/api/assessments/${await schemeOfB(c)}/adjustments`,
    body: () => ({ unitId: own.parkB, year: 2026, month: 1, label: '扣分', pointsEach: -1, count: 1, reason: '迟报' }),
  },
  'POST /api/leads': {
    as: 'staffB',
    url: () => '/api/leads',
    body: (c) => ({ enterpriseId: c.w.enterpriseB.id, source: 'resident', collectedOn: '2026-03-01', teamId: teamOfB(c), tripId: tripOfB(c), unitId: c.w.countyB.id }),
  },
  'POST /api/leads/{id}/convert': { as: 'staffB', url: async (c) => `/api/leads/${await leadOfB(c)}/convert`, body: (c) => ({ name: '乙县转化项目', unitId: c.w.countyB.id }) },
  'POST /api/trips': {
    as: 'staffB',
    url: () => '/api/trips',
    body: (c) => ({
      ...trip,
      teamId: teamOfB(c),
      unitId: c.w.countyB.id,
      visits: [{ ...visit, enterpriseId: c.w.enterpriseB.id, projectId: c.w.projectB.id, teamId: teamOfB(c) }],
    }),
  },
  'POST /api/trip-plans': {
    as: 'staffB',
    url: () => '/api/trip-plans',
    body: (c) => ({ unitId: c.w.countyB.id, title: '乙县赴深圳招商', fromOn: '2026-04-01', toOn: '2026-04-03', stops: [{ enterpriseId: c.w.enterpriseB.id, linkId: null }] }),
  },
  'POST /api/trip-plans/{id}/stops': {
    as: 'staffB',
    url: async (c) => `/api/trip-plans/${await tripPlanOfB(c)}/stops`,
    body: (c) => ({ enterpriseId: c.w.enterpriseB.id, linkId: null }),
  },
  'POST /api/visits': {
    as: 'staffB',
    url: () => '/api/visits',
    body: (c) => ({ ...visit, enterpriseId: c.w.enterpriseB.id, projectId: c.w.projectB.id, teamId: teamOfB(c), unitId: c.w.countyB.id }),
  },
  'POST /api/teams': { as: 'staffB', url: () => '/api/teams', body: (c) => ({ name: '乙县驻深圳小分队', hostRegionCode: '440300', startedOn: '2026-01-01', unitId: c.w.countyB.id }) },
  'POST /api/events': { as: 'staffB', url: () => '/api/events', body: (c) => ({ name: '乙县推介会', kind: 'promotion', heldOn: '2026-03-01', unitId: c.w.countyB.id }) },
  'POST /api/enterprises/{id}/contacts': { as: 'staffB', url: (c) => `/api/enterprises/${c.w.enterpriseB.id}/contacts`, body: (c) => ({ name: '乙县联系人', unitId: c.w.countyB.id }) },
  'PUT /api/enterprises/{id}/contacts/{contactId}': {
    as: 'staffB',
    url: async (c) => `/api/enterprises/${c.w.enterpriseB.id}/contacts/${await contactOfB(c)}`,
    body: (c) => ({ name: '乙县联系人', unitId: c.w.countyB.id }),
  },
  'POST /api/projects/{id}/count-once': {
    as: 'staffB',
    url: (c) => `/api/projects/${c.w.projectB.id}/count-once`,
    body: (c) => ({ action: 'investorChange', date: '2026-03-01', reason: '股权转让', investorEnterpriseId: c.w.enterpriseA.id }),
  },
  'PUT /api/verification-settings': {
    as: 'bureau',
    url: () => '/api/verification-settings',
    body: (c) => ({ rules: [{ stage: 'inStats', minYuan: 9_000_000_000, reviewerDepartmentId: c.w.cityDepartment }], confirmedOnly: false, cityCentre: null, maxPhotoKm: 80, maxPhotoDaysBefore: 30 }),
  },
  'PATCH /api/chains/{id}': { as: 'bureau', url: async (c) => `/api/chains/${await chainOfCity(c)}`, body: (c) => ({ leaderUserId: c.w.staffB.id, leadDepartmentId: c.w.cityDepartment }) },
  'PUT /api/chains/{id}/members': { as: 'bureau', url: async (c) => `/api/chains/${await chainOfCity(c)}/members`, body: (c) => ({ members: [{ userId: c.w.staffB.id, role: 'member' }] }) },
  'POST /api/chains/{id}/links': { as: 'bureau', url: async (c) => (await linkOfCity(c), `/api/chains/${await chainOfCity(c)}/links`), body: () => ({ parentId: own.chainLink2, segment: 'upstream', name: '子环节', nameEn: 'Sub-link' }) },
  'PATCH /api/chains/{id}/links/{linkId}': { as: 'bureau', url: async (c) => `/api/chains/${await chainOfCity(c)}/links/${await linkOfCity(c)}`, body: () => ({ parentId: own.chainLink2 }) },
  'PUT /api/projects/{id}/chain-placement': { as: 'staffB', url: async (c) => (await linkOfCity(c), `/api/projects/${c.w.projectB.id}/chain-placement`), body: () => ({ linkId: own.chainLink }) },
  'PUT /api/leads/{id}/chain-placement': { as: 'staffB', url: async (c) => (await linkOfCity(c), `/api/leads/${await leadOfB(c)}/chain-placement`), body: () => ({ linkId: own.chainLink }) },
  'POST /api/enterprises/{id}/chain-placements': {
    as: 'staffB',
    url: async (c) => {
      await linkOfCity(c);
      await c.t.db.update(enterprises).set({ localUnitId: c.w.countyB.id }).where(eq(enterprises.id, c.w.enterpriseB.id));
      return `/api/enterprises/${c.w.enterpriseB.id}/chain-placements`;
    },
    body: () => ({ linkId: own.chainLink }),
  },
  'POST /api/chains/{id}/links/{linkId}/rejections': {
    as: 'staffB',
    url: async (c) => `/api/chains/${await chainOfCity(c)}/links/${await linkOfCity(c)}/rejections`,
    body: (c) => ({ enterpriseId: c.w.enterpriseA.id, reason: '不适合' }),
  },
  'POST /api/duplicate-claims/{id}/split-credit': {
    as: 'bureau',
    url: async (c) => `/api/duplicate-claims/${await duplicatePairOfAB(c)}/split-credit`,
    body: () => ({ keptProjectId: own.duplicateProjectB, reason: '甲乙两县同一投资,分成' }),
  },
  'POST /api/duplicate-claims/{id}/merge': {
    as: 'bureau',
    url: async (c) => `/api/duplicate-claims/${await mergePairOfAB(c)}/merge`,
    body: () => ({ survivorProjectId: own.mergeProjectB, reason: '甲乙两县同一投资，合并' }),
  },
  'POST /api/events/{id}/projects': { as: 'staffB', url: async (c) => `/api/events/${await eventOfB(c)}/projects`, body: (c) => ({ projectId: c.w.projectB.id }) },
};

// County B's own records the cases refer to, made once through the API.
const own: Record<string, number> = {};
async function ownRecord(c: Ctx, key: string, make: () => Promise<{ statusCode: number; body: string; json(): unknown }>): Promise<number> {
  if (own[key] === undefined) {
    const response = await make();
    expect(response.statusCode, `${key}: ${response.body}`).toBe(200);
    own[key] = (response.json() as { id: number }).id;
  }
  return own[key]!;
}
const teamOfB = (c: Ctx) => own.teamB ?? c.w.teamA; // filled in beforeAll
const tripOfB = (c: Ctx) => own.tripB ?? c.w.tripA;
const problemOfB = async (c: Ctx) =>
  `/api/problems/${await ownRecord(c, 'problemB', () => call(c.t.app, c.staffB, 'POST', `/api/projects/${c.w.projectB.id}/problems`, { category: 'land', description: '乙县的问题' }))}`;
const leadOfB = (c: Ctx) => ownRecord(c, 'leadB', () => call(c.t.app, c.staffB, 'POST', '/api/leads', { enterpriseName: '乙县线索有限公司', source: 'online', collectedOn: '2026-03-01' }));
const tripPlanOfB = (c: Ctx) =>
  ownRecord(c, 'tripPlanB', () => call(c.t.app, c.staffB, 'POST', '/api/trip-plans', { title: '乙县赴苏州招商', fromOn: '2026-04-10', toOn: '2026-04-11' }));
/** The same investment recorded by 甲县 and 乙县 (issue 17): the pair in the bureau's 甄别 queue. */
const duplicatePairOfAB = async (c: Ctx) => {
  if (own.duplicatePair === undefined) {
    const body = { investorEnterpriseId: c.w.enterpriseB.id, totalInvestmentYuan: 777_000_000, industryCode: '3841' };
    await ownRecord(c, 'duplicateProjectA', () => call(c.t.app, c.staffA, 'POST', '/api/projects', { ...body, name: '甲县甄别项目', unitId: c.w.countyA.id }));
    await ownRecord(c, 'duplicateProjectB', () => call(c.t.app, c.staffB, 'POST', '/api/projects', { ...body, name: '乙县甄别项目', unitId: c.w.countyB.id }));
    // A split needs the counting rules to give the 首报单位 a share.
    const rules = (await call(c.t.app, c.bureau, 'GET', '/api/metrics/rules')).json() as { rules: Record<string, unknown> };
    expect((await call(c.t.app, c.bureau, 'PUT', '/api/metrics/rules', { ...rules.rules, reportingUnitSharePercent: 30 })).statusCode).toBe(200);
    const queue = (await call(c.t.app, c.bureau, 'GET', '/api/duplicate-claims?pageSize=200')).json() as { items: { id: number; projectB: { id: number } }[] };
    own.duplicatePair = queue.items.find((item) => item.projectB.id === own.duplicateProjectB)!.id;
  }
  return own.duplicatePair;
};
/** A second such pair, for the merge (the split decides the first). */
const mergePairOfAB = async (c: Ctx) => {
  if (own.mergePair === undefined) {
    const body = { investorEnterpriseId: c.w.enterpriseB.id, totalInvestmentYuan: 888_000_000, industryCode: '3841' };
    await ownRecord(c, 'mergeProjectA', () => call(c.t.app, c.staffA, 'POST', '/api/projects', { ...body, name: '甲县甄别合并项目', unitId: c.w.countyA.id }));
    await ownRecord(c, 'mergeProjectB', () => call(c.t.app, c.staffB, 'POST', '/api/projects', { ...body, name: '乙县甄别合并项目', unitId: c.w.countyB.id }));
    const queue = (await call(c.t.app, c.bureau, 'GET', '/api/duplicate-claims?pageSize=200')).json() as { items: { id: number; projectA: { id: number }; projectB: { id: number } }[] };
    own.mergePair = queue.items.find((item) => item.projectA.id === own.mergeProjectA && item.projectB.id === own.mergeProjectB)!.id;
  }
  return own.mergePair;
};
const eventOfB = (c: Ctx) => ownRecord(c, 'eventB', () => call(c.t.app, c.staffB, 'POST', '/api/events', { name: '乙县签约仪式', kind: 'signing', heldOn: '2026-03-01' }));
const contactOfB = (c: Ctx) =>
  ownRecord(c, 'contactB', () => call(c.t.app, c.staffB, 'POST', `/api/enterprises/${c.w.enterpriseB.id}/contacts`, { name: '乙县的联系人', phone: '13900001111' }));
const schemeOfB = (c: Ctx) =>
  ownRecord(c, 'schemeB', () =>
    call(c.t.app, c.bureau, 'POST', '/api/assessments', { name: '乙县方案', unitId: c.w.countyB.id, indicators: [{ metricKey: 'signedCount', weight: 100, method: 'ratio' }] }),
  );
/** A chain of the city (issue 14) with two links, made once by the bureau; the second is the other's parent in the cases. */
const chainOfCity = (c: Ctx) => ownRecord(c, 'chain', () => call(c.t.app, c.bureau, 'POST', '/api/chains', { name: '测试产业链', nameEn: 'Test chain' }));
const linkOfCity = async (c: Ctx) => {
  const chain = await chainOfCity(c);
  await ownRecord(c, 'chainLink2', () => call(c.t.app, c.bureau, 'POST', `/api/chains/${chain}/links`, { segment: 'upstream', name: '上级环节', nameEn: 'Parent link' }));
  return ownRecord(c, 'chainLink', () => call(c.t.app, c.bureau, 'POST', `/api/chains/${chain}/links`, { segment: 'upstream', name: '测试环节', nameEn: 'Test link' }));
};
const importOfB = (c: Ctx) =>
  ownRecord(c, 'importB', async () => {
    const csv = ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)', '签约日期'], [['乙县导入项目', '乙县测试企业有限公司', '100', '2025/8/18']]);
    const body = multipartBody('乙县.csv', csv);
    return c.t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: c.staffB.cookie } });
  });

/**
 * A record merged into another cannot be used for new work (issue 13). Every write route under an enterprise's own
 * path, with a body it accepts, and what naming a merged record there answers: `merged` (409, naming the survivor) or
 * `notFound` with the reason. A new route under /api/enterprises/{id} fails the test until it is listed here.
 */
const MERGED_PATHS: Record<string, { body?: Record<string, unknown> | ((w: World) => Record<string, unknown>); answer: 'merged' | { notFound: string } }> = {
  'PATCH /api/enterprises/{id}': { body: { website: 'https://example.com' }, answer: 'merged' },
  'POST /api/enterprises/{id}/merges': { body: (w) => ({ mergedId: w.enterpriseB.id }), answer: 'merged' },
  'POST /api/enterprises/{id}/tiers': { body: { list: 'srdi', year: 2024 }, answer: 'merged' },
  'PUT /api/enterprises/{id}/tiers/{tierId}': { body: { list: 'srdi', year: 2024 }, answer: 'merged' },
  'DELETE /api/enterprises/{id}/tiers/{tierId}': { answer: 'merged' },
  'POST /api/enterprises/{id}/names': { body: { kind: 'alias', name: '合并后简称' }, answer: 'merged' },
  'PUT /api/enterprises/{id}/names/{nameId}': { body: { kind: 'alias', name: '合并后简称' }, answer: 'merged' },
  'DELETE /api/enterprises/{id}/names/{nameId}': { answer: 'merged' },
  'POST /api/enterprises/{id}/contacts': { body: { name: '合并后联系人' }, answer: 'merged' },
  'PUT /api/enterprises/{id}/contacts/{contactId}': { body: { name: '合并后联系人' }, answer: { notFound: "a merge moves every contact to the survivor: the merged record has none to change" } },
  'DELETE /api/enterprises/{id}/contacts/{contactId}': { answer: { notFound: 'a merge moves every contact to the survivor' } },
  'POST /api/enterprises/{id}/chain-placements': { body: { linkId: 1 }, answer: 'merged' },
  'DELETE /api/enterprises/{id}/chain-placements/{linkId}': { answer: 'merged' },
  'POST /api/enterprises/{id}/contacts/{contactId}/phone': { answer: { notFound: 'a read (audited), and a merge moves every contact to the survivor' } },
};

/** Body id fields that name an enterprise: a merged record there is refused naming the survivor. */
const ENTERPRISE_FIELD = /(^e|E)nterpriseId$/;

const ID_FIELD = /^(id|.*Id|.*Ids)$/;

/** The id fields of a JSON schema, as dotted paths ("visits.0.teamId"), through allOf/anyOf and arrays. */
function idFields(schema: unknown, prefix = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as { allOf?: unknown[]; anyOf?: unknown[]; oneOf?: unknown[]; properties?: Record<string, unknown>; items?: unknown };
  const found = [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap((sub) => idFields(sub, prefix));
  for (const [key, value] of Object.entries(s.properties ?? {})) {
    if (ID_FIELD.test(key)) found.push(prefix + key);
    found.push(...idFields(value, `${prefix}${key}.`));
  }
  if (s.items) found.push(...idFields(s.items, `${prefix}0.`));
  return [...new Set(found)];
}

/** Every write route's JSON-body id fields, from the OpenAPI document the app serves. */
async function writeRoutesWithBodyIds(t: TestApp): Promise<Map<string, string[]>> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: unknown }> } }>>;
  };
  const routes = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      const fields = idFields(operation.requestBody?.content?.['application/json']?.schema);
      if (fields.length > 0) routes.set(`${method.toUpperCase()} ${path}`, fields);
    }
  }
  return routes;
}

function withField(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    at[key] ??= /^\d+$/.test(keys[keys.indexOf(key) + 1] ?? '') ? [{}] : {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
  return copy;
}

/** Rows in every table (the audit trail among them) but the sessions: a refused request changes none. */
async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not in ('sessions') order by 1`,
  );
  const rows = await queryRows<{ name: string; n: number }>(
    t.db,
    sql.join(
      tables.map(({ name }) => sql`select ${name}::text as name, count(*)::int as n from ${sql.identifier(name)}`),
      sql` union all `,
    ),
  );
  const counts = Object.fromEntries(rows.map((row) => [row.name, row.n]));
  return counts;
}

describe('ids inside request bodies pass the scope rule', () => {
  let c: Ctx;
  let routes: Map<string, string[]>;

  beforeAll(async () => {
    const t = await createTestApp();
    const w0 = await t.given.twoCounties();
    const [staffA, staffB, bureau] = [await logIn(t.app, 'staff_a'), await logIn(t.app, 'staff_b'), await logIn(t.app, 'bureau')];
    const made = async (session: Session, url: string, body: unknown) => {
      const response = await call(t.app, session, 'POST', url, body);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return (response.json() as { id: number }).id;
    };
    own.parkB = (await t.given.unit({ name: '乙县园区', kind: 'park', parent: w0.countyB })).id;
    own.otherStaffB = (await t.given.user({ unit: w0.countyB, role: 'staff', username: 'staff_b2' })).id;
    const team = { name: '驻深圳小分队', hostRegionCode: '440300', startedOn: '2026-01-01' };
    const teamA = await made(staffA, '/api/teams', team);
    own.teamB = await made(staffB, '/api/teams', team);
    const tripA = await made(staffA, '/api/trips', { ...trip, leaderName: '甲县县长' });
    own.tripB = await made(staffB, '/api/trips', trip);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
    const upload = multipartBody('现场.jpg', jpeg);
    const file = await t.app.inject({ method: 'POST', url: `/api/projects/${w0.projectA.id}/files`, payload: upload.payload, headers: { ...upload.headers, cookie: staffA.cookie } });
    expect(file.statusCode, file.body).toBe(200);
    const [event] = await queryRows<{ id: number }>(t.db, sql`select id from project_stage_events where project_id = ${w0.projectA.id} order by id desc limit 1`);
    const [eventB] = await queryRows<{ id: number }>(t.db, sql`select id from project_stage_events where project_id = ${w0.projectB.id} order by id desc limit 1`);
    own.stageEventB = eventB!.id;
    const department = await made(bureau, '/api/departments', { unitId: w0.city.id, name: '市自然资源和规划局' });
    c = { t, w: { ...w0, teamA, tripA, fileA: (file.json() as { id: number }).id, stageEventA: event!.id, cityDepartment: department }, staffA, staffB, bureau };
    routes = await writeRoutesWithBodyIds(t);
  });
  afterAll(() => c?.t.close());

  it('has a case for every write route with an id in its body, and a rule for every id field', () => {
    expect([...routes.keys()].filter((route) => !(route in CASES)), 'write routes with body ids but no case here').toEqual([]);
    expect(Object.keys(CASES).filter((route) => !routes.has(route)), 'cases for routes the app no longer has').toEqual([]);
    const fieldNames = new Set([...routes.values()].flat().map((path) => path.split('.').at(-1)!));
    expect([...fieldNames].filter((name) => !(name in FOREIGN) && !(name in CITY_WIDE)), 'id fields with no rule').toEqual([]);
  });

  it("refuses another county's record and a missing record in every id field, writing nothing", async () => {
    const failures: string[] = [];
    for (const [route, fields] of routes) {
      const testCase = CASES[route];
      if (!testCase) continue;
      const session = testCase.as === 'bureau' ? c.bureau : c.staffB;
      const method = route.split(' ')[0] as 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      for (const field of fields) {
        const name = field.split('.').at(-1)!;
        const tries: [string, unknown][] = [['a missing id', name.endsWith('Ids') ? [MISSING] : MISSING]];
        if (testCase.as === 'staffB' && FOREIGN[name]) tries.push(["county A's record", FOREIGN[name](c.w)]);
        for (const [what, value] of tries) {
          const url = await testCase.url(c);
          const body = withField(testCase.body(c), field, value);
          const before = await tableCounts(c.t);
          const response = await call(c.t.app, session, method, url, body);
          const after = await tableCounts(c.t);
          const label = `${route} ${field} = ${what}`;
          if (![400, 404].includes(response.statusCode)) failures.push(`${label}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          else if (JSON.stringify(before) !== JSON.stringify(after)) failures.push(`${label}: refused but rows changed`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a merged enterprise in every enterprise id field and under every enterprise path, naming the survivor', async () => {
    const { t, w, bureau } = c;
    const survivor = await t.given.enterprise({ unit: w.countyB, name: '乙县存续企业有限公司' });
    const merged = await t.given.enterprise({ unit: w.countyB, name: '乙县被并入企业有限公司' });
    expect((await call(t.app, bureau, 'POST', `/api/enterprises/${survivor.id}/merges`, { mergedId: merged.id })).statusCode).toBe(200);
    const failures: string[] = [];
    const check = async (label: string, session: Session, method: string, url: string, body: unknown, answer: (typeof MERGED_PATHS)[string]['answer'], field?: string) => {
      const before = await tableCounts(t);
      const response = await call(t.app, session, method as 'POST', url, body);
      const after = await tableCounts(t);
      const error = response.statusCode < 300 ? undefined : (response.json() as { error: { code: string; field?: string; message: { 'zh-CN': string; en: string } } }).error;
      if (answer === 'merged') {
        const named = error?.message['zh-CN'] === `该企业已并入“乙县存续企业有限公司”（#${survivor.id}），请选择它` && error.message.en.includes(`"乙县存续企业有限公司" (#${survivor.id})`);
        if (response.statusCode !== 409 || error?.code !== 'enterprise.merged' || error.field !== field || !named) failures.push(`${label}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      } else if (response.statusCode !== 404) failures.push(`${label}: ${response.statusCode} ${response.body.slice(0, 200)} (expected 404: ${answer.notFound})`);
      if (JSON.stringify(before) !== JSON.stringify(after)) failures.push(`${label}: refused but rows changed`);
    };
    // Every enterprise id field of every write route's body (nested: a trip's visits).
    let fieldsTried = 0;
    for (const [route, fields] of routes) {
      const testCase = CASES[route];
      if (!testCase) continue; // reported by the first test
      for (const field of fields.filter((f) => ENTERPRISE_FIELD.test(f.split('.').at(-1)!))) {
        fieldsTried++;
        const session = testCase.as === 'bureau' ? c.bureau : c.staffB;
        await check(`${route} ${field}`, session, route.split(' ')[0]!, await testCase.url(c), withField(testCase.body(c), field, merged.id), 'merged', field);
      }
    }
    expect(fieldsTried).toBeGreaterThanOrEqual(6);
    // Every write route under an enterprise's own path, with the merged record in the path (the bureau may write any).
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const pathRoutes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/enterprises/{id}'))
      .flatMap(([path, operations]) => Object.keys(operations).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
    expect(pathRoutes.filter((route) => !(route in MERGED_PATHS)), 'write routes under /api/enterprises/{id} with no case here').toEqual([]);
    expect(Object.keys(MERGED_PATHS).filter((route) => !pathRoutes.includes(route)), 'cases for routes the app no longer has').toEqual([]);
    for (const route of pathRoutes) {
      const { body, answer } = MERGED_PATHS[route]!;
      const url = route.split(' ')[1]!.replace('{id}', String(merged.id)).replace(/\{\w+\}/g, String(MISSING));
      await check(route, bureau, route.split(' ')[0]!, url, typeof body === 'function' ? body(w) : body, answer);
    }
    // Reading it still works.
    const read = await call(t.app, c.staffB, 'GET', `/api/enterprises/${merged.id}/detail`);
    expect(read.statusCode, read.body).toBe(200);
    expect(failures).toEqual([]);
  });

  it('accepts every base body as it is (so the refusals above are the id, not a bad body)', async () => {
    const failures: string[] = [];
    for (const [route, testCase] of Object.entries(CASES)) {
      const session = testCase.as === 'bureau' ? c.bureau : c.staffB;
      const response = await call(c.t.app, session, route.split(' ')[0] as 'POST', await testCase.url(c), testCase.body(c));
      if (response.statusCode !== 200) failures.push(`${route}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });
});
