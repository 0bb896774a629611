import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chainLinks, chainPlacements, departments, enterpriseTiers, enterprises, projects, users } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { refreshEnterpriseSearch } from '../enterprises/enterprise-search.ts';
import { createChain, updateChain } from '../chains/chains.service.ts';
import { chainTemplate } from '../chains/chain-templates.ts';
import type { TierList } from '../../domain/enterprise-tiers.ts';
import { demoCallers } from './demo-activities.ts';

/**
 * The demo city's industrial chains (issue 14): five of 襄阳's published chains (its "144" clusters: 新能源与智能网联汽车,
 * 新能源储能电池, 高端装备, 生物医药, 农产品加工 — seed 004), copied from the templates in data/chains/ by the bureau,
 * with 襄阳's own enterprises placed on their links and some of the demo projects, so that the chain map shows 强, 弱 and
 * 缺 links at first start; and a few target enterprises elsewhere that fit a 缺 link (铜箔/铝箔, 隔膜), so that it has
 * candidates. The enterprises are real companies in 襄阳 or elsewhere; their business scopes are summaries of what they
 * make, and their tiers, like the demo's figures, are illustrative.
 */
const SYSTEM = { userId: null, unitId: null, requestId: 'demo' };

type SizeBand = 'large' | 'medium' | 'small' | 'micro';
export type DemoLibraryEnterprise = {
  key: string;
  name: string;
  /** The unit that recorded it (录入单位), by demo unit code; for a local enterprise, also the unit it operates in. */
  unit: string;
  hqRegionCode: string;
  industryCodes: string[];
  sizeBand: SizeBand;
  businessScope: string;
  /** [list, years ago]. */
  tiers: [TierList, number][];
};

/** 襄阳's own enterprises (local): its 汽车, 电池, 装备 and 农产品加工 companies. */
export const DEMO_LOCAL_ENTERPRISES: DemoLibraryEnterprise[] = [
  { key: 'camel', name: '骆驼集团股份有限公司', unit: 'XY-GXQ', hqRegionCode: '420600', industryCodes: ['3843', '3841'], sizeBand: 'large', businessScope: '铅酸蓄电池、锂离子电池及储能系统的研发、生产和销售；废旧电池回收及再生利用', tiers: [['listed', 1]] },
  { key: 'dfac', name: '东风汽车股份有限公司', unit: 'XY-GXQ', hqRegionCode: '420600', industryCodes: ['3611', '3612'], sizeBand: 'large', businessScope: '轻型商用车、新能源商用车及专用车的开发、制造和销售；汽车零部件生产', tiers: [['listed', 1]] },
  { key: 'fengshen', name: '风神襄阳汽车有限公司', unit: 'XY-GXQ', hqRegionCode: '420600', industryCodes: ['3611', '3612'], sizeBand: 'large', businessScope: '乘用车及新能源乘用车整车制造和销售', tiers: [] },
  { key: 'dana', name: '东风德纳车桥有限公司', unit: 'XY-GXQ', hqRegionCode: '420600', industryCodes: ['3670'], sizeBand: 'large', businessScope: '汽车车桥、传动轴及底盘零部件的开发、制造和销售', tiers: [] },
  { key: 'datian', name: '襄阳达安汽车检测中心有限公司', unit: 'XY-GXQ', hqRegionCode: '420600', industryCodes: ['7452'], sizeBand: 'medium', businessScope: '汽车整车及零部件检测、智能网联汽车测试、试验场服务', tiers: [] },
  { key: 'jinying', name: '金鹰重型工程机械股份有限公司', unit: 'XY-GXQ', hqRegionCode: '420600', industryCodes: ['3716', '3715'], sizeBand: 'large', businessScope: '铁路大型养路机械、接触网作业车及轨道交通装备的研发、制造和检修', tiers: [['listed', 1]] },
  { key: 'hangyu', name: '航宇救生装备有限公司', unit: '420606', hqRegionCode: '420606', industryCodes: ['3744'], sizeBand: 'large', businessScope: '航空救生、防护装备及机载设备的研制和生产', tiers: [['soe', 1]] },
  { key: 'zcb', name: '襄阳汽车轴承股份有限公司', unit: 'XY-GXQ', hqRegionCode: '420600', industryCodes: ['3451'], sizeBand: 'medium', businessScope: '汽车轴承、精密滚动轴承及轴承套圈的生产和销售', tiers: [['listed', 1]] },
  { key: 'kuihua', name: '葵花药业集团（襄阳）隆中有限公司', unit: 'XY-GXQ', hqRegionCode: '420600', industryCodes: ['2740'], sizeBand: 'medium', businessScope: '中成药、中药提取物的生产和销售；儿童用药', tiers: [] },
  { key: 'cpfood', name: '正大食品（襄阳）有限公司', unit: '420607', hqRegionCode: '420607', industryCodes: ['1351', '1432'], sizeBand: 'large', businessScope: '生猪屠宰、冷鲜肉及肉制品加工；速冻食品（蒸饺）生产', tiers: [] },
  { key: 'xiangda', name: '湖北襄大农牧集团股份有限公司', unit: '420684', hqRegionCode: '420684', industryCodes: ['0313', '1352', '1353'], sizeBand: 'large', businessScope: '生猪养殖、家禽养殖；禽类屠宰及肉制品加工；配合饲料生产', tiers: [] },
  { key: 'luhua', name: '襄阳鲁花浓香花生油有限公司', unit: '420607', hqRegionCode: '420607', industryCodes: ['1331'], sizeBand: 'large', businessScope: '食用植物油（花生油、菜籽油）加工和销售；调味品生产', tiers: [] },
  { key: 'huakai', name: '湖北华开农副食品产业园有限公司', unit: '420625', hqRegionCode: '420625', industryCodes: ['1311'], sizeBand: 'medium', businessScope: '粮油收购、储备；稻谷加工、大米生产和销售', tiers: [] },
  { key: 'hanjia', name: '湖北汉家刘氏茶业股份有限公司', unit: '420625', hqRegionCode: '420625', industryCodes: ['1530', '0164'], sizeBand: 'small', businessScope: '茶叶种植、精制茶加工（黑茶、茯茶）和销售', tiers: [] },
  { key: 'shihua', name: '湖北石花酿酒股份有限公司', unit: '420625', hqRegionCode: '420625', industryCodes: ['1512'], sizeBand: 'medium', businessScope: '白酒生产和销售', tiers: [] },
];

/** Enterprises elsewhere that fit the 动力及储能电池 chain's 缺 links (铜箔/铝箔, 隔膜): whom to attract. */
export const DEMO_TARGET_ENTERPRISES: DemoLibraryEnterprise[] = [
  { key: 'jcc', name: '江西铜业集团有限公司', unit: '420600', hqRegionCode: '360681', industryCodes: ['3211', '3251'], sizeBand: 'large', businessScope: '铜冶炼、铜材压延加工；电解铜箔、锂电铜箔的生产和销售；有色金属矿采选', tiers: [['fortune_global_500', 1], ['china_500', 1], ['soe', 1]] },
  { key: 'hailiang', name: '海亮集团有限公司', unit: '420600', hqRegionCode: '330681', industryCodes: ['3251'], sizeBand: 'large', businessScope: '铜及铜合金管材、棒材的生产；锂电铜箔、复合铜箔的研发、生产和销售', tiers: [['china_500', 1], ['private_500', 1]] },
  { key: 'zhongyi', name: '湖北中一科技股份有限公司', unit: '420600', hqRegionCode: '420923', industryCodes: ['3985'], sizeBand: 'medium', businessScope: '电解铜箔、锂电铜箔、标准铜箔的研发、生产和销售', tiers: [['little_giant', 1], ['listed', 1]] },
  { key: 'dingsheng', name: '江苏鼎胜新型材料股份有限公司', unit: '420600', hqRegionCode: '321100', industryCodes: ['3252'], sizeBand: 'large', businessScope: '铝板带箔、电池铝箔、空调箔的生产和销售', tiers: [['listed', 1]] },
  { key: 'semcorp', name: '云南恩捷新材料股份有限公司', unit: '420600', hqRegionCode: '530400', industryCodes: ['2921', '3985'], sizeBand: 'large', businessScope: '锂电池隔膜（湿法隔膜、涂覆隔膜）、BOPP薄膜的生产和销售', tiers: [['listed', 1]] },
];

/** A demo chain: the template it is copied from, and what sits on its links (by the template's link keys). */
export type DemoChain = {
  template: string;
  /** link key → local enterprises (keys of DEMO_LOCAL_ENTERPRISES) and demo projects (by name). */
  placements: Record<string, { enterprises?: string[]; projects?: string[] }>;
};

/** Every demo chain's 链长 (the demo's city leader) and 牵头部门. */
const DEMO_CHAIN_LEADER = 'leader';
const DEMO_CHAIN_DEPARTMENT = '市发展和改革委员会';

export const DEMO_CHAINS: DemoChain[] = [
  {
    template: 'new-energy-vehicles',
    placements: {
      'nev-commercial': { enterprises: ['dfac'], projects: ['新能源商用车零部件项目'] },
      'nev-passenger': { enterprises: ['fengshen'] },
      chassis: { enterprises: ['dana'] },
      'vehicle-testing': { enterprises: ['datian'] },
      'auto-parts': { projects: ['新能源汽车零部件产业园项目'] },
      'autonomous-driving': { projects: ['智能网联汽车联合创新中心项目'] },
    },
  },
  {
    template: 'power-battery',
    placements: {
      lfp: { projects: ['年产10万吨磷酸铁锂正极材料项目', '年产5万吨磷酸铁锂正极材料及电池回收项目'] },
      precursors: { projects: ['电池材料前驱体项目'] },
      'storage-cells': { enterprises: ['camel'], projects: ['储能电池模组生产基地项目'] },
      'power-cells': { projects: ['刀片电池配套项目'] },
      'solid-state': { projects: ['固态电池研发及产业化项目'] },
      'battery-parts': { projects: ['动力电池零部件配套项目'] },
      'battery-recycling': { enterprises: ['camel'] },
      'second-life': { projects: ['退役动力电池综合利用项目'] },
    },
  },
  {
    template: 'intelligent-manufacturing',
    placements: {
      'rail-transit-equipment': { enterprises: ['jinying'], projects: ['轨道交通装备检修基地项目'] },
      'aerospace-equipment': { enterprises: ['hangyu'] },
      bearings: { enterprises: ['zcb'] },
      'repair-remanufacturing': { projects: ['工程机械再制造产业园项目'] },
    },
  },
  {
    template: 'biomedicine',
    placements: {
      'tcm-patent-medicines': { enterprises: ['kuihua'] },
    },
  },
  {
    template: 'modern-food',
    placements: {
      livestock: { enterprises: ['xiangda'] },
      'meat-processing': { enterprises: ['cpfood', 'xiangda'] },
      'convenience-foods': { enterprises: ['cpfood'] },
      'edible-oil': { enterprises: ['luhua'] },
      'grain-processing': { enterprises: ['huakai'] },
      'tea-processing': { enterprises: ['hanjia'] },
      'beverages-liquor': { enterprises: ['shihua'] },
      'cold-chain': { projects: ['玉湖冷链物流园项目'] },
      'wholesale-markets': { projects: ['农产品冷链交易中心项目'] },
    },
  },
];

/**
 * Puts the library's local and target enterprises in, each in the audit trail as 'seed'; returns their ids by key.
 * Run before the demo's investors, so that these (newest first) lead the enterprise list as they always have.
 */
export async function seedDemoLibrary(tx: Db, unitIds: ReadonlyMap<string, { id: number }>, year: number): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const all = [...DEMO_LOCAL_ENTERPRISES.map((e) => ({ ...e, local: true })), ...DEMO_TARGET_ENTERPRISES.map((e) => ({ ...e, local: false }))];
  for (const e of all) {
    const unitId = unitIds.get(e.unit)!.id;
    const [row] = await tx
      .insert(enterprises)
      .values({
        unitId,
        name: e.name,
        hqRegionCode: e.hqRegionCode,
        industryCodes: e.industryCodes,
        sizeBand: e.sizeBand,
        businessScope: e.businessScope,
        localUnitId: e.local ? unitId : null,
        fortuneGlobal500: e.tiers.some(([list]) => list === 'fortune_global_500'),
      })
      .returning();
    ids.set(e.key, row!.id);
    for (const [list, yearsAgo] of e.tiers) await tx.insert(enterpriseTiers).values({ enterpriseId: row!.id, list, year: year - yearsAgo });
    await recordAudit(tx, SYSTEM, { entity: 'enterprise', entityId: row!.id, unitId, action: 'seed', after: { ...row, tiers: e.tiers } });
  }
  await refreshEnterpriseSearch(tx, [...ids.values()]);
  return ids;
}

/**
 * Seeds the chains: each chain copied from its template by the bureau (the chains
 * service, audited as the bureau's), its 链长 and lead department, and what sits on its links, confirmed by the bureau.
 */
export async function seedDemoChains(tx: Db, enterpriseIds: ReadonlyMap<string, number>, now: Date): Promise<void> {
  const { bureau } = await demoCallers(tx, now);
  const [leader] = await tx.select({ id: users.id }).from(users).where(eq(users.username, DEMO_CHAIN_LEADER));
  const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.name, DEMO_CHAIN_DEPARTMENT));
  const projectNames = DEMO_CHAINS.flatMap((c) => Object.values(c.placements).flatMap((on) => on.projects ?? []));
  const projectRows = await tx.select({ id: projects.id, name: projects.name }).from(projects).where(inArray(projects.name, projectNames));
  const projectId = (name: string) => {
    const found = projectRows.filter((p) => p.name === name);
    if (found.length !== 1) throw new Error(`demo chains: ${found.length} demo projects named ${name}`);
    return found[0]!.id;
  };
  for (const demo of DEMO_CHAINS) {
    if (!(await chainTemplate(demo.template))) throw new Error(`demo chains: no template ${demo.template}`);
    const chain = await createChain(bureau, { templateKey: demo.template });
    await updateChain(bureau, chain.id, { leaderUserId: leader!.id, leadDepartmentId: department!.id });
    const links = await tx.select({ id: chainLinks.id, templateKey: chainLinks.templateKey }).from(chainLinks).where(eq(chainLinks.chainId, chain.id));
    for (const [linkKey, on] of Object.entries(demo.placements)) {
      const link = links.find((l) => l.templateKey === linkKey);
      if (!link) throw new Error(`demo chains: ${demo.template} has no link ${linkKey}`);
      const records = [
        ...(on.enterprises ?? []).map((key) => ({ enterpriseId: enterpriseIds.get(key)! })),
        ...(on.projects ?? []).map((name) => ({ projectId: projectId(name) })),
      ];
      for (const record of records) {
        const [row] = await tx
          .insert(chainPlacements)
          .values({ linkId: link.id, ...record, status: 'confirmed', confirmedBy: bureau.caller.userId, confirmedAt: now, createdAt: now })
          .returning();
        await recordAudit(tx, SYSTEM, { entity: 'chainPlacement', entityId: row!.id, unitId: bureau.caller.unitId, action: 'seed', after: row });
      }
    }
  }
}
