/**
 * Where a project, lead or enterprise sits on the city's chains (issue 14): links suggested from the item's GB/T 4754
 * code(s) and the words of its name, business scope and 本市产业 (local industry), ranked, with the reason; a person then
 * confirms one. Deterministic: the same item and links give the same list in the same order.
 *
 * The rule (docs/decisions.md):
 * - industry code: a link code that is the item's own 4-digit class +40, its 3-digit group +30, its 2-digit division +20;
 *   a link code finer than the item's (the item says 38, the link 3841) +10; the same section letter only +5, which alone
 *   suggests nothing (a section such as C, manufacturing, holds half the economy). The best code match of a link counts.
 * - words: each of the link's name, keywords and products found in the item's texts +10, at most +30;
 * - the item's local industry word naming the link's chain (智能制造 ⊂ 高端装备/智能制造) +5.
 * - A link is suggested with a score ≥ 10 and a code finer than a section or a word found; ranked by score, then the more specific code match, then chain and link order.
 */

export type PlacementItem = {
  /** GB/T 4754 codes of the item (a project's or lead's one, an enterprise's several): section letter or 2–4 digits. */
  industryCodes: string[];
  /** The section letter of each 2–4 digit code (from the classification file): the caller resolves it. */
  sectionOf: (code: string) => string | undefined;
  /** The texts to look for the link's words in: name, business scope, products… */
  texts: string[];
  /** The item's 本市产业 word, when it has one. */
  localIndustry?: string | null;
};

export type PlacementLink = {
  id: number;
  chainId: number;
  chainName: string;
  name: string;
  industryCodes: string[];
  keywords: string[];
  products: string[];
  /** The link's place in its chain's order (segment, then tree order), for ties. */
  order: number;
};

export type PlacementFactor = { factor: 'code' | 'keyword' | 'localIndustry'; points: number; zh: string; en: string };
export type PlacementSuggestion = { linkId: number; chainId: number; score: number; codeDepth: number; factors: PlacementFactor[]; reason: { zh: string; en: string } };

export const MIN_SUGGESTION_SCORE = 10;
const MAX_WORD_POINTS = 30;

type CodeMatch = { depth: number; points: number; zh: string; en: string };

/** How well one link code fits one item code; undefined when they do not meet. */
export function codeMatch(itemCode: string, linkCode: string, sectionOf: (code: string) => string | undefined): CodeMatch | undefined {
  if (/^[A-T]$/.test(linkCode)) {
    const section = /^[A-T]$/.test(itemCode) ? itemCode : sectionOf(itemCode);
    if (section !== linkCode) return undefined;
    return { depth: 1, points: 5, zh: `行业门类 ${linkCode} 相同 +5`, en: `same industry section ${linkCode} +5` };
  }
  if (/^[A-T]$/.test(itemCode)) return undefined;
  if (itemCode.startsWith(linkCode)) {
    const depth = linkCode.length;
    const points = depth === 4 ? 40 : depth === 3 ? 30 : 20;
    if (itemCode === linkCode) return { depth, points, zh: `行业代码 ${itemCode} 完全匹配 +${points}`, en: `industry code ${itemCode} matches exactly +${points}` };
    return { depth, points, zh: `行业代码 ${itemCode} 属于 ${linkCode} +${points}`, en: `industry code ${itemCode} falls under ${linkCode} +${points}` };
  }
  if (linkCode.startsWith(itemCode)) {
    return { depth: itemCode.length, points: 10, zh: `行业代码 ${itemCode} 包含 ${linkCode} +10`, en: `industry code ${itemCode} covers ${linkCode} +10` };
  }
  return undefined;
}

/** Text as compared: NFKC (full-width letters and digits as half-width), lower case, no spaces. */
function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function wordsOf(link: PlacementLink): string[] {
  const seen = new Set<string>();
  return [link.name, ...link.keywords, ...link.products].filter((word) => {
    const key = comparable(word);
    if (key.length < 2 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function suggestPlacements(item: PlacementItem, links: PlacementLink[], limit = 5): PlacementSuggestion[] {
  const texts = item.texts.filter((t) => t.trim()).map(comparable);
  const local = item.localIndustry ? comparable(item.localIndustry) : '';
  const out: PlacementSuggestion[] = [];
  for (const link of links) {
    const factors: PlacementFactor[] = [];
    let best: CodeMatch | undefined;
    for (const itemCode of item.industryCodes) {
      for (const linkCode of link.industryCodes) {
        const match = codeMatch(itemCode, linkCode, item.sectionOf);
        if (match && (!best || match.points > best.points)) best = match;
      }
    }
    if (best) factors.push({ factor: 'code', points: best.points, zh: best.zh, en: best.en });
    let wordPoints = 0;
    for (const word of wordsOf(link)) {
      if (wordPoints >= MAX_WORD_POINTS) break;
      if (!texts.some((t) => t.includes(comparable(word)))) continue;
      wordPoints += 10;
      factors.push({ factor: 'keyword', points: 10, zh: `含“${word}” +10`, en: `mentions "${word}" +10` });
    }
    if (local.length >= 2 && comparable(link.chainName).includes(local)) {
      factors.push({ factor: 'localIndustry', points: 5, zh: `本市产业“${item.localIndustry}”属于${link.chainName} +5`, en: `local industry "${item.localIndustry}" is of chain ${link.chainName} +5` });
    }
    const score = factors.reduce((sum, f) => sum + f.points, 0);
    const evidence = (best !== undefined && best.depth > 1) || factors.some((f) => f.factor === 'keyword');
    if (score < MIN_SUGGESTION_SCORE || !evidence) continue;
    out.push({
      linkId: link.id,
      chainId: link.chainId,
      score,
      codeDepth: best?.depth ?? 0,
      factors,
      reason: { zh: factors.map((f) => f.zh).join('；'), en: factors.map((f) => f.en).join('; ') },
    });
  }
  const order = new Map(links.map((l) => [l.id, l]));
  out.sort(
    (a, b) =>
      b.score - a.score ||
      b.codeDepth - a.codeDepth ||
      a.chainId - b.chainId ||
      order.get(a.linkId)!.order - order.get(b.linkId)!.order ||
      a.linkId - b.linkId,
  );
  return out.slice(0, limit);
}
