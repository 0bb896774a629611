import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { units, users } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { createTrip } from '../activities/trips.service.ts';
import { createVisit } from '../activities/visits.service.ts';
import { createTeam } from '../activities/teams.service.ts';
import { createEvent, linkProject } from '../activities/events.service.ts';
import { createLead, moveLead } from '../leads/leads.service.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { YUAN_PER_WAN } from '../../domain/money.ts';
import type { DemoProjectRow } from './demo-work.ts';

/**
 * The front of the funnel in the demo city (issue 6): leaders' trips with the firms they visited, a resident team
 * in 深圳, visits and receptions at home, a promotion and a signing ceremony with the projects signed at it, and
 * leads in every state — recorded through the areas' own services, as the demo users would, so every rule and the
 * audit trail apply. Dated back from today (this year and the same months last year), so the cockpit's activity
 * cards and their comparisons are never empty.
 */
export async function seedDemoActivities(tx: Db, projectRows: DemoProjectRow[], enterpriseId: ReadonlyMap<string, number>, today: IsoDate, now: Date): Promise<void> {
  const as = await demoCallers(tx, now);
  const year = today.slice(0, 4);
  // Never before 1 January: this year's figures are this year's, whatever day the demo is loaded on.
  const thisYear = (daysAgo: number) => {
    const day = addDays(today, -daysAgo);
    return day < `${year}-01-01` ? `${year}-01-01` : day;
  };
  const lastYear = (daysAgo: number) => addDays(thisYear(daysAgo), -365);

  const signedIn = (unitId: number) =>
    projectRows.filter((p) => p.unitId === unitId && p.signedOn && p.signedOn >= `${year}-01-01`).sort((a, b) => a.signedOn!.localeCompare(b.signedOn!));
  const cityProjects = projectRows.filter((p) => p.signedOn && p.signedOn >= `${year}-01-01`).sort((a, b) => a.signedOn!.localeCompare(b.signedOn!));
  const xiangchengProjects = signedIn(as.xiangcheng.caller.unitId);

  const team = await createTeam(as.xiangcheng, {
    name: '襄城区驻深圳招商小分队',
    hostRegionCode: '440300',
    members: ['张招商', '刘晓', '陈晨'],
    startedOn: lastYear(120),
  });

  // Trips led by the city's leaders, this year and last year.
  const cityTrips: [number, number, string, 'principal' | 'inCharge', string[], string[]][] = [
    [62, 3, '市长 李明', 'principal', ['440300', '440100'], ['huawei', 'byd']],
    [34, 2, '市委书记 王强', 'principal', ['320100', '320500'], ['longpan']],
    [18, 2, '副市长 赵刚', 'inCharge', ['310000', '330100'], ['geely']],
    [9, 1, '副市长 赵刚', 'inCharge', ['350200'], ['catl', 'xiangyu']],
  ];
  for (const [index, [daysAgo, days, leaderName, leaderLevel, cities, visited]] of cityTrips.entries()) {
    for (const when of [thisYear, lastYear]) {
      const fromOn = when(daysAgo);
      const toOn = addDays(fromOn, days - 1);
      await createTrip(as.bureau, {
        leaderName,
        leaderLevel,
        participants: '市招商局、市发改委、相关县（市、区）主要负责人',
        fromOn,
        toOn: toOn > today ? today : toOn,
        cities,
        notes: '召开产业链招商座谈会，走访重点企业总部',
        nextStep: index % 2 === 0 ? '邀请企业高层来襄考察' : null,
        visits: visited.map((key, k) => ({
          kind: k === 0 ? ('talks' as const) : ('visit' as const),
          enterpriseId: enterpriseId.get(key)!,
          visitedOn: fromOn,
          peopleMet: k === 0 ? '集团副总裁及战略投资部负责人' : '区域总经理',
          notes: k === 0 ? '洽谈新能源产业链配套项目落地襄阳' : '了解企业扩产计划',
        })),
      });
    }
  }

  // 襄城区: its head's trips (one with the team in 深圳), staff trips, and visits about its own projects.
  const countyTrip = await createTrip(as.xiangcheng, {
    leaderName: '区长 周伟',
    leaderLevel: 'countyHead',
    participants: '区招商局、襄城经济开发区',
    fromOn: thisYear(25),
    toOn: thisYear(24),
    cities: ['440300'],
    teamId: team.id,
    notes: '与驻深圳小分队一起拜访储能、电子信息企业',
    visits: [
      { kind: 'talks', enterpriseName: '深圳市新能储科技有限公司', visitedOn: thisYear(25), peopleMet: '董事长', notes: '拟投资储能电池PACK项目，意向投资5亿元' },
      { kind: 'visit', enterpriseId: enterpriseId.get('catl')!, projectId: xiangchengProjects[0]?.id, visitedOn: thisYear(24), notes: '协调项目设备进场' },
    ],
  });
  await createTrip(as.xiangcheng, { leaderName: '区长 周伟', leaderLevel: 'countyHead', fromOn: lastYear(40), toOn: lastYear(39), cities: ['320100'], visits: [] });
  await createTrip(as.xiangcheng, { leaderName: '张招商', leaderLevel: 'staff', fromOn: thisYear(12), toOn: thisYear(12), cities: ['420100'], visits: [] });
  await createTrip(as.gucheng, { leaderName: '县委书记 孙涛', leaderLevel: 'countyHead', fromOn: thisYear(45), toOn: thisYear(44), cities: ['330100'], visits: [] });
  for (const [k, project] of xiangchengProjects.slice(0, 3).entries()) {
    await createVisit(as.xiangcheng, {
      kind: k === 0 ? 'reception' : 'visit',
      enterpriseId: enterpriseId.get(k === 0 ? 'dfht' : 'longpan')!,
      projectId: project.id,
      visitedOn: thisYear(5 + k * 7),
      peopleMet: k === 0 ? '来襄考察团' : '项目负责人',
      notes: k === 0 ? '陪同考察园区标准化厂房' : '了解项目建设进度和要素需求',
    });
  }

  // Events: a promotion this year and last, and signing ceremonies with the projects signed at them.
  for (const when of [thisYear, lastYear]) {
    await createEvent(as.bureau, { name: '襄阳新能源汽车产业链招商推介会（深圳）', kind: 'promotion', place: '深圳', heldOn: when(60) });
  }
  const ceremony = await createEvent(as.bureau, { name: '襄阳市重大项目集中签约仪式', kind: 'signing', place: '襄阳', heldOn: cityProjects[0]?.signedOn ?? thisYear(30) });
  for (const project of cityProjects.filter((p) => p.signedOn === ceremony.heldOn).slice(0, 3)) await linkProject(as.bureau, ceremony.id, project.id);
  await createEvent(as.xiangcheng, { name: '襄城区储能产业招商座谈会', kind: 'talks', place: '襄城经济开发区', heldOn: thisYear(15) });

  // 襄城区's leads: new, followed up, dropped; from the team, the trip, referrals and a fair.
  const leads: Parameters<typeof createLead>[1][] = [
    { enterpriseName: '深圳市新能储科技有限公司', industryCode: '3841', intendedAmountYuan: 50_000 * YUAN_PER_WAN, source: 'squad', collectedOn: thisYear(25), tripId: countyTrip.id, followUpOn: addDays(today, 7), note: '储能电池PACK项目，已发送园区厂房资料' },
    { enterpriseName: '东莞市精工智能装备有限公司', industryCode: '3499', intendedAmountYuan: 12_000 * YUAN_PER_WAN, source: 'resident', collectedOn: thisYear(40), teamId: team.id, note: '驻点小分队走访获悉有外迁意向' },
    { enterpriseName: '武汉光谷联合电子有限公司', intendedAmountYuan: 8_000 * YUAN_PER_WAN, source: 'investorReferral', collectedOn: thisYear(20), note: '由在襄企业引荐' },
    { enterpriseName: '湖南楚天新材料股份有限公司', source: 'fair', collectedOn: thisYear(70), note: '中部博览会现场对接' },
    { enterpriseName: '上海某生物医药企业', source: 'agency', collectedOn: thisYear(90) },
  ];
  for (const [k, input] of leads.entries()) {
    const lead = await createLead(as.xiangcheng, input);
    if (k < 3) await moveLead(as.xiangcheng, lead.id, { to: 'following' });
    if (k === 3) await moveLead(as.xiangcheng, lead.id, { to: 'dropped', reason: '企业已选定湖南本地园区' });
  }
  await createLead(as.gucheng, { enterpriseName: '浙江万里扬股份有限公司', industryCode: '3670', source: 'chamber', collectedOn: thisYear(33), note: '浙江商会推荐' });
}

type DemoCaller = ServiceContext;

/** The demo's bureau and county staff, as service callers. */
export async function demoCallers(tx: Db, now: Date): Promise<Record<'bureau' | 'xiangcheng' | 'gucheng', DemoCaller>> {
  const rows = await tx
    .select({ id: users.id, username: users.username, role: users.role, unitId: users.unitId, unitPath: units.path })
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(inArray(users.username, ['bureau', 'xiangcheng', 'gucheng']));
  const of = (username: string): DemoCaller => {
    const row = rows.find((r) => r.username === username)!;
    return { db: tx, caller: { userId: row.id, username, role: row.role as DemoCaller['caller']['role'], unitId: row.unitId!, unitPath: row.unitPath }, requestId: 'demo', now };
  };
  return { bureau: of('bureau'), xiangcheng: of('xiangcheng'), gucheng: of('gucheng') };
}
