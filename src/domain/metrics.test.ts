import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE_RULES, METRICS, metric, type FundFacts, type MetricInput, type ProjectFacts } from './metrics.ts';
import { yiTwoDecimals } from './bulletin.ts';

let nextId = 1;
function project(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    id: nextId++,
    unitId: 2,
    projectType: 'industrial',
    fundSource: 'outOfProvince',
    industryCode: '3841',
    totalInvestmentYuan: 100_000_000,
    contractInvestmentYuan: null,
    signedOn: '2022-03-01',
    registeredOn: null,
    startedOn: null,
    producingOn: null,
    inStatsOn: null,
    threeBatch: null,
    ...overrides,
  };
}

const YEAR_2022 = { from: '2022-01-01', to: '2022-12-31' };
const input = (projects: ProjectFacts[], funds: FundFacts[] = []): MetricInput => ({ projects, funds, period: YEAR_2022, rules: DEFAULT_SCOPE_RULES });

describe('the metric catalogue', () => {
  it('reproduces 惠济 2022 (seed 002): 27 projects signed for 383.8亿元, 22 started for 289.62亿元', () => {
    // 27 signed: 26 × 14亿 + 19.8亿 = 383.8亿; 22 of them started: 21 × 13亿 + 16.62亿 = 289.62亿.
    const signed = Array.from({ length: 27 }, (_, i) =>
      project({
        contractInvestmentYuan: i === 26 ? 1_980_000_000 : 1_400_000_000,
        totalInvestmentYuan: i < 21 ? 1_300_000_000 : i === 21 ? 1_662_000_000 : 2_000_000_000,
        startedOn: i < 22 ? '2022-09-01' : null,
      }),
    );
    // Not counted: wholly local money, real estate, and a project signed the year before.
    const outOfScope = [project({ fundSource: 'local' }), project({ industryCode: '7010' }), project({ signedOn: '2021-12-31' })];
    const figures = input([...signed, ...outOfScope]);
    expect(metric('signedCount').compute(figures).value).toBe(27);
    expect(yiTwoDecimals(metric('signedContractYuan').compute(figures).value)).toBe('383.80');
    expect(metric('startedCount').compute(figures).value).toBe(22);
    expect(yiTwoDecimals(metric('startedInvestmentYuan').compute(figures).value)).toBe('289.62');
    expect(metric('startRate').compute(figures).text).toBe('81.48');
  });

  it('opens every number onto the records that make it, and they add up to it', () => {
    const projects = [project({ totalInvestmentYuan: 50_000_000 }), project({ contractInvestmentYuan: 70_000_000 }), project({ signedOn: null })];
    const sum = metric('signedContractYuan').compute(input(projects));
    expect(sum.projectIds).toEqual([projects[0]!.id, projects[1]!.id]);
    expect(sum.value).toBe(projects.filter((p) => sum.projectIds.includes(p.id)).reduce((t, p) => t + (p.contractInvestmentYuan ?? p.totalInvestmentYuan), 0));
  });

  it('applies configurable thresholds, per project type where the city counts so', () => {
    const projects = [
      project({ totalInvestmentYuan: 30_000_000 }),
      project({ totalInvestmentYuan: 29_999_999 }),
      project({ projectType: 'other', totalInvestmentYuan: 99_999_999 }),
      project({ projectType: 'other', totalInvestmentYuan: 100_000_000 }),
      project({ totalInvestmentYuan: 1_000_000_000 }),
    ];
    expect(metric('signedAboveLineCount').compute(input(projects)).value).toBe(3);
    expect(metric('signedLargeCount').compute(input(projects)).value).toBe(2);
    expect(metric('signedMajorCount').compute(input(projects)).value).toBe(1);
    const stricter = { ...input(projects), rules: { ...DEFAULT_SCOPE_RULES, largeProjectYuan: 500_000_000 } };
    expect(metric('signedLargeCount').compute(stricter).value).toBe(1);
  });

  it('counts funds by the day they arrived, for projects signed in any year, by source', () => {
    const old = project({ signedOn: '2020-05-01' });
    const local = project({ fundSource: 'local' });
    const funds: FundFacts[] = [
      { id: 1, projectId: old.id, arrivedOn: '2022-02-01', source: 'outOfProvince', amountYuan: 30_000_000, amountUsd: 0 },
      { id: 2, projectId: old.id, arrivedOn: '2021-12-31', source: 'outOfProvince', amountYuan: 99, amountUsd: 0 },
      { id: 3, projectId: old.id, arrivedOn: '2022-03-01', source: 'foreign', amountYuan: 0, amountUsd: 2_500_000 },
      { id: 4, projectId: local.id, arrivedOn: '2022-03-01', source: 'outOfProvince', amountYuan: 7, amountUsd: 0 },
    ];
    expect(metric('fundsArrivedDomesticYuan').compute(input([old, local], funds))).toMatchObject({ value: 30_000_000, fundIds: [1], projectIds: [old.id] });
    expect(metric('fundsArrivedForeignUsd').compute(input([old, local], funds))).toMatchObject({ value: 2_500_000, fundIds: [3] });
  });

  it('computes the rates over the period\'s cohort, as of its end', () => {
    const projects = [
      project({ registeredOn: '2022-04-01' }),
      project({ startedOn: '2022-06-01', producingOn: '2022-11-30' }),
      project({ startedOn: '2022-07-01' }),
      project({ registeredOn: '2023-01-05' }),
    ];
    expect(metric('performanceRate').compute(input(projects)).text).toBe('75.00');
    expect(metric('startRate').compute(input(projects)).text).toBe('50.00');
    expect(metric('productionRate').compute(input(projects)).text).toBe('50.00');
    expect(metric('startRate').compute(input([])).text).toBe('—');
  });

  it('gives every metric a definition in both languages, and unique keys', () => {
    expect(new Set(METRICS.map((m) => m.key)).size).toBe(METRICS.length);
    for (const m of METRICS) expect([m.name.zh, m.name.en, m.definition.zh, m.definition.en].every((t) => t.length > 1)).toBe(true);
    expect(() => metric('nope')).toThrow(/unknown metric/);
  });
});
