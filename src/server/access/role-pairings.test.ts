import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, createTestApp, logIn, registeredRoutes, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { queryRows } from '../db/client.ts';
import { departments, users } from '../db/schema.ts';
import { eq } from 'drizzle-orm';

/**
 * The role pairings besides staff of 乙县 against 甲县 (cross-unit.test.ts), over the routes the app registers, so a
 * new route is probed without being listed here (issue 20):
 * - staff of 甲县园区 (a park under 甲县) reach none of 甲县's own records, while 甲县's staff read the park's;
 * - a leader of 甲县 (read-only) is refused on every write route, with 甲县's own ids, and nothing changes;
 * - a department user reads the problem routed to it and nothing else of a unit.
 * Every probed record is shown to be readable by someone first, so a probe cannot pass on an empty route.
 */

type World = Awaited<ReturnType<Given['twoCounties']>> & { projectParkA: { id: number }; enterpriseParkA: { id: number } };
type Records = { own: number; park: number };

/** Path segments whose `:id` is a unit-owned record with a record of 甲县 itself and one of its park. */
const RECORDS_BY_SEGMENT = ['projects', 'leads', 'problems'] as const;

/**
 * GET routes with a path id left out of the park probe, with why. A route not covered and not named here fails
 * the first test, so a new route is either probed or explained.
 */
const NOT_PARK_PROBED: Record<string, string> = {
  assessments: "a scheme is the bureau's; every unit reads the schemes it is scored by",
  chains: 'industrial chains are the city’s (issue 14, being written)',
  'enterprise-lists': "the bureau's list imports",
  enterprises: 'the enterprise library is city-wide by design (README: finding an enterprise)',
  events: 'an event is probed through its own cross-unit case; no park event fixture',
  files: 'a file is reached through its project (projects/:id covers the scope)',
  imports: "an import is its uploader's unit's; probed by cross-unit.test.ts",
  trips: 'a trip is probed through its own cross-unit case; no park trip fixture',
  units: 'unit names are read by every unit (pickers); a unit is not a record',
  'stage-verifications': "a reported stage change is its project's unit's: probed staff B against 甲县 by cross-unit.test.ts and verification.test.ts (another county gets 404); no park fixture",
};

/** Writes a leader may make: on their own account or session, and the words a leader adds to what they see. */
const LEADER_MAY: Record<string, string> = {
  'POST /api/auth/login': 'their own session',
  'POST /api/auth/logout': 'their own session',
  'POST /api/auth/password': 'their own password',
  'PUT /api/auth/locale': 'their own language',
  'POST /api/notifications/read-all': 'their own bell',
  'POST /api/notifications/:id/read': 'their own bell',
  'POST /api/saved-filters': 'their own saved list filters',
  'DELETE /api/saved-filters/:id': 'their own saved list filters',
  'POST /api/projects/:id/comments': 'anyone who sees a project may comment on it, leaders included (comments.service.ts)',
  'POST /api/problems/:id/notes': '领导批示 is a leader’s note on a problem (README: problems)',
};

/** A digest of every row that has a unit, and of the audit trail: a probe that writes anything changes it. */
async function digestOfEverything(t: TestApp): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.columns
        where table_schema = current_schema() and column_name = 'unit_id'
          and table_name in (select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE')
        order by 1`,
  );
  const parts = [
    sql`select 'audit_log' as name, count(*)::text as digest from audit_log`,
    ...tables.map(({ name }) => sql`select ${name}::text as name, coalesce(md5(string_agg(r::text, '|' order by r::text)), '') as digest from ${sql.identifier(name)} r`),
  ];
  const rows = await queryRows<{ name: string; digest: string }>(t.db, sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  minItems?: number;
};

/**
 * The smallest body a route's contract accepts, as far as its JSON schema says: required fields only, ids naming
 * 甲县's own records, dates as dates. A contract's refinements the schema cannot say may still refuse it (counted).
 */
function minimalBody(schema: JsonSchema | undefined, ids: Record<string, number>, key = ''): unknown {
  if (!schema) return undefined;
  const alternatives = (schema.anyOf ?? schema.oneOf)?.filter((s) => s.type !== 'null');
  if (alternatives?.length) return minimalBody(alternatives[0], ids, key);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (/On$|Date$|^date|^from$|^to$/.test(key) || schema.format === 'date' || schema.pattern?.includes('\\d{4}-')) return '2026-03-01';
      if (/^month$/.test(key)) return '2026-03';
      if (/creditCode/i.test(key)) return '914403001922038216';
      return '甲县测试企业有限公司'.padEnd(schema.minLength ?? 0, '甲');
    case 'integer':
    case 'number':
      if (/unitId$/i.test(key)) return ids.unitId;
      if (/projectId$/i.test(key)) return ids.projectId;
      if (/(enterprise|investor)Id$/i.test(key)) return ids.enterpriseId;
      if (/year$/i.test(key)) return 2026;
      if (/month$/i.test(key)) return 3;
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => minimalBody(schema.items, ids, key));
    default: {
      const body: Record<string, unknown> = {};
      for (const name of schema.required ?? []) body[name] = minimalBody(schema.properties?.[name], ids, name);
      return body;
    }
  }
}

describe('role pairings: park staff and their county, leaders writing, department users reading', () => {
  let t: TestApp;
  let w: World;
  let staffA: Session;
  let staffPark: Session;
  let leaderA: Session;
  let dept: Session;
  const records: Record<string, Records> = {};
  let routes: string[];
  let routedProblem: number;

  async function created(session: Session, method: 'POST', url: string, body: object): Promise<number> {
    const response = await call(t.app, session, method, url, body);
    expect(response.statusCode, `${url} ${response.body}`).toBe(200);
    return (response.json() as { id: number }).id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const world = await t.given.twoCounties();
    const enterpriseParkA = await t.given.enterprise({ unit: world.parkA, name: '甲县园区企业有限公司' });
    w = { ...world, enterpriseParkA, projectParkA: await t.given.project({ unit: world.parkA, investor: enterpriseParkA, name: '甲县园区项目' }) };
    await t.given.user({ unit: w.parkA, role: 'staff', username: 'staff_park' });
    const [department] = await t.db.insert(departments).values({ unitId: w.city.id, name: '市发改委' }).returning();
    await t.db.update(users).set({ departmentId: department!.id }).where(eq(users.username, 'dept'));
    staffA = await logIn(t.app, 'staff_a');
    staffPark = await logIn(t.app, 'staff_park');
    leaderA = await logIn(t.app, 'leader_a');
    dept = await logIn(t.app, 'dept');
    const lead = { source: 'online', collectedOn: '2026-03-01' };
    records.projects = { own: w.projectA.id, park: w.projectParkA.id };
    records.leads = {
      own: await created(staffA, 'POST', '/api/leads', { ...lead, enterpriseName: '甲县线索企业有限公司' }),
      park: await created(staffPark, 'POST', '/api/leads', { ...lead, enterpriseName: '园区线索企业有限公司' }),
    };
    records.problems = {
      own: await created(staffA, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'land', description: '甲县自己的问题' }),
      park: await created(staffPark, 'POST', `/api/projects/${w.projectParkA.id}/problems`, { category: 'land', description: '园区的问题' }),
    };
    routedProblem = await created(staffA, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'approval', description: '交办发改委的问题', departmentId: department!.id });
    routes = registeredRoutes(t.app).filter((route) => route.split(' ')[1]!.startsWith('/api/') && !route.startsWith('HEAD '));
  }, 180_000);
  afterAll(() => t?.close());

  /** GET routes whose only path parameter is a record id, by the record kind of their first segment. */
  function idReads(): { route: string; segment: string }[] {
    return routes
      .filter((route) => route.startsWith('GET ') && (route.match(/:\w+/g) ?? []).length === 1 && /^GET \/api\/[\w-]+\/:id/.test(route))
      .map((route) => ({ route, segment: route.split('/')[2]! }));
  }

  it('probes or names a reason for every GET route with a record id', () => {
    const reads = idReads();
    expect(reads.length).toBeGreaterThan(20);
    expect(reads.map((r) => r.route)).toContain('GET /api/projects/:id/funds');
    const unexplained = reads.filter((r) => !(RECORDS_BY_SEGMENT as readonly string[]).includes(r.segment) && !(r.segment in NOT_PARK_PROBED));
    expect(unexplained.map((r) => r.route)).toEqual([]);
  });

  it("park staff read none of their county's own records; the county reads the park's, on every such route", async () => {
    const probed: string[] = [];
    for (const { route, segment } of idReads().filter((r) => (RECORDS_BY_SEGMENT as readonly string[]).includes(r.segment))) {
      const { own, park } = records[segment]!;
      const path = route.slice(4);
      // Non-empty first: 甲县 reads its own record and the park's on this route.
      const ownRead = await call(t.app, staffA, 'GET', path.replace(':id', String(own)));
      expect(ownRead.statusCode, `${route} as 甲县 on its own ${ownRead.body}`).toBe(200);
      const parkRead = await call(t.app, staffA, 'GET', path.replace(':id', String(park)));
      expect(parkRead.statusCode, `${route} as 甲县 on the park's ${parkRead.body}`).toBe(200);
      // The park: its own record yes, its county's no.
      expect((await call(t.app, staffPark, 'GET', path.replace(':id', String(park)))).statusCode, `${route} as the park on its own`).toBe(200);
      const up = await call(t.app, staffPark, 'GET', path.replace(':id', String(own)));
      expect(up.statusCode, `${route} as the park on 甲县's own ${up.body}`).toBe(404);
      probed.push(route);
    }
    expect(probed.length).toBeGreaterThan(8);
  });

  it("park staff's lists hold none of their county's own records; the county's hold the park's", async () => {
    for (const [url, segment] of [
      ['/api/projects?pageSize=100', 'projects'],
      ['/api/leads?pageSize=100', 'leads'],
      ['/api/problems?pageSize=100', 'problems'],
    ] as const) {
      const listed = async (session: Session) => {
        const response = await call(t.app, session, 'GET', url);
        expect(response.statusCode, response.body).toBe(200);
        return (response.json() as { items: { id: number }[] }).items.map((item) => item.id);
      };
      const { own, park } = records[segment]!;
      expect(await listed(staffA), url).toEqual(expect.arrayContaining([own, park]));
      const ofPark = await listed(staffPark);
      expect(ofPark, url).toContain(park);
      expect(ofPark, url).not.toContain(own);
    }
  });

  it('park staff change nothing of their county through any record route', async () => {
    const before = await digestOfEverything(t);
    const writes = routes.filter((route) => !route.startsWith('GET ') && /^\w+ \/api\/(projects|leads|problems)\/:id(\/[\w-]+)?$/.test(route));
    expect(writes.length).toBeGreaterThan(10);
    const answered: string[] = [];
    for (const route of writes) {
      const [method, path] = route.split(' ') as ['POST', string];
      const segment = path.split('/')[2]!;
      const response = await call(t.app, staffPark, method, path.replace(':id', String(records[segment]!.own)), {});
      // A body the contract refuses answers 400 before the record is looked up; anything else must be "not found".
      if (response.statusCode !== 400) expect(response.statusCode, `${route} ${response.body}`).toBe(404);
      answered.push(`${route} ${response.statusCode}`);
    }
    expect(await digestOfEverything(t)).toEqual(before);
  });

  it('a leader is refused on every write route, with their own county’s ids, and nothing changes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
    };
    const ids = { unitId: w.countyA.id, projectId: w.projectA.id, enterpriseId: w.enterpriseA.id };
    const idFor = (segment: string) =>
      ({ projects: w.projectA.id, leads: records.leads!.own, problems: records.problems!.own, enterprises: w.enterpriseA.id, units: w.countyA.id, users: 1 })[segment] ?? 1;
    const before = await digestOfEverything(t);
    const writes = routes.filter((route) => !route.startsWith('GET ') && !(route in LEADER_MAY));
    expect(writes.length).toBeGreaterThan(60);
    const refused: string[] = [];
    const notReached: string[] = [];
    for (const route of writes) {
      const [method, path] = route.split(' ') as ['POST', string];
      const segment = path.split('/')[2]!;
      const operation = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      const schema = operation?.requestBody?.content?.['application/json']?.schema;
      const url = path.replace(/:id\b/, String(idFor(segment))).replace(/:\w+/g, '1');
      const response = await call(t.app, leaderA, method, url, (minimalBody(schema, ids) as object | undefined) ?? {});
      expect(response.statusCode, `${route} as a leader: ${response.body}`).toBeGreaterThanOrEqual(400);
      if (response.statusCode === 400) notReached.push(route);
      else {
        expect([403, 404, 409, 415], `${route} ${response.body}`).toContain(response.statusCode);
        refused.push(route);
      }
    }
    expect(await digestOfEverything(t)).toEqual(before);
    // Most bodies pass their contract, so the refusal seen is the role's, not the body's.
    expect(refused.length, `refused past validation: ${refused.length}; stopped at validation: ${notReached.join(', ')}`).toBeGreaterThan(writes.length / 2);
  });

  it('a department user reads the problem routed to it and no unit record on any route', async () => {
    expect((await call(t.app, dept, 'GET', `/api/problems/${routedProblem}`)).statusCode).toBe(200);
    const problems = (await call(t.app, dept, 'GET', '/api/problems?pageSize=100')).json() as { items: { id: number }[] };
    expect(problems.items.map((p) => p.id)).toEqual([routedProblem]);
    for (const { route, segment } of idReads().filter((r) => (RECORDS_BY_SEGMENT as readonly string[]).includes(r.segment))) {
      const path = route.slice(4);
      for (const id of [records[segment]!.own, records[segment]!.park]) {
        const response = await call(t.app, dept, 'GET', path.replace(':id', String(id)));
        expect([403, 404], `${route} ${id} as a department: ${response.statusCode} ${response.body}`).toContain(response.statusCode);
      }
    }
    for (const url of ['/api/projects', '/api/leads', '/api/events', '/api/trips', '/api/visits']) {
      const response = await call(t.app, dept, 'GET', url);
      if (response.statusCode === 200) expect((response.json() as { items: unknown[] }).items, url).toEqual([]);
      else expect([403, 404], `${url} ${response.body}`).toContain(response.statusCode);
    }
  });
});
