import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { queryRows } from '../db/client.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';

/**
 * Ordinary bad input never answers 500 (issue 18): every route the app documents is called many times as a county's
 * staff with paths, queries and bodies generated from — and around — its own request schema (fast-check): valid
 * values mixed with the values users and scripts actually send wrong (ids ≥ 2³¹, NUL characters, negative and huge
 * numbers, wrong types, formula-looking text). No answer may be a 5xx, and no row of the other county may change.
 * The routes are read from the OpenAPI document, so a new endpoint is fuzzed without being listed here.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  default?: unknown;
};
type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: JsonSchema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } };

/** What people and scripts send wrong: the values a schema's neighbourhood is made of. */
const HOSTILE: unknown[] = [
  2_147_483_648,
  2 ** 53,
  9_999_999_999_999,
  1e300,
  -1,
  0,
  0.5,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '=HYPERLINK("http://x")',
  "'; drop table projects; --",
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '𠮷🙂',
  'x'.repeat(3000),
  null,
  true,
  [],
  {},
];
const hostile = fc.constantFrom(...HOSTILE);

/** Small ids hit real records of either county; the others are refused or missing. */
const ID_TEXT = fc.oneof(fc.integer({ min: 1, max: 30 }).map(String), fc.constantFrom('2147483648', '99999999999', '-1', '0', '1.5', 'abc', '1e3', '%00', ''));

function schemaArbitrary(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostile;
  return fc.oneof({ weight: 6, arbitrary: validish(schema, depth) }, { weight: 1, arbitrary: hostile });
}

/** Values of (mostly) the schema's own shape; its leaves are again mixed with hostile values. */
function validish(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validish(s, depth + 1)));
  if (schema.allOf?.length) {
    return fc.tuple(...schema.allOf.map((s) => validish(s, depth + 1))).map((parts) =>
      parts.every((p) => p && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0],
    );
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (schema.pattern) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern), { maxLength: schema.maxLength ?? 40 });
        } catch {
          return fc.string({ maxLength: 40 });
        }
      }
      const text = fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40), unit: 'grapheme' });
      return fc.oneof(text, fc.constantFrom('2026-03-01', '2026-01-01T00:00:00Z', '甲县', '测试企业有限公司', '91420600000000001X'));
    }
    case 'integer':
      return fc.oneof(
        fc.integer({ min: Math.max(schema.minimum ?? -10, -1_000_000), max: Math.min(schema.maximum ?? 1_000_000, 1_000_000) }),
        fc.integer({ min: 1, max: 30 }),
      );
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schemaArbitrary(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object':
    case undefined: {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = schemaArbitrary(value, depth + 1);
      const base = fc.record(record, { requiredKeys: [...required].filter((key) => key in properties) });
      // A key no contract knows, now and then (NUL included).
      return fc.tuple(base, fc.option(fc.constantFrom('extra', 'id\u0000', '__proto__'), { freq: 8 })).map(([value, extra]) =>
        extra === null ? value : { ...(value as object), [extra]: 1 },
      );
    }
    default:
      return hostile;
  }
}

/** A query-string value from a parameter's schema: the text a browser would send, or a hostile one. */
function queryArbitrary(parameter: Parameter): fc.Arbitrary<string | undefined> {
  const valid = validish(parameter.schema, 1).map((v) => (v === null || v === undefined ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v)));
  const text = fc.constantFrom('2147483648', '1e300', '-1', '\u0000', 'a\u0000b', '', '99999999999999999999', '%', '2026-02-30');
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 2, arbitrary: text }, { weight: 1, arbitrary: fc.constant(undefined) });
}

type Route = { method: string; path: string; operation: Operation };

/** A new seed each run (CI explores new inputs); a failure prints it, and FUZZ_SEED=<seed> replays it. */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Runs per route (bounded for CI); FUZZ_RUNS=200 for a deeper local search. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

function documentedRoutes(doc: { paths: Record<string, Record<string, Operation>> }): Route[] {
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) routes.push({ method: method.toUpperCase(), path, operation });
  }
  return routes;
}

/** Routes whose effect would stop the run itself; each is covered by its own tests. */
const NOT_FUZZED: Record<string, string> = {
  'POST /api/auth/logout': 'ends the fuzzing session',
  'POST /api/auth/login': 'a wrong password locks the account out for the rest of the run',
  'POST /api/auth/password': 'wrong current passwords count toward the lockout; the policy has its own tests',
};

function requestArbitrary(route: Route) {
  const parameters = route.operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const bodySchema = route.operation.requestBody?.content?.['application/json']?.schema;
  return fc.record({
    path: fc.tuple(...pathParams.map(() => ID_TEXT)).map((values) => {
      let url = route.path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeURIComponent(values[i]!).replace('%2500', '%00'))));
      return url;
    }),
    query: fc.tuple(...queryParams.map(queryArbitrary)).map((values) => {
      const search = new URLSearchParams();
      queryParams.forEach((p, i) => values[i] !== undefined && search.set(p.name, values[i]!));
      const text = search.toString();
      return text ? `?${text}` : '';
    }),
    body: bodySchema ? schemaArbitrary(bodySchema) : fc.constant(undefined),
  });
}

/**
 * A digest of every row of county A (and its park): the rows of each table with a unit, A's units themselves and the
 * audit rows about A. The fuzzing county must leave it as it was.
 */
async function digestOfCountyA(t: TestApp, countyAPath: string): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    t.db,
    sql`select table_name as name from information_schema.columns
        where table_schema = current_schema() and column_name = 'unit_id'
          and table_name in (select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE')
        order by 1`,
  );
  const inA = sql`(select id from units where path like ${countyAPath + '%'})`;
  const parts = [
    sql`select 'units' as name, coalesce(md5(string_agg(u::text, '|' order by u.id)), '') as digest from units u where u.path like ${countyAPath + '%'}`,
    ...tables.map(
      ({ name }) =>
        sql`select ${name}::text as name, coalesce(md5(string_agg(r::text, '|' order by r::text)), '') as digest from ${sql.identifier(name)} r where r.unit_id in ${inA}`,
    ),
  ];
  const rows = await queryRows<{ name: string; digest: string }>(t.db, sql.join(parts, sql` union all `));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

describe('no 500 from ordinary bad input, on any route', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffB: Session;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffB = await logIn(t.app, 'staff_b');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    routes = documentedRoutes(doc).filter((r) => !(`${r.method} ${r.path}` in NOT_FUZZED));
  });
  afterAll(() => t?.close());

  /** Runs every route's property as one session; returns the requests answered with a 5xx. */
  async function fuzz(session: Session, numRuns: number): Promise<string[]> {
    const failures: string[] = [];
    for (const route of routes) {
      await fc
        .assert(
          fc.asyncProperty(requestArbitrary(route), async ({ path, query, body }) => {
            const response = await t.app.inject({
              method: route.method as 'GET',
              url: path + query,
              headers: { cookie: session.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
              ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
            });
            if (response.statusCode >= 500) {
              failures.push(`${session.username} ${route.method} ${path + query} ${JSON.stringify(body)?.slice(0, 300)} → ${response.statusCode} (FUZZ_SEED=${SEED})`);
              return false;
            }
            return true;
          }),
          { numRuns, seed: SEED, endOnFailure: true },
        )
        .catch(() => undefined); // the failing request is in `failures`
    }
    return failures;
  }

  it('answers every generated request with less than 500 and leaves county A as it was', async () => {
    expect(routes.length).toBeGreaterThan(80);
    const countyA = (await t.read.unit(w.countyA.id))!;
    const before = await digestOfCountyA(t, countyA.path);
    expect(await fuzz(staffB, RUNS)).toEqual([]);
    expect(await digestOfCountyA(t, countyA.path)).toEqual(before);
    // The bureau reaches the routes a county may not (units, users, targets, schemes …): no 5xx there either.
    expect(await fuzz(await logIn(t.app, 'bureau'), Math.ceil(RUNS / 3))).toEqual([]);
  }, 180_000 * Math.max(1, RUNS / 25));

  it('answers an empty, a null and a list body on every write route with less than 500, writing nothing', async () => {
    const bureau = await logIn(t.app, 'bureau');
    const failures: string[] = [];
    const auditBefore = (await t.read.audit()).length;
    for (const route of routes.filter((r) => r.operation.requestBody?.content?.['application/json'])) {
      for (const session of [staffB, bureau]) {
        for (const id of ['1', '2', '3', '5', '8']) {
          const url = route.path.replace(/\{[^}]+\}/g, id);
          for (const payload of ['{}', 'null', '[]', '""']) {
            const response = await t.app.inject({ method: route.method as 'POST', url, headers: { cookie: session.cookie, 'content-type': 'application/json' }, payload });
            if (response.statusCode >= 500) failures.push(`${session.username} ${route.method} ${url} ${payload} → ${response.statusCode}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // A route may accept an empty body as "nothing to change" or as its defaults; the users route writes nothing for it.
    expect((await t.read.audit()).slice(auditBefore).filter((row) => row.entity === 'user' && row.action === 'update')).toEqual([]);
  }, 120_000);

  it('names the field of an id ≥ 2³¹ and of a NUL character, in a path, a query and a body', async () => {
    const expectInvalid = async (method: 'GET' | 'POST' | 'PATCH', url: string, field: string, payload?: unknown) => {
      const response = await t.app.inject({ method, url, headers: { cookie: staffB.cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
      expect(response.statusCode, `${method} ${url} ${response.body}`).toBe(400);
      expect(response.json().error.field, `${method} ${url}`).toBe(field);
    };
    await expectInvalid('GET', '/api/projects/2147483648', 'id');
    await expectInvalid('GET', '/api/projects?unitId=2147483648', 'unitId');
    await expectInvalid('GET', '/api/projects?q=%00', 'q');
    await expectInvalid('GET', '/api/enterprises?q=a%00b', 'q');
    await expectInvalid('GET', '/api/problems?page=99999999999999999999', 'page');
    await expectInvalid('GET', '/api/imports/1/rows?page=1e300', 'page');
    await expectInvalid('GET', '/api/trips?from=2026-02-30', 'from');
    await expectInvalid('DELETE' as 'GET', `/api/events/1/projects/2147483648`, 'projectId');
    await expectInvalid('POST', '/api/visits', 'teamId', { enterpriseName: '测试企业有限公司', visitedOn: '2026-03-01', teamId: 2_147_483_648 });
    await expectInvalid('POST', '/api/trips', 'visits.0.projectId', {
      leaderName: '县长',
      leaderLevel: 'countyHead',
      fromOn: '2026-03-01',
      toOn: '2026-03-01',
      visits: [{ enterpriseName: '测试企业有限公司', visitedOn: '2026-03-01', projectId: 2 ** 31 }],
    });
    await expectInvalid('POST', '/api/enterprises', 'name', { name: '乙县\u0000企业有限公司' });
    await expectInvalid('PATCH', `/api/projects/${w.projectB.id}`, 'note', { note: 'a\u0000' });
    expect(await t.read.project(w.projectB.id)).toMatchObject({ note: null });
    // The same for a multipart form: its file's name and its fields.
    const csv = ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)'], [['乙县项目', '乙县测试企业有限公司', '100']]);
    for (const [fileName, fields, field] of [
      ['台账\u0000.csv', {}, 'file'],
      ['台账.csv', { sheet: '表\u0000' }, 'sheet'],
      ['台账.csv', { unitId: '2147483648' }, 'unitId'],
      ['台账.csv', { year: '1e300' }, 'year'],
    ] as const) {
      const body = multipartBody(fileName, csv, fields as Record<string, string>);
      const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffB.cookie } });
      expect(response.statusCode, `${JSON.stringify(fields)} ${response.body}`).toBe(400);
      expect(response.json().error.field).toBe(field);
    }
  });
});
