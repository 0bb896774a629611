import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeReasons,
  isDuplicateCandidate,
  nameSimilarityPermille,
  placeWords,
  projectNameCore,
  scoreDuplicateClaim,
  type ClaimFacts,
} from './duplicate-claims.ts';

const PLACES = placeWords(['襄阳市', '襄州区', '宜城市', '襄阳高新技术产业开发区', '枣阳市']);
const CATL = { investorEnterpriseId: 7, investorName: '宁德时代新能源科技股份有限公司', investorCreditCode: '91350900587527783P', investorGroupId: 7 };

function claim(over: Partial<ClaimFacts> & Pick<ClaimFacts, 'id' | 'unitId' | 'name'>): ClaimFacts {
  return { ...CATL, amountYuan: 1_000_000_000, industryCode: '3841', claimedOn: '2026-03-10', ...over };
}

describe('project name cores', () => {
  it('strips place names, legal forms and filler words', () => {
    expect(projectNameCore('襄州区宁德时代储能电池项目（一期）', PLACES)).toBe('宁德时代储能电池');
    expect(projectNameCore('宜城市 宁德时代储能电池生产基地建设项目', PLACES)).toBe('宁德时代储能电池生产');
    expect(projectNameCore('襄阳高新区比亚迪有限公司年产10万吨正极材料', PLACES)).toBe('比亚迪10万吨正极材料');
    expect(placeWords(['襄州区'])).toEqual(['襄州区', '襄州']);
  });

  it('measures shared bigrams of the cores (Dice, in thousandths)', () => {
    expect(nameSimilarityPermille('宁德时代储能电池', '宁德时代储能电池')).toBe(1000);
    // 7 bigrams and 9 bigrams, 7 shared: 14 / 16.
    expect(nameSimilarityPermille('宁德时代储能电池', '宁德时代储能电池生产')).toBe(875);
    expect(nameSimilarityPermille('宁德时代储能电池', '美的智能家电产业园')).toBe(0);
    expect(nameSimilarityPermille('', '宁德')).toBe(0);
  });
});

describe('duplicate claims: golden pairs', () => {
  it('the same investor in two counties, different project names, same amount and industry: a candidate', () => {
    const a = claim({ id: 1, unitId: 10, name: '襄州区储能电池项目' });
    const b = claim({ id: 2, unitId: 20, name: '宜城市新能源电芯制造基地', claimedOn: '2026-04-20' });
    const score = scoreDuplicateClaim(a, b, { placeNames: PLACES })!;
    expect(score.reasons.map((r) => r.kind)).toEqual(['sameInvestor', 'sameAmount', 'sameIndustry', 'closeDates']);
    expect(score.scorePermille).toBe(400 + 150 + 60 + 30);
    expect(isDuplicateCandidate(score)).toBe(true);
    expect(describeReasons(score.reasons, 'zh-CN')).toBe('同一投资方 913509…；金额相同；同一行业 3841；日期相隔 41 天');
    expect(describeReasons(score.reasons, 'en')).toBe('same investor 913509…; same amount; same industry 3841; 41 days apart');
  });

  it('the same investor written as two library records, similar names, close amounts: a candidate', () => {
    const a = claim({ id: 1, unitId: 10, name: '襄州区宁德时代储能电池项目', investorEnterpriseId: 7 });
    const b = claim({
      id: 2,
      unitId: 20,
      name: '宜城市宁德时代储能电池生产基地',
      investorEnterpriseId: 99,
      investorGroupId: 99,
      investorCreditCode: null,
      investorName: '宁德时代新能源科技有限公司',
      amountYuan: 950_000_000,
      industryCode: '38',
      claimedOn: '2026-09-30',
    });
    const score = scoreDuplicateClaim(a, b, { placeNames: PLACES })!;
    expect(score.reasons).toEqual([
      { kind: 'similarInvestorName' },
      { kind: 'similarName', similarity: 875 },
      { kind: 'closeAmount', differencePercent: 5 },
      { kind: 'relatedIndustry', code: '38' },
    ]);
    expect(score.scorePermille).toBe(200 + 306 + 100 + 30);
    expect(isDuplicateCandidate(score)).toBe(true);
    expect(describeReasons(score.reasons, 'zh-CN')).toBe('投资方名称相近；名称相似 0.88；金额相差 5%；同一大类行业 38');
  });

  it('two subsidiaries of one group with the same project: a candidate through the group', () => {
    const a = claim({ id: 1, unitId: 10, name: '比亚迪动力电池', investorEnterpriseId: 3, investorGroupId: 1, investorCreditCode: null, investorName: '弗迪电池有限公司' });
    const b = claim({ id: 2, unitId: 20, name: '比亚迪动力电池', investorEnterpriseId: 4, investorGroupId: 1, investorCreditCode: null, investorName: '比亚迪汽车工业有限公司' });
    const score = scoreDuplicateClaim(a, b)!;
    expect(score.reasons.map((r) => r.kind)).toEqual(['sameGroup', 'similarName', 'sameAmount', 'sameIndustry', 'closeDates']);
    expect(score.scorePermille).toBe(250 + 350 + 150 + 60 + 30);
  });

  it('one investor, one industry, close dates, but other amounts and names: not a candidate', () => {
    const a = claim({ id: 1, unitId: 10, name: '宁德时代储能电池', amountYuan: 600_000_000 });
    const b = claim({ id: 2, unitId: 20, name: '新能源电芯制造', amountYuan: 1_000_000_000, claimedOn: '2026-03-20' });
    const score = scoreDuplicateClaim(a, b, { placeNames: PLACES })!;
    expect(score.reasons.map((r) => r.kind)).toEqual(['sameInvestor', 'sameIndustry', 'closeDates']);
    expect(score.scorePermille).toBe(490);
    expect(isDuplicateCandidate(score)).toBe(false);
  });

  it('one group investing twice in the city, different things: not a candidate', () => {
    const a = claim({ id: 1, unitId: 10, name: '宁德时代储能电池', amountYuan: 1_000_000_000, industryCode: '3841', claimedOn: '2025-01-10' });
    const b = claim({ id: 2, unitId: 20, name: '宁德时代员工公寓', amountYuan: 200_000_000, industryCode: '7010', claimedOn: '2026-06-01' });
    const score = scoreDuplicateClaim(a, b, { placeNames: PLACES })!;
    expect(score.reasons.map((r) => r.kind)).toEqual(['sameInvestor']);
    expect(isDuplicateCandidate(score)).toBe(false);
  });

  it('unrelated investors with generic project names: not a candidate', () => {
    const other = { investorEnterpriseId: 8, investorGroupId: 8, investorCreditCode: '91420600MA49ABCD1X', investorName: '湖北某某新材料有限公司' };
    const a = claim({ id: 1, unitId: 10, name: '襄州区新能源电池项目' });
    const b = claim({ id: 2, unitId: 20, name: '枣阳市新能源材料项目', ...other, amountYuan: 300_000_000 });
    const score = scoreDuplicateClaim(a, b, { placeNames: PLACES })!;
    expect(isDuplicateCandidate(score)).toBe(false);
  });

  it('two projects of one unit, or a project with itself, are never candidates', () => {
    const a = claim({ id: 1, unitId: 10, name: '宁德时代储能电池' });
    expect(scoreDuplicateClaim(a, { ...a, id: 2 })).toBeNull();
    expect(scoreDuplicateClaim(a, a)).toBeNull();
  });
});

describe('duplicate claims: properties', () => {
  const words = ['宁德', '时代', '储能', '电池', '襄州区', '宜城市', '项目', '一期', '比亚迪', '正极', '材料', 'ab'];
  const facts = fc.record({
    id: fc.integer({ min: 1, max: 50 }),
    unitId: fc.integer({ min: 1, max: 4 }),
    name: fc.array(fc.constantFrom(...words), { maxLength: 6 }).map((w) => w.join('')),
    investorEnterpriseId: fc.integer({ min: 1, max: 4 }),
    investorName: fc.constantFrom('宁德时代新能源科技股份有限公司', '宁德时代新能源科技有限公司', '比亚迪股份有限公司', '华为技术有限公司'),
    investorCreditCode: fc.option(fc.constantFrom('91350900587527783P', '91440300192317458F'), { nil: null }),
    investorGroupId: fc.integer({ min: 1, max: 3 }),
    amountYuan: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: null }),
    industryCode: fc.option(fc.constantFrom('38', '384', '3841', '3842', '7010', 'C'), { nil: null }),
    claimedOn: fc.option(fc.constantFrom('2025-01-01', '2025-02-15', '2025-12-31', '2026-03-01'), { nil: null }),
  });

  it('is symmetric, within 0…1000, and never pairs one unit', () => {
    fc.assert(
      fc.property(facts, facts, (a, b) => {
        const ab = scoreDuplicateClaim(a, b, { placeNames: PLACES });
        const ba = scoreDuplicateClaim(b, a, { placeNames: PLACES });
        expect(ab).toEqual(ba);
        if (a.unitId === b.unitId || a.id === b.id) expect(ab).toBeNull();
        else {
          expect(ab!.scorePermille).toBeGreaterThanOrEqual(0);
          expect(ab!.scorePermille).toBeLessThanOrEqual(1000);
        }
      }),
      { numRuns: 500 },
    );
  });
});
