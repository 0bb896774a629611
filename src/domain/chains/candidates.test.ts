import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_CANDIDATE_WEIGHTS,
  industryMatch,
  industrySection,
  inRegionPreset,
  rankCandidates,
  reasonLine,
  scoreCandidate,
  type CandidateContext,
  type CandidateFacts,
  type RegionPreset,
  type TCandidateWeights,
} from './candidates.ts';
import type { TierEntry } from '../enterprise-tiers.ts';

// The priority regions of the default weights, as data/region-presets.json has them (a part of 粤港澳 suffices here).
const PRESETS: RegionPreset[] = [
  { key: '京津冀', nameEn: 'Beijing-Tianjin-Hebei', codes: ['110000', '120000', '130000'] },
  { key: '长三角', nameEn: 'the Yangtze River Delta', codes: ['310000', '320000', '330000', '340000'] },
  { key: '粤港澳大湾区', nameEn: 'the Greater Bay Area', codes: ['440100', '440300', '810000', '820000'] },
  { key: '欧美', nameEn: 'Europe and North America', codes: ['US', 'DE'] },
];

// Rarity 1 / (1 + log10 df): 磷酸铁锂 found once → 1; 正极材料 in 10 → 0.5; 锂电池 in 1,000 → 0.25.
const CONTEXT: CandidateContext = {
  documentFrequency: new Map([
    ['正极材料', 10],
    ['锂电池', 1000],
    ['磷酸铁锂', 1],
  ]),
  regionPresets: new Map(PRESETS.map((p) => [p.key, p])),
};

const LINK = { industryCodes: ['3841'], keywords: ['正极材料', '锂电池'], products: ['磷酸铁锂'] };
const W = DEFAULT_CANDIDATE_WEIGHTS;

function facts(enterpriseId: number, more: Partial<CandidateFacts>): CandidateFacts {
  return {
    enterpriseId,
    name: `企业${enterpriseId}有限公司`,
    otherNames: [],
    industryCodes: [],
    businessScope: null,
    sizeBand: null,
    hqRegionCode: null,
    tiers: [],
    visibleLeads: 0,
    visibleVisits: 0,
    groupLocalName: null,
    ...more,
  };
}
const tier = (list: TierEntry['list'], year: number, rank: number | null = null): TierEntry => ({ list, year, rank, batch: null });

// A fixed small library, written by hand; the expected points of every reason are worked out in the comments.
const LIBRARY: CandidateFacts[] = [
  // 40 (exact) + keywords 正极材料 12×0.5 + 锂电池 12×0.25 = 9 + 中国500强 15 + large 10 = 74
  facts(1, { industryCodes: ['3841'], businessScope: '锂电池、正极材料的研发与生产', tiers: [tier('china_500', 2024, 50)], sizeBand: 'large', hqRegionCode: '350902' }),
  // 20 (same 中类 384) + keywords 正极材料 6 + 磷酸铁锂 twice 12×1×(2×2.2/3.2) = 16.5 → 22.5 → 23 + 上市 8 + medium 6 + 长三角 10 = 67
  facts(2, { industryCodes: ['3849'], businessScope: '磷酸铁锂正极材料;磷酸铁锂', tiers: [tier('listed', 2023)], sizeBand: 'medium', hqRegionCode: '320505' }),
  // Pharmaceuticals, a 世界500强: not on the link's subject, never a candidate.
  facts(3, { industryCodes: ['2710'], businessScope: '化学药品', tiers: [tier('fortune_global_500', 2024, 3)], sizeBand: 'large', hqRegionCode: '310115' }),
  // 20 (38 is above 3841) + small 2 + 京津冀 10 = 32
  facts(4, { industryCodes: ['38'], sizeBand: 'small', hqRegionCode: '110108' }),
  // No code; 锂电池 in the name 12×0.25 = 3 + 粤港澳 10 (micro gives 0: no reason) = 13
  facts(5, { name: '深圳锂电池科技有限公司', businessScope: '电子产品销售', sizeBand: 'micro', hqRegionCode: '440305' }),
  // 40 + 锂电池 3 + a lead 8 + a visit 6 + the group's plant 10 = 67 (ties with 2: the lower id first)
  facts(6, { industryCodes: ['3841'], businessScope: '锂电池', visibleLeads: 2, visibleVisits: 1, groupLocalName: '襄阳某电池有限公司' }),
  // 40 + the best tier (世界500强 20, not 高新 2) + large 10 = 70
  facts(7, { industryCodes: ['3841'], tiers: [tier('high_tech', 2024), tier('fortune_global_500', 2022, 100)], sizeBand: 'large', hqRegionCode: '350902' }),
  // A section letter only gives no industry match; 锂电池 twice 12×0.25×1.375 = 4.125 → 4
  facts(8, { industryCodes: ['C'], businessScope: '锂电池锂电池' }),
  // 40 + 香港 in 粤港澳 10 = 50
  facts(9, { industryCodes: ['3841'], hqRegionCode: '810000' }),
  // The exact code wins over the parent one: 40 + 正极材料 (full-width letters around it) 6 = 46
  facts(10, { industryCodes: ['3849', '3841'], businessScope: 'ＰＣＢ正极材料' }),
  // Metal surface treatment: not on the subject.
  facts(11, { industryCodes: ['3360'], businessScope: '金属表面处理', sizeBand: 'large' }),
  // 40 each: the lower id first.
  facts(13, { industryCodes: ['3841'] }),
  facts(12, { industryCodes: ['3841'] }),
];

describe('whom to attract: the golden library', () => {
  const ranked = rankCandidates(LINK, LIBRARY, W, CONTEXT, 50);

  it('orders by score, then id', () => {
    expect(ranked.map((c) => [c.enterpriseId, c.score])).toEqual([
      [1, 74], [7, 70], [2, 67], [6, 67], [9, 50], [10, 46], [12, 40], [13, 40], [4, 32], [5, 13], [8, 4],
    ]);
  });

  it('says why, in words and numbers', () => {
    const lines = (id: number, language: 'zh' | 'en' = 'zh') => ranked.find((c) => c.enterpriseId === id)!.reasons.map((r) => reasonLine(r, language));
    expect(lines(1)).toEqual(["行业代码 3841 完全匹配 +40", "经营范围含'正极材料''锂电池' +9", '2024 中国500强 第50位 +15', '规模 大型 +10']);
    expect(lines(1, 'en')).toEqual(['industry code 3841 matches exactly +40', "business scope mentions '正极材料', '锂电池' +9", '2024 China Top 500 #50 +15', 'size: large +10']);
    expect(lines(2)).toEqual(["行业代码 3849 与环节的 3841 同属中类 384 +20", "经营范围含'正极材料''磷酸铁锂'×2 +23", '2023 上市公司 +8', '规模 中型 +6', '总部 长三角（重点区域） +10']);
    expect(lines(2, 'en')[4]).toBe('HQ in the Yangtze River Delta (priority region) +10');
    expect(lines(4)).toEqual(['行业代码 38 是环节 3841 的上级 +20', '规模 小型 +2', '总部 京津冀（重点区域） +10']);
    expect(lines(5)).toEqual(["名称含'锂电池' +3", '总部 粤港澳大湾区（重点区域） +10']);
    expect(lines(6)).toEqual(['行业代码 3841 完全匹配 +40', "经营范围含'锂电池' +3", '本单位已有线索 2 条 +8', '本单位已拜访洽谈 1 次 +6', '同集团的 襄阳某电池有限公司 已在本地 +10']);
    expect(lines(6, 'en').slice(2)).toEqual(['2 lead(s) in your units +8', '1 visit(s) or talk(s) by your units +6', '襄阳某电池有限公司 of the same group is already local +10']);
    expect(lines(7)).toEqual(['行业代码 3841 完全匹配 +40', '2022 世界500强 第100位 +20', '规模 大型 +10']);
    expect(lines(8)).toEqual(["经营范围含'锂电池'×2 +4"]);
    expect(lines(9)).toEqual(['行业代码 3841 完全匹配 +40', '总部 粤港澳大湾区（重点区域） +10']);
    expect(lines(10)).toEqual(['行业代码 3841 完全匹配 +40', "经营范围含'正极材料' +6"]);
  });

  it('the score is the sum of the reasons', () => {
    for (const c of ranked) expect(c.score).toBe(c.reasons.reduce((s, r) => s + r.points, 0));
  });

  it('leaves out enterprises off the subject, however well placed', () => {
    expect(ranked.map((c) => c.enterpriseId)).not.toContain(3);
    expect(ranked.map((c) => c.enterpriseId)).not.toContain(11);
  });

  it('keeps the best `limit`', () => {
    expect(rankCandidates(LINK, LIBRARY, W, CONTEXT, 3).map((c) => c.enterpriseId)).toEqual([1, 7, 2]);
  });

  it('a link written by section letter takes every code of the section', () => {
    const section = rankCandidates({ industryCodes: ['C'], keywords: [], products: [] }, LIBRARY, W, CONTEXT, 50);
    expect(section.find((c) => c.enterpriseId === 3)!.reasons[0]!.text).toBe('行业代码 2710 属于环节的 C');
    expect(section.find((c) => c.enterpriseId === 8)!.reasons[0]!.text).toBe('行业代码 C 完全匹配');
  });
});

describe('industry codes and regions', () => {
  it('matches codes exactly, by parent or not at all', () => {
    expect(industryMatch('3841', '3841')).toBe('exact');
    expect(industryMatch('3841', '384')).toBe('exact');
    expect(industryMatch('3841', '38')).toBe('exact');
    expect(industryMatch('3849', '3841')).toBe('parent');
    expect(industryMatch('384', '3841')).toBe('parent');
    expect(industryMatch('38', '3841')).toBe('parent');
    expect(industryMatch('3851', '3841')).toBeNull();
    expect(industryMatch('39', '3841')).toBeNull();
    expect(industryMatch('C', '3841')).toBeNull();
    expect(industryMatch('1310', 'C')).toBe('exact');
    expect(industryMatch('4310', 'C')).toBe('exact');
    expect(industryMatch('4411', 'C')).toBeNull();
    expect(industrySection('70')).toBe('K');
    expect(industrySection('99')).toBeNull();
  });

  it('places an HQ in a preset by province, city or neither; a foreign HQ by its country (issue 15)', () => {
    const bay = PRESETS[2]!;
    expect(inRegionPreset('440305', bay)).toBe(true);
    expect(inRegionPreset('440205', bay)).toBe(false);
    expect(inRegionPreset('320505', PRESETS[1]!)).toBe(true);
    expect(inRegionPreset('110108', PRESETS[3]!)).toBe(false);
    expect(inRegionPreset('DE', PRESETS[3]!)).toBe(true);
    expect(inRegionPreset('JP', PRESETS[3]!)).toBe(false);
    expect(inRegionPreset('DE', bay)).toBe(false);
  });
});

// ---- properties --------------------------------------------------------------------------------------------------

const arbTier = fc.record({
  list: fc.constantFrom('fortune_global_500', 'china_500', 'private_500', 'listed', 'little_giant', 'srdi', 'high_tech', 'unicorn' as const),
  year: fc.integer({ min: 2015, max: 2026 }),
  rank: fc.constant(null),
  batch: fc.constant(null),
}) as fc.Arbitrary<TierEntry>;

const arbFacts = (id: number) =>
  fc.record({
    enterpriseId: fc.constant(id),
    name: fc.constantFrom('某某锂电池有限公司', '某某科技有限公司', '正极材料股份公司'),
    otherNames: fc.array(fc.constantFrom('锂电', '磷酸铁锂厂'), { maxLength: 2 }),
    industryCodes: fc.array(fc.constantFrom('3841', '3849', '38', '3851', '2710', 'C'), { maxLength: 3 }),
    businessScope: fc.option(fc.array(fc.constantFrom('锂电池', '正极材料', '磷酸铁锂', '、', '销售'), { maxLength: 8 }).map((p) => p.join('')), { nil: null }),
    sizeBand: fc.constantFrom('large', 'medium', 'small', 'micro', null),
    hqRegionCode: fc.constantFrom('320505', '440305', '110108', '350902', null),
    tiers: fc.array(arbTier, { maxLength: 3 }),
    visibleLeads: fc.nat({ max: 3 }),
    visibleVisits: fc.nat({ max: 3 }),
    groupLocalName: fc.constantFrom('本地厂', null),
  }) as fc.Arbitrary<CandidateFacts>;

const arbLibrary = fc.integer({ min: 1, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbFacts(i + 1))));

describe('whom to attract: properties', () => {
  it('the order is the same whatever order the library is read in, highest score first, ties by id', () => {
    fc.assert(
      fc.property(arbLibrary, fc.infiniteStream(fc.nat()), (library, stream) => {
        const shuffled = library.map((f) => [stream.next().value, f] as const).sort((a, b) => a[0] - b[0]).map(([, f]) => f);
        const a = rankCandidates(LINK, library, W, CONTEXT, 50);
        expect(rankCandidates(LINK, shuffled, W, CONTEXT, 50)).toEqual(a);
        for (let i = 1; i < a.length; i++) {
          expect(a[i - 1]!.score > a[i]!.score || (a[i - 1]!.score === a[i]!.score && a[i - 1]!.enterpriseId < a[i]!.enterpriseId)).toBe(true);
        }
      }),
    );
  });

  it('more evidence never lowers a score', () => {
    fc.assert(
      fc.property(arbFacts(1), arbTier, fc.constantFrom('3841', '3849', '38'), fc.constantFrom('锂电池', '正极材料', '磷酸铁锂'), (f, moreTier, code, word) => {
        const before = scoreCandidate(LINK, f, W, CONTEXT).score;
        const richer: CandidateFacts[] = [
          { ...f, tiers: [...f.tiers, moreTier] },
          { ...f, industryCodes: [...f.industryCodes, code] },
          { ...f, businessScope: (f.businessScope ?? '') + '、' + word },
          { ...f, otherNames: [...f.otherNames, word + '公司'] },
          { ...f, visibleLeads: f.visibleLeads + 1 },
          { ...f, visibleVisits: f.visibleVisits + 1 },
          { ...f, groupLocalName: '本地厂' },
        ];
        for (const r of richer) expect(scoreCandidate(LINK, r, W, CONTEXT).score).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('a weight at zero removes its factor, and only its points', () => {
    const zeroed: Array<[string, (w: TCandidateWeights) => TCandidateWeights]> = [
      ['industry', (w) => ({ ...w, industry: { exact: 0, parent: 0 } })],
      ['keywords', (w) => ({ ...w, keywords: { ...w.keywords, max: 0 } })],
      ['tier', (w) => ({ ...w, tiers: {} })],
      ['size', (w) => ({ ...w, size: {} })],
      ['region', (w) => ({ ...w, regions: w.regions.map((r) => ({ ...r, points: 0 })) })],
      ['lead', (w) => ({ ...w, relationship: { ...w.relationship, lead: 0 } })],
      ['visit', (w) => ({ ...w, relationship: { ...w.relationship, visit: 0 } })],
      ['groupNearby', (w) => ({ ...w, groupNearby: 0 })],
    ];
    fc.assert(
      fc.property(arbFacts(1), (f) => {
        const full = scoreCandidate(LINK, f, W, CONTEXT);
        for (const [factor, zero] of zeroed) {
          const without = scoreCandidate(LINK, f, zero(W), CONTEXT);
          expect(without.reasons.map((r) => r.factor)).not.toContain(factor);
          expect(without.reasons).toEqual(full.reasons.filter((r) => r.factor !== factor));
        }
      }),
    );
  });
});
