import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditedAmount, creditShares, DEFAULT_SCOPE_RULES, METRICS, metric, type FundFacts, type MetricInput, type ProjectFacts } from './metrics.ts';
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

  describe('credit split with the 首报单位 (where configured)', () => {
    const split = (percent: number) => ({ ...DEFAULT_SCOPE_RULES, reportingUnitSharePercent: percent });
    // Units: 2 and 3 are counties under the city 1; 3 reported first the projects that land in 2.
    const subtreeOf = (unit: number) => (unitId: number) => unit === 1 || unitId === unit;

    it('gives the whole project to its 落地单位 unless a share is configured and another unit reported it first', () => {
      expect(creditShares({ unitId: 2, reportedUnitId: 3 }, DEFAULT_SCOPE_RULES)).toEqual([{ unitId: 2, role: 'whole', percent: 100 }]);
      expect(creditShares({ unitId: 2, reportedUnitId: 2 }, split(50))).toEqual([{ unitId: 2, role: 'whole', percent: 100 }]);
      expect(creditShares({ unitId: 2, reportedUnitId: null }, split(50))).toEqual([{ unitId: 2, role: 'whole', percent: 100 }]);
      expect(creditShares({ unitId: 2, reportedUnitId: 3 }, split(30))).toEqual([
        { unitId: 3, role: 'reporting', percent: 30 },
        { unitId: 2, role: 'landing', percent: 70 },
      ]);
      expect(creditShares({ unitId: 2, reportedUnitId: 3 }, split(100))).toEqual([{ unitId: 3, role: 'reporting', percent: 100 }]);
    });

    it('splits an amount into whole 元 that add up to it exactly, the 首报单位\'s part rounded half up', () => {
      for (const [amount, percent, reported] of [[333, 50, 167], [1_000_000_001, 30, 300_000_000], [5, 10, 1], [4, 10, 0], [2_500_000_001, 50, 1_250_000_001]] as const) {
        const [reporting, landing] = creditShares({ unitId: 2, reportedUnitId: 3 }, split(percent));
        expect(creditedAmount(amount, reporting!, split(percent))).toBe(reported);
        expect(creditedAmount(amount, reporting!, split(percent)) + creditedAmount(amount, landing!, split(percent))).toBe(amount);
      }
    });

    it('counts shares of projects for each unit, and a total over both units counts each project once', () => {
      const projects = [
        project({ unitId: 2, reportedUnitId: 3, contractInvestmentYuan: 1_000_000_001, startedOn: '2022-05-01' }),
        project({ unitId: 2, reportedUnitId: 3, contractInvestmentYuan: 300_000_000 }),
        project({ unitId: 3, contractInvestmentYuan: 200_000_000, startedOn: '2022-06-01' }),
      ];
      const funds: FundFacts[] = [{ id: 1, projectId: projects[0]!.id, arrivedOn: '2022-06-01', source: 'outOfProvince', amountYuan: 10_000_001, amountUsd: 0 }];
      const of = (unit: number, key: string) => metric(key).compute({ ...input(projects, funds), rules: split(30), inScope: subtreeOf(unit) });
      expect([of(2, 'signedCount').value, of(3, 'signedCount').value, of(1, 'signedCount').value]).toEqual([1.4, 1.6, 3]);
      expect(of(2, 'signedCount').text).toBe('1.4');
      expect(of(2, 'signedContractYuan').value).toBe(1_000_000_001 - 300_000_000 + 300_000_000 - 90_000_000);
      expect(of(3, 'signedContractYuan').value).toBe(300_000_000 + 90_000_000 + 200_000_000);
      expect(of(2, 'signedContractYuan').value + of(3, 'signedContractYuan').value).toBe(of(1, 'signedContractYuan').value);
      expect(of(1, 'signedContractYuan').value).toBe(1_500_000_001);
      expect(of(3, 'fundsArrivedDomesticYuan').value + of(2, 'fundsArrivedDomesticYuan').value).toBe(10_000_001);
      expect(of(3, 'fundsArrivedDomesticYuan').value).toBe(3_000_000);
      // 开工率 weighs each project by its share: county 3 has 0.3 + 0.3 + 1 signed, of which 0.3 + 1 started.
      expect(of(3, 'startRate').text).toBe('81.25');
      expect(of(2, 'startRate').text).toBe('50.00');
      expect(of(1, 'startRate').text).toBe('66.67');
      // Without a share configured the 落地单位 counts it all, as before.
      expect(metric('signedCount').compute({ ...input(projects, funds), inScope: subtreeOf(3) }).value).toBe(1);
    });
  });

  it('gives every metric a definition in both languages, and unique keys', () => {
    expect(new Set(METRICS.map((m) => m.key)).size).toBe(METRICS.length);
    for (const m of METRICS) expect([m.name.zh, m.name.en, m.definition.zh, m.definition.en].every((t) => t.length > 1)).toBe(true);
    expect(() => metric('nope')).toThrow(/unknown metric/);
  });
});

describe('credit split: the parts add up (property)', () => {
  const rules = (percent: number) => ({ ...DEFAULT_SCOPE_RULES, reportingUnitSharePercent: percent });
  const amount = fc.integer({ min: 0, max: 10_000_000_000_000 }); // up to 10万亿元: amount × 100 stays exact
  const percent = fc.integer({ min: 0, max: 100 });

  it('gives shares of a project that add up to the whole, and amounts that add up to the amount in whole 元', () => {
    fc.assert(
      fc.property(amount, percent, fc.integer({ min: 1, max: 3 }), (a, p, reporter) => {
        const credits = creditShares({ unitId: 2, reportedUnitId: reporter }, rules(p));
        expect(credits.reduce((total, c) => total + c.percent, 0)).toBe(100);
        const parts = credits.map((c) => creditedAmount(a, c, rules(p)));
        expect(parts.every((part) => Number.isSafeInteger(part) && part >= 0)).toBe(true);
        expect(parts.reduce((total, part) => total + part, 0)).toBe(a);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds the 首报单位\'s part half up: (2r − 1)·100 ≤ 2·a·p < (2r + 1)·100', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 100 }), (a, p) => {
        const [reporting] = creditShares({ unitId: 2, reportedUnitId: 3 }, rules(p));
        const r = BigInt(creditedAmount(a, reporting!, rules(p)));
        const twice = 2n * BigInt(a) * BigInt(p);
        expect((2n * r - 1n) * 100n <= twice && twice < (2n * r + 1n) * 100n).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});


describe('a pair under review (甄别, issue 17)', () => {
  it('counts the later project of an open pair as recorded by default, and not at all while held out', () => {
    const projects = [project({ contractInvestmentYuan: 500_000_000 }), project({ contractInvestmentYuan: 500_000_000, underReview: true })];
    const signed = metric('signedCount');
    const contract = metric('signedContractYuan');
    expect(signed.compute(input(projects)).value).toBe(2);
    const held = { ...input(projects), rules: { ...DEFAULT_SCOPE_RULES, holdOutUnderReview: true } };
    expect(signed.compute(held).value).toBe(1);
    expect(signed.compute(held).projectIds).toEqual([projects[0]!.id]);
    expect(contract.compute(held).value).toBe(500_000_000);
  });
});
