/**
 * Whom to attract for a chain link (招谁, issue 14): an enterprise's facts → its score and the reasons that make it, each
 * with its points and evidence in Chinese and English. Pure and deterministic: the same facts and weights give the same
 * score; candidates are ordered by score, then by id. The weights are the bureau's (src/shared/chain-candidates.ts).
 *
 * Factors (each absent when its weight is 0 or the evidence is missing; the score is the sum of the reasons' points):
 * - industry: the best match of an enterprise code against the link's codes — exact (inside the link's code) or parent
 *   (the same 中类, or a coarser code of the link's);
 * - keywords: the link's keywords and products in the business scope and names, BM25-like: per term
 *   perTerm × rarity × saturation(occurrences), summed, at most `max` (src/domain/chains/keywords.ts);
 * - tier: the best-paid tier entry, whatever its year (the reason shows the year);
 * - size band; the best priority source region the HQ lies in;
 * - relationship: leads and visits on the enterprise that the caller may see (the caller's units only);
 * - a plant nearby: an enterprise of the same group tree is local.
 */
import { TIER_LIST_CODES, tierLabel, type TierEntry, type TierList } from '../enterprise-tiers.ts';
import { linkTerms, matchTerms, prepareTerms, termRarity, termSaturation, type PreparedTerm, type TermHit } from './keywords.ts';

// ---- the shapes (the zod contracts in src/shared/chain-candidates.ts are built on these) --------------------------

/** A link as the engine sees it: GB/T 4754 codes (section letter or 2–4 digits), keywords and products. */
export type TCandidateLink = { industryCodes: string[]; keywords: string[]; products: string[] };

export const SIZE_BANDS = ['large', 'medium', 'small', 'micro'] as const;
export type TSizeBand = (typeof SIZE_BANDS)[number];

export type TCandidateWeights = {
  industry: { exact: number; parent: number };
  keywords: { max: number; perTerm: number; saturation: number };
  tiers: Partial<Record<TierList, number>>;
  size: Partial<Record<TSizeBand, number>>;
  regions: Array<{ preset: string; points: number }>;
  relationship: { lead: number; visit: number };
  groupNearby: number;
};

export const CANDIDATE_FACTORS = ['industry', 'keywords', 'tier', 'size', 'region', 'lead', 'visit', 'groupNearby'] as const;
export type TCandidateFactor = (typeof CANDIDATE_FACTORS)[number];

export type TCandidateReason = { factor: TCandidateFactor; points: number; text: string; textEn: string };
export type TCandidate = { enterpriseId: number; name: string; score: number; reasons: TCandidateReason[] };

/** The defaults a city starts from (docs/decisions.md, issue 14); the bureau changes them. */
export const DEFAULT_CANDIDATE_WEIGHTS: TCandidateWeights = {
  industry: { exact: 40, parent: 20 },
  keywords: { max: 30, perTerm: 12, saturation: 1.2 },
  tiers: {
    fortune_global_500: 20,
    china_500: 15,
    private_500: 12,
    central_soe: 10,
    listed: 8,
    industry_leader: 8,
    unicorn: 7,
    little_giant: 6,
    soe: 4,
    srdi: 4,
    high_tech: 2,
  },
  size: { large: 10, medium: 6, small: 2, micro: 0 },
  regions: [
    { preset: '长三角', points: 10 },
    { preset: '粤港澳大湾区', points: 10 },
    { preset: '京津冀', points: 10 },
  ],
  relationship: { lead: 8, visit: 6 },
  groupNearby: 10,
};

// ---- industry codes ----------------------------------------------------------------------------------------------

/** GB/T 4754-2017 sections by their two-digit divisions (A 01–05 … T 98). */
const SECTION_DIVISIONS: Array<[section: string, from: number, to: number]> = [
  ['A', 1, 5], ['B', 6, 12], ['C', 13, 43], ['D', 44, 46], ['E', 47, 50], ['F', 51, 52], ['G', 53, 60], ['H', 61, 62],
  ['I', 63, 65], ['J', 66, 69], ['K', 70, 70], ['L', 71, 72], ['M', 73, 75], ['N', 76, 79], ['O', 80, 82], ['P', 83, 83],
  ['Q', 84, 85], ['R', 86, 90], ['S', 91, 97], ['T', 98, 98],
];

/** The section letter of a code (a letter is its own section); null for a code outside the standard's divisions. */
export function industrySection(code: string): string | null {
  if (/^[A-T]$/.test(code)) return code;
  const division = Number(code.slice(0, 2));
  return SECTION_DIVISIONS.find(([, from, to]) => division >= from && division <= to)?.[0] ?? null;
}

export type IndustryMatch = 'exact' | 'parent';

/**
 * How an enterprise's code matches a link's code: `exact` when the enterprise code lies inside the link's (3841 in 3841
 * or 384; any manufacturing code in C); `parent` when it is a coarser code of the link's (38 for 3841) or shares the
 * link's 中类 (3849 for 3841); otherwise null.
 */
export function industryMatch(enterpriseCode: string, linkCode: string): IndustryMatch | null {
  if (/^[A-T]$/.test(linkCode)) return industrySection(enterpriseCode) === linkCode ? 'exact' : null;
  if (/^[A-T]$/.test(enterpriseCode)) return null;
  if (enterpriseCode.startsWith(linkCode)) return 'exact';
  if (linkCode.startsWith(enterpriseCode)) return 'parent';
  if (linkCode.length >= 3 && enterpriseCode.length >= 3 && enterpriseCode.slice(0, 3) === linkCode.slice(0, 3)) return 'parent';
  return null;
}

// ---- region presets ----------------------------------------------------------------------------------------------

/** A priority-region preset: GB/T 2260 codes (province 2 digits + 0000, city 4 digits + 00) or ISO country codes. */
export type RegionPreset = { key: string; nameEn: string; codes: string[] };

/** Whether an HQ (a six-digit GB/T 2260 code, or abroad a country's ISO code) lies in one of the preset's codes. */
export function inRegionPreset(hqRegionCode: string, preset: RegionPreset): boolean {
  return presetPrefixes(preset).some((prefix) => hqRegionCode.startsWith(prefix));
}

/**
 * The HQ-code prefixes a preset covers: a province's 2 digits, a city's 4, a county's 6; a country its own code (a
 * foreign HQ is stored as it, issue 15; no division code begins with a letter).
 */
export function presetPrefixes(preset: RegionPreset): string[] {
  return preset.codes.flatMap((code) =>
    /^\d{6}$/.test(code) ? [code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code] : /^[A-Z]{2}$/.test(code) ? [code] : [],
  );
}

// ---- scoring -----------------------------------------------------------------------------------------------------

/** What the engine knows of one enterprise; the server reads it (relationship counts within the caller's scope only). */
export type CandidateFacts = {
  enterpriseId: number;
  name: string;
  otherNames: string[];
  industryCodes: string[];
  businessScope: string | null;
  sizeBand: TSizeBand | null;
  hqRegionCode: string | null;
  tiers: TierEntry[];
  /** Leads on the enterprise in the caller's unit subtree. */
  visibleLeads: number;
  /** Visits, talks and receptions with the enterprise in the caller's unit subtree. */
  visibleVisits: number;
  /** A local enterprise of the same group tree (its name), or null. */
  groupLocalName: string | null;
};

/** What the scoring needs besides one enterprise: the library's rarity of each term, and the region presets by key. */
export type CandidateContext = {
  /** Document frequency of each of the link's terms (as linkTerms gives them); a term missing counts as found once. */
  documentFrequency: ReadonlyMap<string, number>;
  regionPresets: ReadonlyMap<string, RegionPreset>;
};

const SIZE_NAMES: Record<TSizeBand, [zh: string, en: string]> = {
  large: ['大型', 'large'],
  medium: ['中型', 'medium'],
  small: ['小型', 'small'],
  micro: ['微型', 'micro'],
};

function industryReason(link: TCandidateLink, facts: CandidateFacts, weights: TCandidateWeights): TCandidateReason | null {
  let best: { kind: IndustryMatch; e: string; l: string } | null = null;
  for (const l of link.industryCodes) {
    for (const e of facts.industryCodes) {
      const kind = industryMatch(e, l);
      if (kind && (!best || (best.kind === 'parent' && kind === 'exact'))) best = { kind, e, l };
    }
  }
  if (!best) return null;
  const { kind, e, l } = best;
  const points = weights.industry[kind];
  if (points <= 0) return null;
  if (kind === 'exact') {
    if (e === l) return { factor: 'industry', points, text: `行业代码 ${e} 完全匹配`, textEn: `industry code ${e} matches exactly` };
    return { factor: 'industry', points, text: `行业代码 ${e} 属于环节的 ${l}`, textEn: `industry code ${e} lies within the link's ${l}` };
  }
  if (l.startsWith(e)) return { factor: 'industry', points, text: `行业代码 ${e} 是环节 ${l} 的上级`, textEn: `industry code ${e} is above the link's ${l}` };
  const group = l.slice(0, 3);
  return { factor: 'industry', points, text: `行业代码 ${e} 与环节的 ${l} 同属中类 ${group}`, textEn: `industry code ${e} shares group ${group} with the link's ${l}` };
}

/** The most one term can give: at full saturation (k1 + 1 times one mention) and the term's rarity. */
export function termPointsCeiling(weights: TCandidateWeights, rarity: number): number {
  return weights.keywords.perTerm * rarity * (weights.keywords.saturation + 1);
}

function termPoints(hit: TermHit, weights: TCandidateWeights, context: CandidateContext): number {
  const frequency = hit.inScope + (hit.inName ? 1 : 0);
  return weights.keywords.perTerm * termRarity(context.documentFrequency.get(hit.term) ?? 1) * termSaturation(frequency, weights.keywords.saturation);
}

function keywordsReason(hits: TermHit[], weights: TCandidateWeights, context: CandidateContext): TCandidateReason | null {
  if (weights.keywords.max <= 0 || weights.keywords.perTerm <= 0) return null;
  if (hits.length === 0) return null;
  const sum = hits.reduce((total, hit) => total + termPoints(hit, weights, context), 0);
  const points = Math.round(Math.min(weights.keywords.max, sum));
  if (points <= 0) return null;
  const quoted = (hit: TermHit, times: string) => `'${hit.term}'${hit.inScope > 1 ? times + hit.inScope : ''}`;
  const inScope = hits.filter((h) => h.inScope > 0);
  const inName = hits.filter((h) => h.inName);
  const zh: string[] = [];
  const en: string[] = [];
  if (inScope.length) {
    zh.push('经营范围含' + inScope.map((h) => quoted(h, '×')).join(''));
    en.push('business scope mentions ' + inScope.map((h) => quoted(h, ' ×')).join(', '));
  }
  if (inName.length) {
    zh.push('名称含' + inName.map((h) => `'${h.term}'`).join(''));
    en.push('name contains ' + inName.map((h) => `'${h.term}'`).join(', '));
  }
  return { factor: 'keywords', points, text: zh.join(','), textEn: en.join('; ') };
}

const TIER_ORDER = new Map(TIER_LIST_CODES.map((code, i) => [code, i]));

function tierReason(facts: CandidateFacts, weights: TCandidateWeights): TCandidateReason | null {
  const order = TIER_ORDER;
  let best: { entry: TierEntry; points: number } | null = null;
  for (const entry of facts.tiers) {
    const points = weights.tiers[entry.list] ?? 0;
    if (points <= 0) continue;
    const better =
      !best ||
      points > best.points ||
      (points === best.points && (entry.year > best.entry.year || (entry.year === best.entry.year && order.get(entry.list)! < order.get(best.entry.list)!)));
    if (better) best = { entry, points };
  }
  if (!best) return null;
  return { factor: 'tier', points: best.points, text: tierLabel(best.entry, 'zh'), textEn: tierLabel(best.entry, 'en') };
}

function sizeReason(facts: CandidateFacts, weights: TCandidateWeights): TCandidateReason | null {
  if (!facts.sizeBand) return null;
  const points = weights.size[facts.sizeBand] ?? 0;
  if (points <= 0) return null;
  const [zh, en] = SIZE_NAMES[facts.sizeBand];
  return { factor: 'size', points, text: `规模 ${zh}`, textEn: `size: ${en}` };
}

function regionReason(facts: CandidateFacts, weights: TCandidateWeights, context: CandidateContext): TCandidateReason | null {
  if (!facts.hqRegionCode) return null;
  let best: { preset: RegionPreset; points: number } | null = null;
  for (const { preset: key, points } of weights.regions) {
    const preset = context.regionPresets.get(key);
    if (!preset || points <= 0 || !inRegionPreset(facts.hqRegionCode, preset)) continue;
    if (!best || points > best.points) best = { preset, points };
  }
  if (!best) return null;
  return { factor: 'region', points: best.points, text: `总部 ${best.preset.key}（重点区域）`, textEn: `HQ in ${best.preset.nameEn} (priority region)` };
}

/**
 * The relationship reasons (leads, visits the caller may see), the only part of a score that depends on who asks; in a
 * candidate's reasons they come after the region and before the group's plant nearby.
 */
export function relationshipReasons(facts: Pick<CandidateFacts, 'visibleLeads' | 'visibleVisits'>, weights: TCandidateWeights): TCandidateReason[] {
  const out: TCandidateReason[] = [];
  if (facts.visibleLeads > 0 && weights.relationship.lead > 0)
    out.push({ factor: 'lead', points: weights.relationship.lead, text: `本单位已有线索 ${facts.visibleLeads} 条`, textEn: `${facts.visibleLeads} lead(s) in your units` });
  if (facts.visibleVisits > 0 && weights.relationship.visit > 0)
    out.push({ factor: 'visit', points: weights.relationship.visit, text: `本单位已拜访洽谈 ${facts.visibleVisits} 次`, textEn: `${facts.visibleVisits} visit(s) or talk(s) by your units` });
  return out;
}

/** The link as scoring reads it, prepared once for a whole library. */
type PreparedLink = { link: TCandidateLink; terms: PreparedTerm[] };

function prepareLink(link: TCandidateLink): PreparedLink {
  return { link, terms: prepareTerms(linkTerms(link)) };
}

function hitsOf(prepared: PreparedLink, facts: CandidateFacts): TermHit[] {
  return matchTerms(prepared.terms, { businessScope: facts.businessScope, names: [facts.name, ...facts.otherNames] });
}

function score(prepared: PreparedLink, facts: CandidateFacts, hits: TermHit[], weights: TCandidateWeights, context: CandidateContext): TCandidate {
  const link = prepared.link;
  const reasons: TCandidateReason[] = [];
  const add = (reason: TCandidateReason | null) => {
    if (reason && reason.points > 0) reasons.push(reason);
  };
  add(industryReason(link, facts, weights));
  add(keywordsReason(hits, weights, context));
  add(tierReason(facts, weights));
  add(sizeReason(facts, weights));
  add(regionReason(facts, weights, context));
  relationshipReasons(facts, weights).forEach(add);
  if (facts.groupLocalName)
    add({ factor: 'groupNearby', points: weights.groupNearby, text: `同集团的 ${facts.groupLocalName} 已在本地`, textEn: `${facts.groupLocalName} of the same group is already local` });
  return { enterpriseId: facts.enterpriseId, name: facts.name, score: reasons.reduce((sum, r) => sum + r.points, 0), reasons };
}

/** The enterprise's score for the link and the reasons that make it, in the factors' order. */
export function scoreCandidate(link: TCandidateLink, facts: CandidateFacts, weights: TCandidateWeights, context: CandidateContext): TCandidate {
  const prepared = prepareLink(link);
  return score(prepared, facts, hitsOf(prepared, facts), weights, context);
}

/** Candidates in the order shown: the higher score first, then the lower id. */
export function compareCandidates(a: { score: number; enterpriseId: number }, b: { score: number; enterpriseId: number }): number {
  return b.score - a.score || a.enterpriseId - b.enterpriseId;
}

/**
 * Whether an enterprise is on the link's subject at all: one of its codes matches one of the link's (exact or parent),
 * or its business scope or names contain one of the link's terms. Only these are candidates; the weights then order
 * them (a weight at 0 removes a factor's points, not the candidate).
 */
export function matchesLink(link: TCandidateLink, facts: Pick<CandidateFacts, 'industryCodes' | 'businessScope' | 'name' | 'otherNames'>): boolean {
  return onCodes(link, facts) || matchTerms(linkTerms(link), { businessScope: facts.businessScope, names: [facts.name, ...facts.otherNames] }).length > 0;
}

function onCodes(link: TCandidateLink, facts: Pick<CandidateFacts, 'industryCodes'>): boolean {
  return link.industryCodes.some((l) => facts.industryCodes.some((e) => industryMatch(e, l) !== null));
}

/** Scores the enterprises on the link's subject and keeps the best `limit` that score anything, in order. */
export function rankCandidates(
  link: TCandidateLink,
  facts: CandidateFacts[],
  weights: TCandidateWeights,
  context: CandidateContext,
  limit: number,
): TCandidate[] {
  const prepared = prepareLink(link);
  const scored: TCandidate[] = [];
  for (const f of facts) {
    const hits = hitsOf(prepared, f);
    if (hits.length === 0 && !onCodes(link, f)) continue;
    const candidate = score(prepared, f, hits, weights, context);
    if (candidate.score > 0) scored.push(candidate);
  }
  return scored.sort(compareCandidates).slice(0, limit);
}

/** A reason as one line: "行业代码 3841 完全匹配 +40". */
export function reasonLine(reason: TCandidateReason, language: 'zh' | 'en'): string {
  return `${language === 'zh' ? reason.text : reason.textEn} ${reason.points >= 0 ? '+' : ''}${reason.points}`;
}
