import { count, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client.ts';
import { enterpriseTiers, enterprises, projects, projectStageEvents, units, users } from '../db/schema.ts';
import { refreshEnterpriseSearch } from '../enterprises/enterprise-search.ts';
import { activeDeadlineRules } from '../deadlines/deadlines.service.ts';
import { addDays, chinaToday, type IsoDate } from '../../domain/calendar.ts';
import { deadlineColumns } from '../../domain/deadlines.ts';
import { foldProgress, type StageEvent } from '../../domain/stage-history.ts';
import { PROJECT_STAGES, type ProjectStage, type ProjectState } from '../../domain/stages.ts';
import type { StageEvidence } from '../../domain/transitions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { unitPath } from '../../domain/units.ts';
import { YUAN_PER_WAN } from '../../domain/money.ts';
import { DEMO_ENTERPRISES, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS, DEMO_FORTUNE_500, DEMO_TIERS, demoFirstPhases, demoProjects, type DemoProject } from './demo-data.ts';
import { DEMO_INDUSTRIES, seedDemoTargets, seedDemoWork, type DemoProjectRow } from './demo-work.ts';
import { seedDemoActivities } from './demo-activities.ts';
import { seedDemoChains, seedDemoLibrary } from './demo-chains.ts';

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(units);
  return Number(row?.n ?? 0) === 0;
}

const SYSTEM = { userId: null, unitId: null, requestId: 'demo' };

/** Loads the demo city into an empty database, in one transaction, each row in the audit trail as 'seed'. */
export async function loadDemo(db: Db, now: Date = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const today = chinaToday(now);
  await db.transaction(async (tx) => {
    const unitIds = new Map<string, { id: number; path: string }>();
    for (const unit of DEMO_UNITS) {
      const [next] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('units', 'id'))::int as id`);
      const parent = unit.parent ? unitIds.get(unit.parent)! : undefined;
      const id = next!.id;
      const path = unitPath(parent?.path ?? null, id);
      await tx.insert(units).values({ id, code: unit.code, name: unit.name, kind: unit.kind, parentId: parent?.id ?? null, path });
      unitIds.set(unit.code, { id, path });
      await recordAudit(tx, SYSTEM, { entity: 'unit', entityId: id, unitId: id, action: 'seed', after: unit });
    }
    for (const user of DEMO_USERS) {
      const unitId = unitIds.get(user.unit)!.id;
      const [row] = await tx
        .insert(users)
        .values({ username: user.username, displayName: user.displayName, role: user.role, unitId, passwordHash })
        .returning({ id: users.id });
      await recordAudit(tx, SYSTEM, { entity: 'user', entityId: row!.id, unitId, action: 'seed', after: { username: user.username, role: user.role } });
    }
    const libraryIds = await seedDemoLibrary(tx, unitIds, Number(today.slice(0, 4)));
    const enterpriseIds = new Map<string, number>();
    for (const enterprise of DEMO_ENTERPRISES) {
      const unitId = unitIds.get(enterprise.unit)!.id;
      const [row] = await tx
        .insert(enterprises)
        .values({
          unitId,
          name: enterprise.name,
          creditCode: enterprise.creditCode ?? null,
          hqRegionCode: enterprise.hqRegionCode,
          hqCity: enterprise.hqCity ?? null,
          fortuneGlobal500: DEMO_FORTUNE_500.has(enterprise.key),
          // Its main industry, as its demo projects have it: the 资源库's facets count by industry section.
          industryCodes: DEMO_INDUSTRIES[enterprise.key] ? [DEMO_INDUSTRIES[enterprise.key]!] : [],
        })
        .returning();
      enterpriseIds.set(enterprise.key, row!.id);
      await recordAudit(tx, SYSTEM, { entity: 'enterprise', entityId: row!.id, unitId, action: 'seed', after: row });
    }
    await refreshEnterpriseSearch(tx, [...enterpriseIds.values()]);
    // 世界500强 is derived from the tier entries (issue 13): the demo's are on last year's list.
    for (const key of DEMO_FORTUNE_500) {
      await tx.insert(enterpriseTiers).values({ enterpriseId: enterpriseIds.get(key)!, list: 'fortune_global_500', year: Number(today.slice(0, 4)) - 1 });
    }
    for (const [key, list, yearsAgo] of DEMO_TIERS) {
      await tx.insert(enterpriseTiers).values({ enterpriseId: enterpriseIds.get(key)!, list, year: Number(today.slice(0, 4)) - yearsAgo });
    }
    const rules = await activeDeadlineRules(tx);
    const insertProject = async (project: DemoProject, history: Omit<StageEvent, 'id' | 'correctsEventId'>[]) => {
      const unitId = unitIds.get(project.unit)!.id;
      const events: StageEvent[] = history.map((e, i) => ({ ...e, id: i + 1, correctsEventId: null }));
      const progress = foldProgress(events);
      const d = progress.stageDates;
      const [row] = await tx
        .insert(projects)
        .values({
          unitId,
          reportedUnitId: unitIds.get(project.reportedBy ?? project.unit)!.id,
          name: project.name,
          investorEnterpriseId: enterpriseIds.get(project.investor)!,
          industryCode: DEMO_INDUSTRIES[project.investor] ?? null,
          isMajor: project.totalWan >= 100_000,
          totalInvestmentYuan: project.totalWan * YUAN_PER_WAN,
          stage: progress.state,
          signedOn: d.signed ?? null,
          registeredOn: d.registered ?? null,
          startedOn: d.started ?? null,
          producingOn: d.producing ?? null,
          inStatsOn: d.inStats ?? null,
          lastEventOn: progress.lastEventDate,
          ...deadlineColumns(progress.state, d, rules),
        })
        .returning();
      for (const event of history) {
        await tx.insert(projectStageEvents).values({ projectId: row!.id, ...event, evidence: event.evidence as Record<string, string> });
      }
      await recordAudit(tx, SYSTEM, { entity: 'project', entityId: row!.id, unitId, action: 'seed', after: row });
      return row!;
    };
    // Recorded first, so that the current projects lead the newest-first lists.
    const firstPhases: DemoProjectRow[] = [];
    for (const [index, project] of demoFirstPhases().entries()) {
      firstPhases.push(await insertProject(project, demoStageHistory(project.stage, index, today, project.ageDays)));
    }
    const projectRows: DemoProjectRow[] = [];
    for (const [index, project] of demoProjects().entries()) {
      projectRows.push(await insertProject(project, demoStageHistory(project.stage, index, today)));
    }
    const foreignInvestors = new Set(DEMO_ENTERPRISES.filter((e) => /^[A-Z]{2}$/.test(e.hqRegionCode)).map((e) => enterpriseIds.get(e.key)!));
    await seedDemoWork(tx, [...projectRows, ...firstPhases], unitIds.get(DEMO_UNITS[0]!.code)!.id, today, foreignInvestors);
    await seedDemoTargets(tx, unitIds, unitIds.get(DEMO_UNITS[0]!.code)!.id, Number(today.slice(0, 4)));
    await seedDemoActivities(tx, projectRows, enterpriseIds, today, now);
    await seedDemoChains(tx, libraryIds, now);
  });
}

/**
 * A believable history for a demo project at a stage, dated back from today so that the demo always shows
 * projects on track, due soon and overdue. Deterministic for a given day.
 */
function demoStageHistory(stage: ProjectState, index: number, today: IsoDate, ageDays?: number): Omit<StageEvent, 'id' | 'correctsEventId'>[] {
  if (stage === 'lead') return [];
  // Ages chosen so the demo shows every light: on track, due soon (registration, start) and overdue.
  const age = ageDays ?? [12, 48, 58, 75, 140, 175, 30, 90, 160, 52][index % 10]! + Math.floor(index / 10) * 3;
  const signedOn = addDays(today, -age);
  const year = signedOn.slice(0, 4);
  const history: Omit<StageEvent, 'id' | 'correctsEventId'>[] = [
    { kind: 'advance', state: 'signed', happenedOn: signedOn, evidence: { contractNo: `XY-${year}-${String(index + 1).padStart(3, '0')}` }, reason: null },
  ];
  const steps: [ProjectStage, number, StageEvidence][] = [
    ['registered', 30 + (index % 4) * 10, { registeredCreditCode: '914403001922038216' }],
    ['started', 60 + (index % 3) * 30, { permitNo: `4206${year}${String(index + 1).padStart(4, '0')}` }],
    ['producing', 200, { note: '首条产线投产' }],
    ['inStats', 220, { statsCode: `4206${year}${String(index + 1).padStart(6, '0')}` }],
  ];
  const target = stage === 'stalled' ? 'signed' : stage;
  for (const [next, afterDays, evidence] of steps) {
    if (PROJECT_STAGES.indexOf(next) > PROJECT_STAGES.indexOf(target as ProjectStage)) break;
    const happenedOn = addDays(signedOn, afterDays);
    history.push({ kind: 'advance', state: next, happenedOn: happenedOn > today ? today : happenedOn, evidence, reason: null });
  }
  if (stage === 'stalled') {
    history.push({ kind: 'stall', state: 'stalled', happenedOn: addDays(signedOn, 20), evidence: {}, reason: '项目用地指标尚未落实' });
  }
  return history;
}
