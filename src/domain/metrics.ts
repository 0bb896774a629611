import type { IsoDate } from './calendar.ts';
import { percentText } from './rates.ts';

/**
 * The metric catalogue (issue 5, domain.md §3): every number of the cockpit, the bulletin and the assessment is one
 * definition here — which records count (the scope rules), over which dates, summed how. A metric answers with its
 * value and the ids of the records that make it, so every number opens onto a list that adds up to it.
 * Adding a metric is adding a definition; activities (trips, events, leads) join the same catalogue later.
 */
export type ProjectFacts = {
  id: number;
  /** 落地单位: a project counts once, here. */
  unitId: number;
  projectType: 'industrial' | 'other';
  fundSource: 'outOfProvince' | 'outOfCity' | 'local' | 'foreign' | null;
  industryCode: string | null;
  totalInvestmentYuan: number;
  contractInvestmentYuan: number | null;
  signedOn: IsoDate | null;
  registeredOn: IsoDate | null;
  startedOn: IsoDate | null;
  producingOn: IsoDate | null;
  inStatsOn: IsoDate | null;
  threeBatch: string | null;
};

export type FundFacts = { id: number; projectId: number; arrivedOn: IsoDate; source: string; amountYuan: number; amountUsd: number };

export type Period = { from: IsoDate; to: IsoDate };

/** What counts, as configuration (domain.md §3 "不予认定"). */
export type ScopeRules = {
  /** Sources of funds left out, e.g. wholly local investment. */
  excludedFundSources: ProjectFacts['fundSource'][];
  /** GB/T 4754 prefixes left out, e.g. "70" (房地产业). */
  excludedIndustries: string[];
  /** "亿元以上" and "10亿元以上". */
  largeProjectYuan: number;
  majorProjectYuan: number;
  /** A per-type threshold for "projects above the line", e.g. 3000万元 industrial, 1亿元 other. */
  thresholdByType: Record<ProjectFacts['projectType'], number>;
};

export const DEFAULT_SCOPE_RULES: ScopeRules = {
  excludedFundSources: ['local'],
  excludedIndustries: ['70'],
  largeProjectYuan: 100_000_000,
  majorProjectYuan: 1_000_000_000,
  thresholdByType: { industrial: 30_000_000, other: 100_000_000 },
};

export type MetricUnit = 'count' | 'yuan' | 'usd' | 'percent';
export type MetricValue = { value: number; text: string; projectIds: number[]; fundIds: number[] };
export type MetricInput = { projects: ProjectFacts[]; funds: FundFacts[]; period: Period; rules: ScopeRules };

export type MetricDefinition = {
  key: string;
  unit: MetricUnit;
  name: { zh: string; en: string };
  /** Shown on hover in the cockpit and listed in docs/metrics.md. */
  definition: { zh: string; en: string };
  compute(input: MetricInput): MetricValue;
};

const within = (date: IsoDate | null, { from, to }: Period) => !!date && date >= from && date <= to;
const byEnd = (date: IsoDate | null, { to }: Period) => !!date && date <= to;

/** Whether a project counts at all under the scope rules. */
export function counts(project: ProjectFacts, rules: ScopeRules): boolean {
  if (rules.excludedFundSources.includes(project.fundSource)) return false;
  return !rules.excludedIndustries.some((prefix) => project.industryCode?.startsWith(prefix));
}

const contracted = (p: ProjectFacts) => p.contractInvestmentYuan ?? p.totalInvestmentYuan;

function projectsMetric(filter: (p: ProjectFacts, input: MetricInput) => boolean, sum?: (p: ProjectFacts) => number) {
  return (input: MetricInput): MetricValue => {
    const chosen = input.projects.filter((p) => counts(p, input.rules) && filter(p, input));
    const value = sum ? chosen.reduce((total, p) => total + sum(p), 0) : chosen.length;
    return { value, text: String(value), projectIds: chosen.map((p) => p.id), fundIds: [] };
  };
}

/** A rate over the projects signed in the period (their cohort), as of the period's end. */
function cohortRate(numerator: (p: ProjectFacts, period: Period) => boolean, base: (p: ProjectFacts, period: Period) => boolean) {
  return (input: MetricInput): MetricValue => {
    const cohort = input.projects.filter((p) => counts(p, input.rules) && base(p, input.period));
    const done = cohort.filter((p) => numerator(p, input.period));
    const text = percentText(done.length, cohort.length) ?? '—';
    return { value: cohort.length === 0 ? 0 : done.length / cohort.length, text, projectIds: done.map((p) => p.id), fundIds: [] };
  };
}

const signedIn = (p: ProjectFacts, period: Period) => within(p.signedOn, period);

export const METRICS: MetricDefinition[] = [
  {
    key: 'signedCount',
    unit: 'count',
    name: { zh: '新签约项目', en: 'Projects signed' },
    definition: { zh: '期内签约的项目个数(按落地单位,计一次;不含不予认定的项目)', en: 'Projects signed in the period, counted once in the unit where they land, excluding projects out of scope' },
    compute: projectsMetric((p, { period }) => signedIn(p, period)),
  },
  {
    key: 'signedContractYuan',
    unit: 'yuan',
    name: { zh: '新签约项目合同投资额', en: 'Contracted investment signed' },
    definition: { zh: '期内签约项目的合同投资额之和(未填合同投资的按总投资)', en: 'Contracted investment of the projects signed in the period (total investment where no contract figure is recorded)' },
    compute: projectsMetric((p, { period }) => signedIn(p, period), contracted),
  },
  {
    key: 'signedLargeCount',
    unit: 'count',
    name: { zh: '新签约亿元以上项目', en: 'Signed projects ≥ 100 million' },
    definition: { zh: '期内签约、总投资达到“亿元以上”门槛的项目个数(门槛可配置)', en: 'Projects signed in the period whose total investment reaches the "large project" threshold (configurable)' },
    compute: projectsMetric((p, { period, rules }) => signedIn(p, period) && p.totalInvestmentYuan >= rules.largeProjectYuan),
  },
  {
    key: 'signedMajorCount',
    unit: 'count',
    name: { zh: '新签约10亿元以上项目', en: 'Signed projects ≥ 1 billion' },
    definition: { zh: '期内签约、总投资达到“10亿元以上”门槛的项目个数(门槛可配置)', en: 'Projects signed in the period whose total investment reaches the "major project" threshold (configurable)' },
    compute: projectsMetric((p, { period, rules }) => signedIn(p, period) && p.totalInvestmentYuan >= rules.majorProjectYuan),
  },
  {
    key: 'signedAboveLineCount',
    unit: 'count',
    name: { zh: '新签约规模以上项目', en: 'Signed projects above the line' },
    definition: {
      zh: '期内签约、总投资达到本类型门槛的项目个数,如“3000万元以上工业项目、亿元以上其它项目”',
      en: 'Projects signed in the period above their type\'s threshold, e.g. industrial ≥ 30 million, other ≥ 100 million',
    },
    compute: projectsMetric((p, { period, rules }) => signedIn(p, period) && p.totalInvestmentYuan >= rules.thresholdByType[p.projectType]),
  },
  {
    key: 'startedCount',
    unit: 'count',
    name: { zh: '新开工项目', en: 'Projects started' },
    definition: { zh: '期内开工的项目个数', en: 'Projects whose construction started in the period' },
    compute: projectsMetric((p, { period }) => within(p.startedOn, period)),
  },
  {
    key: 'startedInvestmentYuan',
    unit: 'yuan',
    name: { zh: '新开工项目总投资', en: 'Investment of projects started' },
    definition: { zh: '期内开工项目的总投资之和', en: 'Total investment of the projects started in the period' },
    compute: projectsMetric((p, { period }) => within(p.startedOn, period), (p) => p.totalInvestmentYuan),
  },
  {
    key: 'producingCount',
    unit: 'count',
    name: { zh: '新投产项目', en: 'Projects in production' },
    definition: { zh: '期内投产的项目个数', en: 'Projects that went into production in the period' },
    compute: projectsMetric((p, { period }) => within(p.producingOn, period)),
  },
  {
    key: 'inStatsCount',
    unit: 'count',
    name: { zh: '新入库项目', en: 'Projects entered in statistics' },
    definition: { zh: '期内纳入固定资产投资统计(入库)的项目个数', en: 'Projects entered in the fixed-asset investment statistics in the period' },
    compute: projectsMetric((p, { period }) => within(p.inStatsOn, period)),
  },
  {
    key: 'threeBatchCount',
    unit: 'count',
    name: { zh: '纳入“三个一批”项目', en: 'Projects in a "three batches" round' },
    definition: { zh: '期内签约且已纳入“三个一批”活动的项目个数', en: 'Projects signed in the period and entered in a "three batches" round' },
    compute: projectsMetric((p, { period }) => signedIn(p, period) && !!p.threeBatch),
  },
  {
    key: 'fundsArrivedDomesticYuan',
    unit: 'yuan',
    name: { zh: '省外境内到位资金', en: 'Funds arrived from outside the province' },
    definition: { zh: '期内到位的省外境内资金(按到位日期,含往年签约的项目)', en: 'Domestic funds from outside the province that arrived in the period, for projects signed in any year' },
    compute: fundsMetric('outOfProvince', 'amountYuan'),
  },
  {
    key: 'fundsArrivedForeignUsd',
    unit: 'usd',
    name: { zh: '实际利用外资', en: 'Foreign capital arrived' },
    definition: { zh: '期内到位的外资(美元,报表以万美元列示)', en: 'Foreign capital that arrived in the period (US dollars, reported in ten thousands)' },
    compute: fundsMetric('foreign', 'amountUsd'),
  },
  {
    key: 'performanceRate',
    unit: 'percent',
    name: { zh: '履约率', en: 'Performance rate' },
    definition: { zh: '期内签约项目中,截至期末已注册(或更后阶段)的比例', en: 'Of the projects signed in the period, the share registered (or further) by the period\'s end' },
    compute: cohortRate((p, period) => byEnd(p.registeredOn, period) || byEnd(p.startedOn, period), signedIn),
  },
  {
    key: 'startRate',
    unit: 'percent',
    name: { zh: '开工率', en: 'Start rate' },
    definition: { zh: '期内签约项目中,截至期末已开工的比例', en: 'Of the projects signed in the period, the share started by the period\'s end' },
    compute: cohortRate((p, period) => byEnd(p.startedOn, period), signedIn),
  },
  {
    key: 'productionRate',
    unit: 'percent',
    name: { zh: '投产率', en: 'Production rate' },
    definition: { zh: '期内开工项目中,截至期末已投产的比例', en: 'Of the projects started in the period, the share in production by the period\'s end' },
    compute: cohortRate((p, period) => byEnd(p.producingOn, period), (p, period) => within(p.startedOn, period)),
  },
];

function fundsMetric(source: string, amount: 'amountYuan' | 'amountUsd') {
  return (input: MetricInput): MetricValue => {
    const eligible = new Set(input.projects.filter((p) => counts(p, input.rules)).map((p) => p.id));
    const chosen = input.funds.filter((f) => f.source === source && eligible.has(f.projectId) && within(f.arrivedOn, input.period));
    const value = chosen.reduce((total, f) => total + f[amount], 0);
    return { value, text: String(value), projectIds: [...new Set(chosen.map((f) => f.projectId))], fundIds: chosen.map((f) => f.id) };
  };
}

export function metric(key: string): MetricDefinition {
  const found = METRICS.find((m) => m.key === key);
  if (!found) throw new Error(`unknown metric ${key}`);
  return found;
}
