import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { assessmentSchemes, departments, localIndustries, problemNotes, problems, projectFunds, projects, targets, users } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { YUAN_PER_WAN } from '../../domain/money.ts';
import { demoTargets } from './demo-data.ts';

const SYSTEM = { userId: null, unitId: null, requestId: 'demo' };

/** GB/T 4754 codes of what each demo investor's projects produce. */
export const DEMO_INDUSTRIES: Record<string, string> = {
  longpan: '3985',
  dfht: '3985',
  catl: '3841',
  huawei: '6450',
  ganfeng: '3841',
  chemchina: '2661',
  crrc: '3715',
  xiangyu: '5920',
  geely: '3985',
  byd: '3670',
  yto: '6020',
  yuhu: '5930',
  wanhua: '2661',
  hbport: '5910',
  midea: '3851',
  sany: '3670',
  bosch: '3670',
  toray: '2661',
  temasek: '3841',
};

const DEMO_DEPARTMENTS = ['市发展和改革委员会', '市自然资源和规划局', '市住房和城乡建设局', '国网襄阳供电公司'];

/** The city's own industry words its ledgers write (issue 12), with other spellings and the GB/T code each maps to. */
const DEMO_LOCAL_INDUSTRIES = [
  { name: '智能制造', industryCode: 'C', synonyms: ['智造', '智能装备'] },
  { name: '新一代信息技术', industryCode: 'I', synonyms: ['信息技术', '电子信息'] },
  { name: '新能源汽车', industryCode: '36', synonyms: ['新能源车', '汽车及零部件'] },
  { name: '现代食品', industryCode: '14', synonyms: ['食品加工', '农产品加工'] },
  { name: '双碳科技', industryCode: null, synonyms: ['节能环保', '低碳'] },
];

export type DemoProjectRow = { id: number; unitId: number; stage: string; totalInvestmentYuan: number; signedOn: string | null; investorEnterpriseId?: number | null };

/**
 * The work around the demo projects: the city's departments (the `fgw` account sits in 发改委), problems routed to
 * them — one overdue, so the city sees an escalation — funds arrived on producing projects, and the responsible
 * officer of 襄城区's projects.
 */
export async function seedDemoWork(tx: Db, rows: DemoProjectRow[], cityUnitId: number, today: IsoDate, foreignInvestorIds: ReadonlySet<number> = new Set()): Promise<void> {
  const departmentIds: number[] = [];
  for (const name of DEMO_DEPARTMENTS) {
    const [row] = await tx.insert(departments).values({ unitId: cityUnitId, name }).returning();
    departmentIds.push(row!.id);
    await recordAudit(tx, SYSTEM, { entity: 'department', entityId: row!.id, unitId: cityUnitId, action: 'seed', after: row });
  }
  await tx.update(users).set({ departmentId: departmentIds[0]! }).where(eq(users.username, 'fgw'));
  for (const industry of DEMO_LOCAL_INDUSTRIES) {
    const [row] = await tx.insert(localIndustries).values(industry).returning();
    await recordAudit(tx, SYSTEM, { entity: 'localIndustry', entityId: row!.id, unitId: cityUnitId, action: 'seed', after: row });
  }
  const [officer] = await tx.select({ id: users.id, unitId: users.unitId }).from(users).where(eq(users.username, 'xiangcheng'));
  if (officer) {
    await tx.update(projects).set({ responsibleOfficerId: officer.id, responsibleLeader: '襄城区 分管副区长' }).where(eq(projects.unitId, officer.unitId));
  }

  const open = rows.filter((r) => r.stage !== 'lead' && r.stage !== 'terminated');
  const problemsToRaise = [
    { project: open[0], category: 'land', description: '二期项目用地指标未落实，需调整用地规划', department: 1, due: addDays(today, 20) },
    { project: open[1], category: 'utilities', description: '110千伏双回路供电线路尚未接入园区', department: 3, due: addDays(today, -5) },
    { project: open[2], category: 'approval', description: '项目核准手续待市发改委批复', department: 0, due: addDays(today, 10) },
    { project: open[4], category: 'funding', description: '项目贷款审批进度慢，需协调银行', department: 0, due: addDays(today, 30) },
  ];
  for (const p of problemsToRaise) {
    if (!p.project) continue;
    const [row] = await tx
      .insert(problems)
      .values({ projectId: p.project.id, category: p.category, description: p.description, departmentId: departmentIds[p.department]!, dueOn: p.due })
      .returning();
    await tx.insert(problemNotes).values({ problemId: row!.id, kind: 'instruction', text: '请责任部门限期办结，每周报告进展' });
    await recordAudit(tx, SYSTEM, { entity: 'problem', entityId: row!.id, unitId: p.project.unitId, action: 'seed', after: row });
  }

  for (const project of rows.filter((r) => (r.stage === 'producing' || r.stage === 'inStats' || r.stage === 'started') && r.signedOn)) {
    // Roughly half the contracted amount has arrived on each producing project, in two dated instalments.
    const contract = project.totalInvestmentYuan;
    await tx.update(projects).set({ contractInvestmentYuan: contract }).where(eq(projects.id, project.id));
    const instalments = [
      { arrivedOn: addDays(project.signedOn!, 45), amountYuan: Math.round((contract * 0.3) / YUAN_PER_WAN) * YUAN_PER_WAN, evidenceRef: `银行回单 HD-${project.id}-1` },
      { arrivedOn: addDays(project.signedOn!, 120), amountYuan: Math.round((contract * 0.25) / YUAN_PER_WAN) * YUAN_PER_WAN, evidenceRef: `验资报告 YZ-${project.id}-2` },
    ].filter((i) => i.arrivedOn <= today);
    // A foreign investor's funds arrive as 外资, in US dollars (at 7.1 元 a dollar, to the thousand).
    const foreign = project.investorEnterpriseId != null && foreignInvestorIds.has(project.investorEnterpriseId);
    for (const { amountYuan, ...instalment } of instalments) {
      await tx
        .insert(projectFunds)
        .values(foreign ? { projectId: project.id, source: 'foreign', amountUsd: Math.round(amountYuan / 7.1 / 1000) * 1000, ...instalment } : { projectId: project.id, source: 'outOfProvince', amountYuan, ...instalment });
    }
  }
}

/** The year's targets and the city's monthly assessment (襄阳 ranks its counties and names the bottom three). */
export async function seedDemoTargets(tx: Db, unitIds: Map<string, { id: number }>, cityUnitId: number, year: number): Promise<void> {
  for (const target of demoTargets()) {
    const [row] = await tx.insert(targets).values({ year, unitId: unitIds.get(target.unit)!.id, metricKey: target.metricKey, value: target.value }).returning();
    await recordAudit(tx, SYSTEM, { entity: 'target', entityId: row!.id, unitId: row!.unitId, action: 'seed', after: row });
  }
  const [scheme] = await tx
    .insert(assessmentSchemes)
    .values({
      unitId: cityUnitId,
      name: `${year}年招商引资月度考核`,
      indicators: [
        { metricKey: 'signedContractYuan', weight: 40, method: 'ratioCapped' },
        { metricKey: 'startedCount', weight: 30, method: 'ratioCapped' },
        { metricKey: 'fundsArrivedDomesticYuan', weight: 30, method: 'efficacy' },
      ],
      rules: [
        { kind: 'lateStart', pointsEach: -0.1 },
        { kind: 'fortune500', pointsEach: 0.5 },
      ],
      bottomCount: 3,
    })
    .returning();
  await recordAudit(tx, SYSTEM, { entity: 'assessmentScheme', entityId: scheme!.id, unitId: cityUnitId, action: 'seed', after: scheme });
}
