import type { PercentStyle } from './bulletin.ts';
import { daysInMonth, type IsoDate } from './calendar.ts';
import { percentText } from './rates.ts';
import { ACTIVITY_METRICS, evaluateActivity, NO_ACTIVITIES, type ActivityFacts, type ActivitySpec } from './activity-metrics.ts';

export function isActivitySpec(spec: MetricSpec): spec is ActivitySpec {
  return spec.kind === 'trips' || spec.kind === 'visits' || spec.kind === 'events' || spec.kind === 'leads';
}

/**
 * The metric catalogue (issue 5, domain.md §3): every number of the cockpit, the bulletin and the assessment is one
 * definition here — which records count (the scope rules), over which dates, summed how. A metric answers with its
 * value and the ids of the records that make it, so every number opens onto a list that adds up to it.
 * Adding a metric is adding a definition; activities (trips, events, leads) join the same catalogue later.
 */
export type ProjectFacts = {
  id: number;
  /** 落地单位: a project counts once, here (or shares its credit with its 首报单位, where configured). */
  unitId: number;
  /** 首报单位: the unit that reported it first. */
  reportedUnitId?: number | null;
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
  /** The amounts are estimates, not a signed contract's (domain.md §8). */
  amountsEstimated?: boolean;
  /** Stages whose change waits for the bureau's confirmation (核实: reported, or rejected and not corrected). */
  unconfirmedStages?: StageDateField[];
  /** The later-recorded project of a pair open in the bureau's 甄别 queue (issue 17): held out under `holdOutUnderReview`. */
  underReview?: boolean;
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
  /** Leave out projects whose amounts are estimates (default: they count, marked as such on the record). */
  excludeEstimated?: boolean;
  /**
   * The 首报单位's share of a project it reported for another unit, in percent (0, the default: the 落地单位 alone
   * counts it). See `creditShares`.
   */
  reportingUnitSharePercent?: number;
  /** How the bulletin writes percentages: two decimals always (the default) or trailing zeros dropped (bulletin.ts). */
  percentStyle?: PercentStyle;
  /**
   * 核实 (issue 17): count a stage only once its change is confirmed. Set from the bureau's verification settings
   * (src/domain/stage-verification.ts), or asked for explicitly to show reported and confirmed figures side by side.
   */
  confirmedOnly?: boolean;
  /**
   * 甄别 (issue 17): while a pair of projects of two units waits in the bureau's queue, its later-recorded project is
   * held out of every figure (shown as 待甄别 beside it) until resolved, so the investment counts once; off (the
   * default), both count as recorded.
   */
  holdOutUnderReview?: boolean;
};

export const DEFAULT_SCOPE_RULES: ScopeRules = {
  excludedFundSources: ['local'],
  excludedIndustries: ['70'],
  largeProjectYuan: 100_000_000,
  majorProjectYuan: 1_000_000_000,
  thresholdByType: { industrial: 30_000_000, other: 100_000_000 },
};

export type MetricUnit = 'count' | 'yuan' | 'usd' | 'percent' | 'days';
export type MetricValue = { value: number; text: string; projectIds: number[]; fundIds: number[] };
export type MetricInput = {
  projects: ProjectFacts[];
  funds: FundFacts[];
  period: Period;
  rules: ScopeRules;
  activities?: ActivityFacts;
  /** The units whose figures are asked for (a subtree); every project's whole credit when absent. */
  inScope?: (unitId: number) => boolean;
};

export type StageDateField = 'signedOn' | 'registeredOn' | 'startedOn' | 'producingOn' | 'inStatsOn';
/** Which projects of those dated in the period count (thresholds come from the scope rules). */
export type ProjectCondition = 'large' | 'major' | 'aboveLine' | 'threeBatch';

/**
 * What a metric counts, as data: the server compiles the same spec to one SQL aggregate, the domain evaluates it
 * over facts (the reference the SQL is tested against).
 */
export type MetricSpec =
  /** Projects whose `on` date falls in the period: counted, or their contracted / total investment summed. */
  | { kind: 'projects'; on: StageDateField; condition?: ProjectCondition; sum?: 'contract' | 'total' }
  /** Fund entries of one source that arrived in the period, for projects signed in any year. */
  | { kind: 'funds'; source: NonNullable<ProjectFacts['fundSource']>; amount: 'amountYuan' | 'amountUsd' }
  /** Of the projects whose `base` date falls in the period (the cohort), the share with any `reached` date by its end. */
  | { kind: 'rate'; base: StageDateField; reached: StageDateField[] }
  /** Trips, visits, events and leads (issue 6): src/domain/activity-metrics.ts. */
  | ActivitySpec;

export type MetricDefinition = {
  key: string;
  unit: MetricUnit;
  /** The measure word a bulletin writes after a count ("个" when absent). */
  measure?: string;
  /** A median (days from lead to signing): neither summed over units nor given a target. */
  median?: true;
  name: { zh: string; en: string };
  /** Shown on hover in the cockpit and listed in docs/metrics.md. */
  definition: { zh: string; en: string };
  spec: MetricSpec;
  compute(input: MetricInput): MetricValue;
};

/** A stage's date as figures count it: none yet while its change waits for confirmation under `confirmedOnly`. */
export function countedDate(p: ProjectFacts, field: StageDateField, rules: Pick<ScopeRules, 'confirmedOnly'>): IsoDate | null {
  return rules.confirmedOnly && p.unconfirmedStages?.includes(field) ? null : p[field];
}

const within = (date: IsoDate | null, { from, to }: Period) => !!date && date >= from && date <= to;
const byEnd = (date: IsoDate | null, { to }: Period) => !!date && date <= to;

/** Whether a project counts at all under the scope rules. */
export function counts(project: ProjectFacts, rules: ScopeRules): boolean {
  if (rules.excludedFundSources.includes(project.fundSource)) return false;
  if (rules.excludeEstimated && project.amountsEstimated) return false;
  if (rules.holdOutUnderReview && project.underReview) return false;
  return !rules.excludedIndustries.some((prefix) => project.industryCode?.startsWith(prefix));
}

/** What a project adds to a sum of contracted investment: the contract figure, else its total investment. */
export const contracted = (p: Pick<ProjectFacts, 'contractInvestmentYuan' | 'totalInvestmentYuan'>) => p.contractInvestmentYuan ?? p.totalInvestmentYuan;

export function meetsCondition(p: ProjectFacts, condition: ProjectCondition | undefined, rules: ScopeRules): boolean {
  switch (condition) {
    case undefined:
      return true;
    case 'large':
      return p.totalInvestmentYuan >= rules.largeProjectYuan;
    case 'major':
      return p.totalInvestmentYuan >= rules.majorProjectYuan;
    case 'aboveLine':
      return p.totalInvestmentYuan >= rules.thresholdByType[p.projectType];
    case 'threeBatch':
      return !!p.threeBatch;
  }
}

/** Evaluates a spec over facts: the reference semantics of every metric. */
export function evaluate(spec: MetricSpec, input: MetricInput): MetricValue {
  if (isActivitySpec(spec)) {
    const value = evaluateActivity(spec, input.activities ?? NO_ACTIVITIES, input.period);
    const text = value === null ? '—' : spec.kind === 'leads' && spec.measure === 'conversionRate' ? (percentText(Math.round(value * 1e9), 1e9) ?? '—') : String(value);
    return { value: value ?? 0, text, projectIds: [], fundIds: [] };
  }
  // Each counted project with the credits it gives the units asked for (all of it, unless its credit is split).
  const credited = input.projects
    .filter((p) => counts(p, input.rules))
    .map((p) => ({ project: p, credits: creditShares(p, input.rules).filter((c) => !input.inScope || input.inScope(c.unitId)) }))
    .filter((c) => c.credits.length > 0);
  const percentOf = (credits: Credit[]) => credits.reduce((total, c) => total + c.percent, 0);
  const amountOf = (credits: Credit[], amount: number) => credits.reduce((total, c) => total + creditedAmount(amount, c, input.rules), 0);
  if (spec.kind === 'projects') {
    const chosen = credited.filter(({ project: p }) => within(countedDate(p, spec.on, input.rules), input.period) && meetsCondition(p, spec.condition, input.rules));
    const value =
      spec.sum === undefined
        ? percentOf(chosen.flatMap((c) => c.credits)) / 100
        : chosen.reduce((total, { project, credits }) => total + amountOf(credits, spec.sum === 'contract' ? contracted(project) : project.totalInvestmentYuan), 0);
    return { value, text: String(value), projectIds: chosen.map((c) => c.project.id), fundIds: [] };
  }
  if (spec.kind === 'funds') {
    const creditsOf = new Map(credited.map((c) => [c.project.id, c.credits]));
    const chosen = input.funds.filter((f) => f.source === spec.source && creditsOf.has(f.projectId) && within(f.arrivedOn, input.period));
    const value = chosen.reduce((total, f) => total + amountOf(creditsOf.get(f.projectId)!, f[spec.amount]), 0);
    return { value, text: String(value), projectIds: [...new Set(chosen.map((f) => f.projectId))], fundIds: chosen.map((f) => f.id) };
  }
  // A rate's cohort and those of it that reached the stage, each project weighed by its credit (in percent).
  const cohort = credited.filter(({ project: p }) => within(countedDate(p, spec.base, input.rules), input.period));
  const done = cohort.filter(({ project: p }) => spec.reached.some((field) => byEnd(countedDate(p, field, input.rules), input.period)));
  const [cohortWeight, doneWeight] = [cohort, done].map((list) => percentOf(list.flatMap((c) => c.credits)));
  const text = percentText(doneWeight!, cohortWeight!) ?? '—';
  return { value: cohortWeight === 0 ? 0 : doneWeight! / cohortWeight!, text, projectIds: done.map((c) => c.project.id), fundIds: [] };
}

/**
 * Who a project counts for (domain.md §3 "count once"): its 落地单位, all of it — unless the bureau splits credit
 * with the 首报单位 and another unit reported it first: then that unit has its configured share and the 落地单位 the
 * rest. The shares add up to the whole project, so any total over both units counts it exactly once.
 */
export type Credit = { unitId: number; role: 'whole' | 'landing' | 'reporting'; percent: number };

export function creditShares(project: Pick<ProjectFacts, 'unitId' | 'reportedUnitId'>, rules: Pick<ScopeRules, 'reportingUnitSharePercent'>): Credit[] {
  const share = rules.reportingUnitSharePercent ?? 0;
  const reporter = project.reportedUnitId ?? null;
  if (share <= 0 || reporter === null || reporter === project.unitId) return [{ unitId: project.unitId, role: 'whole', percent: 100 }];
  const credits: Credit[] = [{ unitId: reporter, role: 'reporting', percent: share }];
  if (share < 100) credits.push({ unitId: project.unitId, role: 'landing', percent: 100 - share });
  return credits;
}

/**
 * The part of an amount (元 or US dollars, whole) a credit carries: the 首报单位's share rounded half up to the
 * whole unit, the 落地单位 the rest, so the two parts add up to the amount exactly.
 */
export function creditedAmount(amount: number, credit: Credit, rules: Pick<ScopeRules, 'reportingUnitSharePercent'>): number {
  if (credit.role === 'whole') return amount;
  const reported = Math.floor((amount * (rules.reportingUnitSharePercent ?? 0) + 50) / 100);
  return credit.role === 'reporting' ? reported : amount - reported;
}

type Described = Omit<MetricDefinition, 'compute'>;
const define = (metric: Described): MetricDefinition => ({ ...metric, compute: (input) => evaluate(metric.spec, input) });

export const METRICS: MetricDefinition[] = ([
  {
    key: 'signedCount',
    unit: 'count',
    name: { zh: '新签约项目', en: 'Projects signed' },
    definition: {
      zh: '期内签约的项目个数（按落地单位计一次；设置首报分成的，首报单位按比例分计；不含不予认定的项目）',
      en: 'Projects signed in the period, counted once in the unit where they land (shared with the unit that reported it first where credit is split), excluding projects out of scope',
    },
    spec: { kind: 'projects', on: 'signedOn' },
  },
  {
    key: 'signedContractYuan',
    unit: 'yuan',
    name: { zh: '新签约项目合同投资额', en: 'Contracted investment signed' },
    definition: { zh: '期内签约项目的合同投资额之和（未填合同投资的按总投资）', en: 'Contracted investment of the projects signed in the period (total investment where no contract figure is recorded)' },
    spec: { kind: 'projects', on: 'signedOn', sum: 'contract' },
  },
  {
    key: 'signedLargeCount',
    unit: 'count',
    name: { zh: '新签约亿元以上项目', en: 'Signed projects ≥ 100 million' },
    definition: { zh: '期内签约、总投资达到“亿元以上”门槛的项目个数（门槛可配置）', en: 'Projects signed in the period whose total investment reaches the "large project" threshold (configurable)' },
    spec: { kind: 'projects', on: 'signedOn', condition: 'large' },
  },
  {
    key: 'signedMajorCount',
    unit: 'count',
    name: { zh: '新签约10亿元以上项目', en: 'Signed projects ≥ 1 billion' },
    definition: { zh: '期内签约、总投资达到“10亿元以上”门槛的项目个数（门槛可配置）', en: 'Projects signed in the period whose total investment reaches the "major project" threshold (configurable)' },
    spec: { kind: 'projects', on: 'signedOn', condition: 'major' },
  },
  {
    key: 'signedAboveLineCount',
    unit: 'count',
    name: { zh: '新签约规模以上项目', en: 'Signed projects above the line' },
    definition: {
      zh: '期内签约、总投资达到本类型门槛的项目个数，如“3000万元以上工业项目、亿元以上其它项目”',
      en: 'Projects signed in the period above their type\'s threshold, e.g. industrial ≥ 30 million, other ≥ 100 million',
    },
    spec: { kind: 'projects', on: 'signedOn', condition: 'aboveLine' },
  },
  {
    key: 'startedCount',
    unit: 'count',
    name: { zh: '新开工项目', en: 'Projects started' },
    definition: { zh: '期内开工的项目个数', en: 'Projects whose construction started in the period' },
    spec: { kind: 'projects', on: 'startedOn' },
  },
  {
    key: 'startedInvestmentYuan',
    unit: 'yuan',
    name: { zh: '新开工项目总投资', en: 'Investment of projects started' },
    definition: { zh: '期内开工项目的总投资之和', en: 'Total investment of the projects started in the period' },
    spec: { kind: 'projects', on: 'startedOn', sum: 'total' },
  },
  {
    key: 'producingCount',
    unit: 'count',
    name: { zh: '新投产项目', en: 'Projects in production' },
    definition: { zh: '期内投产的项目个数', en: 'Projects that went into production in the period' },
    spec: { kind: 'projects', on: 'producingOn' },
  },
  {
    key: 'inStatsCount',
    unit: 'count',
    name: { zh: '新入库项目', en: 'Projects entered in statistics' },
    definition: { zh: '期内纳入固定资产投资统计（入库）的项目个数', en: 'Projects entered in the fixed-asset investment statistics in the period' },
    spec: { kind: 'projects', on: 'inStatsOn' },
  },
  {
    key: 'threeBatchCount',
    unit: 'count',
    name: { zh: '纳入“三个一批”项目', en: 'Projects in a "three batches" round' },
    definition: { zh: '期内签约且已纳入“三个一批”活动的项目个数', en: 'Projects signed in the period and entered in a "three batches" round' },
    spec: { kind: 'projects', on: 'signedOn', condition: 'threeBatch' },
  },
  {
    key: 'fundsArrivedDomesticYuan',
    unit: 'yuan',
    name: { zh: '省外境内到位资金', en: 'Funds arrived from outside the province' },
    definition: { zh: '期内到位的省外境内资金（按到位日期，含往年签约的项目）', en: 'Domestic funds from outside the province that arrived in the period, for projects signed in any year' },
    spec: { kind: 'funds', source: 'outOfProvince', amount: 'amountYuan' },
  },
  {
    key: 'fundsArrivedForeignUsd',
    unit: 'usd',
    name: { zh: '实际利用外资', en: 'Foreign capital arrived' },
    definition: { zh: '期内到位的外资（美元，报表以万美元列示）', en: 'Foreign capital that arrived in the period (US dollars, reported in ten thousands)' },
    spec: { kind: 'funds', source: 'foreign', amount: 'amountUsd' },
  },
  {
    key: 'performanceRate',
    unit: 'percent',
    name: { zh: '履约率', en: 'Performance rate' },
    definition: { zh: '期内签约项目中，截至期末已注册（或更后阶段）的比例', en: 'Of the projects signed in the period, the share registered (or further) by the period\'s end' },
    spec: { kind: 'rate', base: 'signedOn', reached: ['registeredOn', 'startedOn', 'producingOn', 'inStatsOn'] },
  },
  {
    key: 'startRate',
    unit: 'percent',
    name: { zh: '开工率', en: 'Start rate' },
    definition: { zh: '期内签约项目中，截至期末已开工的比例', en: 'Of the projects signed in the period, the share started by the period\'s end' },
    spec: { kind: 'rate', base: 'signedOn', reached: ['startedOn', 'producingOn', 'inStatsOn'] },
  },
  {
    key: 'productionRate',
    unit: 'percent',
    name: { zh: '投产率', en: 'Production rate' },
    definition: { zh: '期内开工项目中，截至期末已投产的比例', en: 'Of the projects started in the period, the share in production by the period\'s end' },
    spec: { kind: 'rate', base: 'startedOn', reached: ['producingOn'] },
  },
  ...ACTIVITY_METRICS,
] satisfies Described[]).map(define);

export function metric(key: string): MetricDefinition {
  const found = METRICS.find((m) => m.key === key);
  if (!found) throw new Error(`unknown metric ${key}`);
  return found;
}

/**
 * The same period one year earlier, as bulletins compare ("同比"): a period ending on a month's last day compares
 * with that month's last day a year before (1-2月 of 2025 with 2024-01-01…2024-02-29).
 */
export function samePeriodLastYear({ from, to }: Period): Period {
  const shift = (date: IsoDate) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    const lastDay = day === daysInMonth(year, month) ? daysInMonth(year - 1, month) : Math.min(day, daysInMonth(year - 1, month));
    return `${year - 1}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
  };
  return { from: shift(from), to: shift(to) };
}

/** Counts and sums: they add up over units, take targets, are kept at a month close and scored in an assessment. */
export function isSummable(metric: Pick<MetricDefinition, 'unit' | 'median'>): boolean {
  return metric.unit !== 'percent' && !metric.median;
}
