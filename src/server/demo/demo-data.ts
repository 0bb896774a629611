import type { Role } from '../../domain/roles.ts';
import type { ProjectState } from '../../domain/stages.ts';
import type { UnitKind } from '../../domain/units.ts';

/**
 * The demo city: 襄阳 (seed 004) with its real counties, districts and development zones (GB/T 2260 codes
 * where the unit is an administrative division). Enterprises are real, well-known investors with their real
 * HQ cities; credit codes are given only where they are public facts. Project figures are illustrative.
 */
export type DemoUnit = { code: string; name: string; kind: UnitKind; parent?: string };

export const DEMO_UNITS: DemoUnit[] = [
  { code: '420600', name: '襄阳市', kind: 'city' },
  { code: '420602', name: '襄城区', kind: 'district', parent: '420600' },
  { code: '420606', name: '樊城区', kind: 'district', parent: '420600' },
  { code: '420607', name: '襄州区', kind: 'district', parent: '420600' },
  { code: '420624', name: '南漳县', kind: 'county', parent: '420600' },
  { code: '420625', name: '谷城县', kind: 'county', parent: '420600' },
  { code: '420626', name: '保康县', kind: 'county', parent: '420600' },
  { code: '420682', name: '老河口市', kind: 'county', parent: '420600' },
  { code: '420683', name: '枣阳市', kind: 'county', parent: '420600' },
  { code: '420684', name: '宜城市', kind: 'county', parent: '420600' },
  { code: 'XY-GXQ', name: '襄阳高新技术产业开发区', kind: 'zone', parent: '420600' },
  { code: 'XY-JKQ', name: '襄阳经济技术开发区', kind: 'zone', parent: '420600' },
  { code: 'XY-YLZ', name: '鱼梁洲经济开发区', kind: 'zone', parent: '420600' },
  { code: '420602-KFQ', name: '襄城经济开发区', kind: 'park', parent: '420602' },
  { code: '420625-KFQ', name: '谷城经济开发区', kind: 'park', parent: '420625' },
  { code: '420606-TPD', name: '太平店镇', kind: 'town', parent: '420606' },
];

/** One account per role, and a second county's staff so the unit boundary can be tried. */
export const DEMO_PASSWORD = 'Demo@2026';
export type DemoUser = { username: string; displayName: string; role: Role; unit: string; note: string };
export const DEMO_USERS: DemoUser[] = [
  { username: 'bureau', displayName: '市招商局 王局长', role: 'bureau', unit: '420600', note: '市招商局（全市）' },
  { username: 'leader', displayName: '市领导 李市长', role: 'leader', unit: '420600', note: '市领导（只读驾驶舱）' },
  { username: 'xiangcheng', displayName: '襄城区 张招商', role: 'staff', unit: '420602', note: '襄城区招商员' },
  { username: 'gucheng', displayName: '谷城县 刘招商', role: 'staff', unit: '420625', note: '谷城县招商员' },
  { username: 'fgw', displayName: '市发改委 陈科长', role: 'department', unit: '420600', note: '职能部门（只见交办问题）' },
];

/** `hqRegionCode`: a GB/T 2260 code, or abroad an ISO country code with the city as `hqCity` (issue 15's foreign HQ). */
export type DemoEnterprise = { key: string; name: string; hqRegionCode: string; hqCity?: string; creditCode?: string; unit: string };

/** 世界500强 among the demo investors (Fortune Global 500, 2024 list). */
export const DEMO_FORTUNE_500 = new Set(['huawei', 'catl', 'geely', 'byd', 'midea', 'crrc', 'chemchina', 'xiangyu']);
/** Other lists the demo investors are on (issue 13), so the 资源库 shows tiers and facets: [key, list, years ago]. */
export const DEMO_TIERS: ReadonlyArray<readonly [string, 'little_giant' | 'srdi' | 'listed' | 'high_tech' | 'china_500' | 'private_500', number]> = [
  ['longpan', 'little_giant', 1],
  ['longpan', 'srdi', 3],
  ['longpan', 'listed', 1],
  ['ganfeng', 'listed', 1],
  ['ganfeng', 'high_tech', 2],
  ['byd', 'listed', 1],
  ['byd', 'china_500', 1],
  ['geely', 'private_500', 1],
  ['yto', 'listed', 1],
];
export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  { key: 'longpan', name: '江苏龙蟠科技股份有限公司', hqRegionCode: '320113', unit: '420602' },
  { key: 'dfht', name: '东风鸿泰控股集团有限公司', hqRegionCode: '420100', unit: '420602' },
  { key: 'catl', name: '宁德时代新能源科技股份有限公司', hqRegionCode: '350902', creditCode: '91350900587527783P', unit: '420602' },
  { key: 'huawei', name: '华为技术有限公司', hqRegionCode: '440307', creditCode: '914403001922038216', unit: 'XY-GXQ' },
  { key: 'ganfeng', name: '江西赣锋锂业集团股份有限公司', hqRegionCode: '360500', unit: 'XY-GXQ' },
  { key: 'chemchina', name: '中国化学工程集团有限公司', hqRegionCode: '110101', unit: '420607' },
  { key: 'crrc', name: '中国中车集团有限公司', hqRegionCode: '110108', unit: 'XY-GXQ' },
  { key: 'xiangyu', name: '厦门象屿集团有限公司', hqRegionCode: '350200', unit: '420606' },
  { key: 'geely', name: '浙江吉利控股集团有限公司', hqRegionCode: '330100', unit: '420625' },
  { key: 'byd', name: '比亚迪股份有限公司', hqRegionCode: '440300', unit: 'XY-JKQ' },
  { key: 'yto', name: '圆通速递股份有限公司', hqRegionCode: '310118', unit: '420606' },
  { key: 'yuhu', name: '玉湖集团', hqRegionCode: '810000', unit: 'XY-YLZ' },
  { key: 'wanhua', name: '万华化学集团股份有限公司', hqRegionCode: '370600', unit: '420625' },
  { key: 'hbport', name: '湖北港口集团有限公司', hqRegionCode: '420100', unit: '420684' },
  { key: 'midea', name: '美的集团股份有限公司', hqRegionCode: '440606', unit: '420683' },
  { key: 'sany', name: '三一集团有限公司', hqRegionCode: '430100', unit: '420682' },
  // Foreign investors (徐州's 欧美、日韩、东盟 targets): the heat map's world view and overseas presets count them.
  { key: 'bosch', name: '罗伯特·博世有限公司', hqRegionCode: 'DE', hqCity: '斯图加特', unit: 'XY-GXQ' },
  { key: 'toray', name: '东丽株式会社', hqRegionCode: 'JP', hqCity: '东京', unit: '420606' },
  { key: 'temasek', name: '淡马锡控股（私人）有限公司', hqRegionCode: 'SG', hqCity: '新加坡', unit: 'XY-JKQ' },
];

/** `reportedBy`: the 首报单位 when another unit reported the project first (its 落地单位 is `unit`). */
export type DemoProject = { name: string; investor: string; unit: string; totalWan: number; stage: ProjectState; reportedBy?: string };

/** 襄城区 met these investors first and handed the projects to the units they land in (首报单位 ≠ 落地单位). */
const REPORTED_FIRST: Record<string, string> = { 新能源汽车零部件产业园项目: '420602', 电池材料前驱体项目: '420602', 鄂西北区域转运中心项目: 'XY-GXQ' };

const PRODUCTS: Record<string, string[]> = {
  longpan: ['年产10万吨磷酸铁锂正极材料项目', '年产5万吨磷酸铁项目', '氢能源产业项目'],
  dfht: ['年产5万吨磷酸铁锂正极材料及电池回收项目', '退役动力电池综合利用项目'],
  catl: ['储能电池模组生产基地项目', '动力电池零部件配套项目'],
  huawei: ['襄阳云计算数据中心项目', '智能网联汽车联合创新中心项目'],
  ganfeng: ['锂电池新材料产业园项目', '固态电池研发及产业化项目'],
  chemchina: ['新能源产业园磷化工精深加工项目', '化工新材料一体化项目'],
  crrc: ['轨道交通装备检修基地项目', '新能源商用车零部件项目'],
  xiangyu: ['襄阳综合物流园项目', '大宗商品供应链基地项目'],
  geely: ['硅基新材料产业园项目', '工业硅及有机硅项目'],
  byd: ['新能源汽车零部件产业园项目', '刀片电池配套项目'],
  yto: ['鄂西北区域转运中心项目'],
  yuhu: ['玉湖冷链物流园项目', '农产品冷链交易中心项目'],
  wanhua: ['新能源材料产业园项目', '电池材料前驱体项目'],
  hbport: ['汉江港口物流园项目'],
  midea: ['智能家电零部件生产基地项目'],
  sany: ['工程机械再制造产业园项目'],
  bosch: ['汽车电子及智能驾驶零部件项目', '新能源汽车电驱系统项目'],
  toray: ['碳纤维复合材料生产基地项目'],
  temasek: ['新能源产业投资基金项目'],
};

const STAGES: ProjectState[] = ['lead', 'signed', 'registered', 'started', 'producing', 'inStats', 'signed', 'started', 'stalled'];

/** Deterministic: the same projects, amounts and stages every time `zhaoshang demo` runs. */
export function demoProjects(): DemoProject[] {
  const projects: DemoProject[] = [];
  let n = 0;
  for (const enterprise of DEMO_ENTERPRISES) {
    for (const product of PRODUCTS[enterprise.key] ?? []) {
      const totalWan = [3000, 8000, 12000, 25000, 50000, 105000, 200000, 36000, 15500][n % 9]!;
      projects.push({
        name: product,
        investor: enterprise.key,
        unit: enterprise.unit,
        totalWan,
        stage: STAGES[n % STAGES.length]!,
        ...(REPORTED_FIRST[product] ? { reportedBy: REPORTED_FIRST[product] } : {}),
      });
      n++;
    }
  }
  return projects;
}

/**
 * First phases of the first sixteen projects, signed one to two years ago and finished since: last year's
 * figures, for the cockpit's comparisons. Named "…一期项目", never containing a current project's whole name.
 */
export function demoFirstPhases(): (DemoProject & { ageDays: number })[] {
  return demoProjects()
    .slice(0, 16)
    .map((project, index) => ({
      ...project,
      name: project.name.replace(/项目$/, '一期项目'),
      stage: index % 3 === 0 ? 'producing' : 'inStats',
      ageDays: 380 + ((index * 47) % 330),
    }));
}

/**
 * The year's targets (目标任务) in 万元 / 个: the city's own, and each district's, county's and zone's by its place
 * in the list — so the cockpit shows completion and the bulletin ranks by it.
 */
export function demoTargets(): { unit: string; metricKey: string; value: number }[] {
  const city = [
    { unit: '420600', metricKey: 'signedCount', value: 36 },
    { unit: '420600', metricKey: 'signedContractYuan', value: 2_400_000 * 10_000 },
    { unit: '420600', metricKey: 'startedCount', value: 24 },
    { unit: '420600', metricKey: 'startedInvestmentYuan', value: 1_500_000 * 10_000 },
    { unit: '420600', metricKey: 'fundsArrivedDomesticYuan', value: 600_000 * 10_000 },
  ];
  const sub = DEMO_UNITS.filter((u) => u.parent === '420600').flatMap((u, i) => [
    { unit: u.code, metricKey: 'signedCount', value: [10, 3, 4, 5, 2, 3, 4, 5, 2, 3, 4, 5][i % 12]! },
    { unit: u.code, metricKey: 'signedContractYuan', value: [60, 15, 20, 25, 10, 15, 20, 25, 10, 30, 20, 25][i % 12]! * 100_000_000 },
    { unit: u.code, metricKey: 'startedCount', value: [6, 2, 2, 3, 1, 2, 2, 3, 1, 2, 2, 3][i % 12]! },
  ]);
  return [...city, ...sub];
}
