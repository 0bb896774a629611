import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { asc, count, eq, sql } from 'drizzle-orm';
import { buildApp } from '../../src/server/app.ts';
import { queryRows, type Database, type Db } from '../../src/server/db/client.ts';
import { latestMigration } from '../../src/server/db/migrate.ts';
import { refreshEnterpriseSearch } from '../../src/server/enterprises/enterprise-search.ts';
import { auditLog, enterprises, projects, projectStageEvents, sessions, units, users } from '../../src/server/db/schema.ts';
import { hash } from '@node-rs/argon2';
import { unitPath, type UnitKind } from '../../src/domain/units.ts';
import { isValidCreditCode } from '../../src/domain/credit-code.ts';
import type { Role } from '../../src/domain/roles.ts';
import { PROJECT_STAGES, type ProjectStage } from '../../src/domain/stages.ts';
import { deadlineColumns, RULES_26211 } from '../../src/domain/deadlines.ts';
import type { ZApp } from '../../src/server/deps.ts';
import type { ApiErrorBody } from '../../src/shared/errors.ts';
import { openTestDatabase } from './test-db.ts';
import type { WebhookPolicy } from '../../src/server/reminders/webhook-target.ts';

export const TEST_PASSWORD = 'Test-pass-2026';

/** A clock tests move by hand, for idle timeouts and lockouts. */
export class TestClock {
  constructor(private current = new Date('2026-03-02T09:00:00+08:00')) {}
  now = () => new Date(this.current);
  advanceMinutes(minutes: number) {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** A request the app answered, with the id Fastify gave it (the id its log lines and audit rows carry). */
export type AnsweredRequest = { id: string; method: string; url: string; statusCode: number };

export type TestApp = {
  app: ZApp;
  db: Db;
  database: Database;
  clock: TestClock;
  given: Given;
  read: Read;
  /** Every request answered so far, oldest first. */
  requests: AnsweredRequest[];
  close(): Promise<void>;
};

export async function createTestApp(
  options: { idleMinutes?: number; loginsPerMinute?: number; allowedOrigins?: string[]; webhooks?: WebhookPolicy; trustProxy?: string } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = new TestClock();
  const requests: AnsweredRequest[] = [];
  const app = await buildApp({
    db: database.db,
    databaseKind: database.kind,
    migration: latestMigration(),
    clock: clock.now,
    // The suites log in far more often than a person; the per-address request limit has its own test.
    auth: { idleMinutes: options.idleMinutes ?? 30, loginsPerMinute: options.loginsPerMinute ?? 100_000 },
    demo: false,
    secureCookies: false,
    allowedOrigins: options.allowedOrigins,
    webhooks: options.webhooks,
    trustProxy: options.trustProxy,
    webDist: null,
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.push({ id: String(request.id), method: request.method, url: request.url, statusCode: reply.statusCode });
  });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    clock,
    given: new Given(database.db),
    read: new Read(database.db),
    requests,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

let passwordHash: Promise<string> | undefined;

/** The days the builder's projects reached each stage: in order, all before the test clock's 2026-03-02. */
const BUILDER_STAGE_DATES: Record<ProjectStage, string> = {
  lead: '2025-12-01',
  signed: '2026-01-05',
  registered: '2026-01-20',
  started: '2026-02-10',
  producing: '2026-02-20',
  inStats: '2026-02-25',
};

/** Reads rows straight from the database, to check what a request did or did not change. */
export class Read {
  constructor(private readonly db: Db) {}

  async unit(id: number) {
    return (await this.db.select().from(units).where(eq(units.id, id)))[0];
  }
  async user(id: number) {
    return (await this.db.select().from(users).where(eq(users.id, id)))[0];
  }
  async enterprise(id: number) {
    return (await this.db.select().from(enterprises).where(eq(enterprises.id, id)))[0];
  }
  async project(id: number) {
    return (await this.db.select().from(projects).where(eq(projects.id, id)))[0];
  }
  /** The whole audit trail, oldest first. */
  async audit() {
    return this.db.select().from(auditLog).orderBy(asc(auditLog.id));
  }
  /** How many rows each table holds: a refused request must leave every count as it was. */
  async counts() {
    const n = async (table: typeof units | typeof users | typeof enterprises | typeof projects | typeof auditLog | typeof sessions) =>
      Number((await this.db.select({ n: count() }).from(table))[0]!.n);
    return {
      units: await n(units),
      users: await n(users),
      enterprises: await n(enterprises),
      projects: await n(projects),
      audit: await n(auditLog),
      sessions: await n(sessions),
    };
  }
}

/** A valid 统一社会信用代码 that differs for every n: 17 characters and the one check character that fits. */
export function creditCode(n: number): string {
  const body = '91420600' + String(n).padStart(9, '0');
  const check = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].find((c) => isValidCreditCode(body + c));
  return body + check!;
}

/** Builders for test records, written straight to the database (no audit rows: they are the world, not the act). */
/**
 * The suites' users share one argon2id hash made with the smallest cost argon2 allows: verifying reads the cost
 * from the hash itself, so every login takes the app's real path (argon2id verify) at 3 ms instead of 30-200 ms, and
 * the suites log in thousands of times. Passwords the app hashes itself (reset, change, setup) keep its own cost.
 */
function cheapTestPasswordHash(): Promise<string> {
  return hash(TEST_PASSWORD, { algorithm: 2, memoryCost: 1024, timeCost: 1 });
}

export class Given {
  private seq = 0;
  constructor(private readonly db: Db) {}

  async unit(options: { name?: string; kind?: UnitKind; parent?: { id: number; path: string } } = {}) {
    const n = ++this.seq;
    const kind = options.kind ?? (options.parent ? 'county' : 'city');
    const [next] = await queryRows<{ id: number }>(this.db, sql`select nextval(pg_get_serial_sequence('units', 'id'))::int as id`);
    const id = next!.id;
    const path = unitPath(options.parent?.path ?? null, id);
    const [row] = await this.db
      .insert(units)
      .values({ id, code: `U${n}`, name: options.name ?? `单位${n}`, kind, parentId: options.parent?.id ?? null, path })
      .returning();
    return row!;
  }

  async user(options: { unit: { id: number }; role: Role; username?: string; mustChangePassword?: boolean; disabled?: boolean }) {
    passwordHash ??= cheapTestPasswordHash();
    const n = ++this.seq;
    const [row] = await this.db
      .insert(users)
      .values({
        username: options.username ?? `user${n}`,
        displayName: `用户${n}`,
        role: options.role,
        unitId: options.unit.id,
        passwordHash: await passwordHash,
        mustChangePassword: options.mustChangePassword ?? false,
        disabled: options.disabled ?? false,
      })
      .returning();
    return row!;
  }

  async enterprise(options: { unit: { id: number }; name?: string; creditCode?: string }) {
    const n = ++this.seq;
    const [row] = await this.db
      .insert(enterprises)
      .values({ unitId: options.unit.id, name: options.name ?? `测试企业${n}有限公司`, creditCode: options.creditCode ?? null, hqRegionCode: '420600' })
      .returning();
    await refreshEnterpriseSearch(this.db, [row!.id]);
    return row!;
  }

  /**
   * A project at a stage, with the stage history that leads there (one dated event per stage, in order), so the
   * row and its history agree as they would after real moves.
   */
  async project(options: { unit: { id: number }; investor: { id: number }; name?: string; totalInvestmentYuan?: number; stage?: ProjectStage }) {
    const n = ++this.seq;
    const stage = options.stage ?? 'signed';
    const passed = PROJECT_STAGES.slice(1, PROJECT_STAGES.indexOf(stage) + 1);
    const stageDates = Object.fromEntries(passed.map((s) => [s, BUILDER_STAGE_DATES[s]]));
    const [row] = await this.db
      .insert(projects)
      .values({
        unitId: options.unit.id,
        investorEnterpriseId: options.investor.id,
        name: options.name ?? `测试项目${n}`,
        totalInvestmentYuan: options.totalInvestmentYuan ?? 100_000_000,
        stage,
        signedOn: stageDates.signed ?? null,
        registeredOn: stageDates.registered ?? null,
        startedOn: stageDates.started ?? null,
        producingOn: stageDates.producing ?? null,
        inStatsOn: stageDates.inStats ?? null,
        lastEventOn: passed.length > 0 ? stageDates[passed.at(-1)!] : null,
        ...deadlineColumns(stage, stageDates, RULES_26211),
      })
      .returning();
    for (const s of passed) {
      await this.db.insert(projectStageEvents).values({ projectId: row!.id, kind: 'advance', state: s, happenedOn: BUILDER_STAGE_DATES[s], evidence: {} });
    }
    return row!;
  }

  /**
   * The world most tests need: a city with two sibling counties (A and B), a park under A, and in each
   * county a staff user, a leader, an enterprise and a project; plus a bureau user and a department user.
   */
  async twoCounties() {
    const city = await this.unit({ name: '测试市', kind: 'city' });
    const countyA = await this.unit({ name: '甲县', kind: 'county', parent: city });
    const countyB = await this.unit({ name: '乙县', kind: 'county', parent: city });
    const parkA = await this.unit({ name: '甲县园区', kind: 'park', parent: countyA });
    const bureau = await this.user({ unit: city, role: 'bureau', username: 'bureau' });
    const department = await this.user({ unit: city, role: 'department', username: 'dept' });
    const staffA = await this.user({ unit: countyA, role: 'staff', username: 'staff_a' });
    const staffB = await this.user({ unit: countyB, role: 'staff', username: 'staff_b' });
    const leaderA = await this.user({ unit: countyA, role: 'leader', username: 'leader_a' });
    const enterpriseA = await this.enterprise({ unit: countyA, name: '甲县测试企业有限公司', creditCode: creditCode(1) });
    const enterpriseB = await this.enterprise({ unit: countyB, name: '乙县测试企业有限公司', creditCode: creditCode(2) });
    const projectA = await this.project({ unit: countyA, investor: enterpriseA, name: '甲县测试项目' });
    const projectB = await this.project({ unit: countyB, investor: enterpriseB, name: '乙县测试项目' });
    return { city, countyA, countyB, parkA, bureau, department, staffA, staffB, leaderA, enterpriseA, enterpriseB, projectA, projectB };
  }
}

export type Session = { cookie: string; username: string };

export async function logIn(app: ZApp, username: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'zs_session');
  return { cookie: `zs_session=${cookie!.value}`, username };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Calls the API as a logged-in user. */
export function call(app: ZApp, session: Session | null, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: session ? { cookie: session.cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Every route the app registered, as "METHOD /path" (HEAD included), read from Fastify's own route tree. */
export function registeredRoutes(app: ZApp): string[] {
  const routes: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│├└─]*)(\S.*?)(?: \(([A-Z, -]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length;
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const path = (stack[stack.length - 1]?.path ?? '') + match[2]!;
    stack.push({ depth, path });
    for (const method of (match[3] ?? '').split(', ')) {
      if (/^[A-Z]+$/.test(method)) routes.push(`${method} ${path}`);
    }
  }
  return routes;
}

/** Checks an API error: status, catalogue code, the field it names (if any) and a message in both languages. */
export function expectApiError(response: LightMyRequestResponse, status: number, code: string, field?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  const { error } = response.json() as ApiErrorBody;
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  expect(error.message['zh-CN']).toMatch(/\S/);
  expect(error.message.en).toMatch(/\S/);
}
