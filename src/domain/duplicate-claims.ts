/**
 * Duplicate claims across units (issue 17, domain.md §3 "count once", §8): two units recording the same investment
 * as two projects. A pair of projects of different units gets a score in 0…1 and the reasons behind it, as data; the
 * bureau's review queue shows them ("同一投资方 91…；名称相似 0.86；金额相同"). Pure: the server hands over the facts.
 *
 * Every weight is in thousandths and added as integers, so a score is exact and the same whichever way round the
 * pair is read.
 */
import { compareEnterpriseNames } from './enterprise-names.ts';
import { daysBetween, type IsoDate } from './calendar.ts';

export type ClaimFacts = {
  id: number;
  unitId: number;
  name: string;
  investorEnterpriseId: number;
  investorName: string;
  investorCreditCode: string | null;
  /** The investor's ultimate parent (itself when it has none). */
  investorGroupId: number;
  /** 合同投资 or, without one, 总投资, in whole 元. */
  amountYuan: number | null;
  industryCode: string | null;
  /** The signing day or, before signing, the day it was recorded. */
  claimedOn: IsoDate | null;
};

export type DuplicateReason =
  | { kind: 'sameInvestor'; creditCode: string | null }
  | { kind: 'sameGroup' }
  | { kind: 'sameInvestorName' }
  | { kind: 'similarInvestorName' }
  /** Similarity of the normalised project names in thousandths. */
  | { kind: 'similarName'; similarity: number }
  | { kind: 'sameAmount' }
  /** The smaller amount's gap to the larger, in percent of the larger, rounded up. */
  | { kind: 'closeAmount'; differencePercent: number }
  | { kind: 'sameIndustry'; code: string }
  | { kind: 'relatedIndustry'; code: string }
  | { kind: 'closeDates'; days: number };

export type DuplicateScore = {
  /** 0…1000: thousandths. */
  scorePermille: number;
  reasons: DuplicateReason[];
};

export type DuplicateOptions = {
  /** Place names to strip from project names (the city's unit names): "襄州区宁德时代电池项目" is "宁德时代电池". */
  placeNames?: readonly string[];
  /** Amounts within this many percent of each other are close (default 10). */
  amountTolerancePercent?: number;
  /** Claims within this many days of each other are close (default 90). */
  closeDays?: number;
};

/** A pair at or above this score is proposed to the bureau. */
export const DUPLICATE_THRESHOLD_PERMILLE = 500;

export const DUPLICATE_WEIGHTS = {
  sameInvestor: 400,
  sameGroup: 250,
  sameInvestorName: 300,
  similarInvestorName: 200,
  /** Times the name similarity (0…1); only from MIN_NAME_SIMILARITY up. */
  similarName: 350,
  sameAmount: 150,
  closeAmount: 100,
  sameIndustry: 60,
  relatedIndustry: 30,
  closeDates: 30,
} as const;
export const MIN_NAME_SIMILARITY_PERMILLE = 500;
// One investor, one industry and close dates alone (490) stay below the line: a group often invests twice in a
// quarter. A shared amount or a similar name tips it over.

/** Full-width ASCII to half-width, lower case, without spaces and punctuation. */
function plain(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s\u3000·.,，。、;；:：'"“”‘’()（）【】\[\]《》<>\-—_/\\|!！?？#&+]/g, '');
}

/** Legal forms and words every project name has: they say nothing about which investment it is. */
const FILLER_WORDS = [
  '股份有限公司', '有限责任公司', '有限公司', '集团公司', '总公司', '股份', '集团', '公司',
  '项目', '工程', '建设', '新建', '扩建', '续建', '一期', '二期', '三期', '四期', '首期', '基地', '年产',
];
const PLACE_SUFFIXES = /(高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|产业园区|工业园区|园区|新区|自治县|县|市|区|镇|乡|街道)$/;

/** The short forms everybody uses for development zones (as unit-matching.ts reads them). */
function zoneShortForm(name: string): string {
  return name.replace(/高新技术产业开发区|高新技术开发区/, '高新区').replace(/经济技术开发区|经济开发区/, '经开区');
}

/** The place words to strip for some unit names: each name and its stem ("襄州区" and "襄州"), longest first. */
export function placeWords(names: readonly string[]): string[] {
  const words = new Set<string>();
  for (const name of names) {
    const text = plain(name);
    for (const form of new Set([text, zoneShortForm(text)])) {
      if (form.length >= 2) words.add(form);
      const stem = form.replace(PLACE_SUFFIXES, '');
      if (stem.length >= 2 && stem !== form) words.add(stem);
    }
  }
  return [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** The distinctive part of a project name: plain, without place names, legal forms and filler words. */
export function projectNameCore(name: string, places: readonly string[] = []): string {
  let text = plain(name);
  for (const word of places) if (word) text = text.split(word).join('');
  for (const word of FILLER_WORDS) text = text.split(word).join('');
  return text;
}

/** The name core's character bigrams (a one-character core is its own bigram), without repeats. */
export function nameBigrams(core: string): string[] {
  const chars = [...core];
  if (chars.length === 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** Dice's coefficient of two cores' bigram sets, in thousandths (rounded down). */
export function nameSimilarityPermille(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a === b) return 1000;
  const x = new Set(nameBigrams(a));
  const y = nameBigrams(b);
  const shared = y.filter((g) => x.has(g)).length;
  return Math.floor((2000 * shared) / (x.size + y.length));
}

function industryReason(a: string | null, b: string | null): DuplicateReason | null {
  if (!a || !b) return null;
  if (a === b) return { kind: 'sameIndustry', code: a };
  // The parent: one code inside the other, or the same division (the first two digits).
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(short)) return { kind: 'relatedIndustry', code: short };
  if (/^\d{2}/.test(a) && a.slice(0, 2) === b.slice(0, 2)) return { kind: 'relatedIndustry', code: a.slice(0, 2) };
  return null;
}

const WEIGHT_OF = (reason: DuplicateReason): number => {
  switch (reason.kind) {
    case 'similarName':
      return Math.floor((DUPLICATE_WEIGHTS.similarName * reason.similarity) / 1000);
    default:
      return DUPLICATE_WEIGHTS[reason.kind];
  }
};

/**
 * How likely two projects are one investment claimed twice. Null for two projects of one unit (never a candidate:
 * a unit's own double entry is its ledger's business, not the bureau's 甄别) or a project with itself.
 */
export function scoreDuplicateClaim(a: ClaimFacts, b: ClaimFacts, options: DuplicateOptions = {}): DuplicateScore | null {
  if (a.unitId === b.unitId || a.id === b.id) return null;
  const reasons: DuplicateReason[] = [];
  // The investor: one enterprise (or one credit code), else one group, else the same name written twice.
  const sameCode = !!a.investorCreditCode && a.investorCreditCode === b.investorCreditCode;
  if (a.investorEnterpriseId === b.investorEnterpriseId || sameCode) {
    reasons.push({ kind: 'sameInvestor', creditCode: [a.investorCreditCode, b.investorCreditCode].filter((c): c is string => !!c).sort()[0] ?? null });
  } else if (a.investorGroupId === b.investorGroupId) {
    reasons.push({ kind: 'sameGroup' });
  } else {
    const match = compareEnterpriseNames(a.investorName, b.investorName);
    if (match === 'same') reasons.push({ kind: 'sameInvestorName' });
    else if (match === 'similar') reasons.push({ kind: 'similarInvestorName' });
  }
  const places = options.placeNames ?? [];
  const similarity = nameSimilarityPermille(projectNameCore(a.name, places), projectNameCore(b.name, places));
  if (similarity >= MIN_NAME_SIMILARITY_PERMILLE) reasons.push({ kind: 'similarName', similarity });
  if (a.amountYuan !== null && b.amountYuan !== null && a.amountYuan > 0 && b.amountYuan > 0) {
    const [low, high] = a.amountYuan <= b.amountYuan ? [a.amountYuan, b.amountYuan] : [b.amountYuan, a.amountYuan];
    const gapPercent = Math.ceil(((high - low) * 100) / high);
    if (low === high) reasons.push({ kind: 'sameAmount' });
    else if (gapPercent <= (options.amountTolerancePercent ?? 10)) reasons.push({ kind: 'closeAmount', differencePercent: gapPercent });
  }
  const industry = industryReason(a.industryCode, b.industryCode);
  if (industry) reasons.push(industry);
  if (a.claimedOn && b.claimedOn) {
    const days = Math.abs(daysBetween(a.claimedOn, b.claimedOn));
    if (days <= (options.closeDays ?? 90)) reasons.push({ kind: 'closeDates', days });
  }
  const scorePermille = Math.min(1000, reasons.reduce((sum, reason) => sum + WEIGHT_OF(reason), 0));
  return { scorePermille, reasons };
}

export function isDuplicateCandidate(score: DuplicateScore | null): score is DuplicateScore {
  return !!score && score.scorePermille >= DUPLICATE_THRESHOLD_PERMILLE;
}

/** The pair's key: the smaller project id first. */
export function pairKey(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}

const thousandths = (n: number) => (n / 1000).toFixed(2);
const shortCode = (code: string | null) => (code ? ` ${code.slice(0, 6)}…` : '');

export function describeReason(reason: DuplicateReason, language: 'zh-CN' | 'en'): string {
  const zh = language === 'zh-CN';
  switch (reason.kind) {
    case 'sameInvestor':
      return (zh ? '同一投资方' : 'same investor') + shortCode(reason.creditCode);
    case 'sameGroup':
      return zh ? '同一集团' : 'same group';
    case 'sameInvestorName':
      return zh ? '投资方名称相同' : 'same investor name';
    case 'similarInvestorName':
      return zh ? '投资方名称相近' : 'similar investor names';
    case 'similarName':
      return `${zh ? '名称相似' : 'names similar'} ${thousandths(reason.similarity)}`;
    case 'sameAmount':
      return zh ? '金额相同' : 'same amount';
    case 'closeAmount':
      return zh ? `金额相差 ${reason.differencePercent}%` : `amounts within ${reason.differencePercent}%`;
    case 'sameIndustry':
      return zh ? `同一行业 ${reason.code}` : `same industry ${reason.code}`;
    case 'relatedIndustry':
      return zh ? `同一大类行业 ${reason.code}` : `related industry ${reason.code}`;
    case 'closeDates':
      return zh ? `日期相隔 ${reason.days} 天` : `${reason.days} days apart`;
  }
}

/** "同一投资方 913509…；名称相似 0.86；金额相同" / "same investor 913509…; names similar 0.86; same amount". */
export function describeReasons(reasons: readonly DuplicateReason[], language: 'zh-CN' | 'en'): string {
  return reasons.map((r) => describeReason(r, language)).join(language === 'zh-CN' ? '；' : '; ');
}

export function formatScore(scorePermille: number): string {
  return thousandths(scorePermille);
}
