/**
 * Finding an enterprise (issue 13): the search document of an enterprise, the reading of what the user typed, and how a
 * hit is ranked and highlighted. Pure: the server stores the tokens as a tsvector (array_to_tsvector, no parser and no
 * extension) and asks a GIN index; these rules decide what goes in and what comes out.
 *
 * Tokens (lexemes, lower case, letters and digits only after NFKC):
 * - every character bigram of every name ("宁德时代" → 宁德 德时 时代): a substring of 2+ characters is the AND of its
 *   bigrams, rechecked exactly on the few candidates;
 * - `p.` + the full pinyin from each syllable on but the first (capped at PINYIN_TOKEN_MAX letters) and `i.` + the
 *   initials from each syllable on but the first (capped at INITIALS_TOKEN_MAX): pinyin inside a name is a prefix query
 *   (`'p.huaxin':*`), cheap there since what follows a brand (the industry word, the legal form) varies little;
 * - from the first syllable of a name: `p^` / `i^` (the main name; also tells ranking the pinyin starts the name) or
 *   `p~` / `i~` (its other names) + the same, and `p=` / `i=` + every prefix of 2…START_PINYIN_PREFIX_MAX letters of
 *   its pinyin (2…START_INITIALS_PREFIX_MAX of its initials). A name's start is where the pinyin is most diverse
 *   (region + brand + …: a prefix range `'p.shenzhen':*` over 1,000,000 names walked some 30,000 distinct keys), so a
 *   short query from the start is one exact key (`'p=shenzhen'`); a longer one a range over the few names that share
 *   that many letters;
 * - `c.` + the credit code (its prefixes are found by a btree index on the code, not here).
 * When these rules change, ENTERPRISE_SEARCH_VERSION goes up and the server re-derives every document at start.
 */
import { pinyin } from 'pinyin-pro';

export const PINYIN_TOKEN_MAX = 20;
export const INITIALS_TOKEN_MAX = 8;
export const START_PINYIN_PREFIX_MAX = 12;
export const START_INITIALS_PREFIX_MAX = 6;
/**
 * The version of the token rules above (1: issue 13's first; 2: exact prefix keys of a name's start; 3: the main name's
 * pinyin and initials as plain text beside the document, see namePinyinKeys).
 */
export const ENTERPRISE_SEARCH_VERSION = 3;

/** Rank classes: lower is better. Within a class, the tier weight, then the shorter name, come first. */
export const MATCH_EXACT = 0;
export const MATCH_PREFIX = 1;
export const MATCH_CONTAINS = 2;

const HAN = /\p{Script=Han}/u;
const KEEP = /[\p{L}\p{N}]/u;
const PLAIN = /^[0-9A-Za-z\u4e00-\u9fff]$/u;

export type Normalized = {
  /** NFKC, lower case, letters and digits only, one array element per code point. */
  chars: string[];
  /** For each kept code point, its [start, end) in the original string (UTF-16 indexes). */
  spans: Array<[number, number]>;
};

/** The searchable form of a name or query, with a map back to the original for highlighting. */
export function searchNormalize(text: string): Normalized {
  const chars: string[] = [];
  const spans: Array<[number, number]> = [];
  let index = 0;
  for (const original of text) {
    const start = index;
    index += original.length;
    if (PLAIN.test(original)) {
      // Han characters and ASCII letters and digits, by far the most: NFKC leaves them as they are.
      chars.push(original.toLowerCase());
      spans.push([start, index]);
      continue;
    }
    for (const c of original.normalize('NFKC').toLowerCase()) {
      if (KEEP.test(c)) {
        chars.push(c);
        spans.push([start, index]);
      }
    }
  }
  return { chars, spans };
}

/** Pinyin syllables of normalized characters: one per character (a letter or digit stands for itself). */
export function pinyinSyllables(chars: string[]): string[] {
  if (!chars.some((c) => HAN.test(c))) return chars;
  const syllables = pinyin(chars.join(''), { type: 'array', toneType: 'none', v: true }) as string[];
  // pinyin-pro gives one element per character; guard against a library change rather than mis-highlight.
  if (syllables.length !== chars.length) return chars.map((c) => (HAN.test(c) ? (pinyin(c, { toneType: 'none', v: true }) as string) : c));
  return syllables.map((s) => s.toLowerCase());
}

function bigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Every prefix of 2…max code points of `letters`, each after `marker`. */
function prefixTokens(marker: string, letters: string[], max: number): string[] {
  const out: string[] = [];
  for (let length = 2; length <= Math.min(max, letters.length); length++) out.push(marker + letters.slice(0, length).join(''));
  return out;
}

/**
 * The pinyin tokens of a name from its syllables. Each syllable's code points are split once and each token is built
 * from the few syllables it needs (at most PINYIN_TOKEN_MAX letters): joining the whole rest of the name at every
 * syllable cost a long list's commit seconds (issue 13).
 */
function pinyinTokens(syllables: string[], main: boolean): string[] {
  const points = syllables.map((s) => [...s]);
  const firsts = points.map((p) => p[0] ?? '');
  const out: string[] = [];
  for (let i = 0; i < points.length; i++) {
    // By code points: a character outside the BMP stands for itself and must not be cut into a lone surrogate,
    // which PostgreSQL refuses as text.
    let full = '';
    let letters = 0;
    for (let j = i; j < points.length && letters < PINYIN_TOKEN_MAX; j++) {
      for (const c of points[j]!) {
        if (letters === PINYIN_TOKEN_MAX) break;
        full += c;
        letters++;
      }
    }
    const initials = firsts.slice(i, i + INITIALS_TOKEN_MAX).join('');
    if (i > 0) out.push('p.' + full, 'i.' + initials);
    else {
      out.push((main ? 'p^' : 'p~') + full, (main ? 'i^' : 'i~') + initials);
      const start: string[] = [];
      for (let j = 0; j < points.length && start.length < START_PINYIN_PREFIX_MAX; j++) start.push(...points[j]!);
      out.push(...prefixTokens('p=', start, START_PINYIN_PREFIX_MAX), ...prefixTokens('i=', firsts, START_INITIALS_PREFIX_MAX));
    }
  }
  return out;
}

/**
 * The bigrams a query asks the index for: all of a short query's; of a long one (a whole name), every other one from
 * the start and the last, at most QUERY_BIGRAMS_MAX — the region and brand at the start are the rare ones, the legal
 * form at the end is in every name. The exact recheck makes up for the ones left out.
 */
export const QUERY_BIGRAMS_MAX = 6;
export function queryBigrams(chars: string[]): string[] {
  const all = bigrams(chars);
  if (all.length <= 3) return all;
  const picked: string[] = [];
  for (let i = 0; i < all.length && picked.length < QUERY_BIGRAMS_MAX - 1; i += 2) picked.push(all[i]!);
  if (!picked.includes(all[all.length - 1]!)) picked.push(all[all.length - 1]!);
  return picked;
}

export type EnterpriseSearchInput = { name: string; otherNames: string[]; creditCode: string | null };

/**
 * The main name's full pinyin and initials as plain text ('ningdeshidaixinnengyuan…', 'ndsdxny…'), stored beside the
 * search document with a btree index: a query typed from a name's start is then a range of one index read in order and
 * stopped at the search's cap. A common start (a city: ningde, shenzhen — tens of thousands of names) asked of the GIN
 * index is a bitmap of every one of them before the first row is read. Null for a name with no Han character (its
 * letters are searched as they are).
 */
export function namePinyinKeys(name: string): { pinyin: string; initials: string } | null {
  const { chars } = searchNormalize(name);
  if (!chars.some((c) => HAN.test(c))) return null;
  return pinyinKeysOf(pinyinSyllables(chars));
}

function pinyinKeysOf(syllables: string[]): { pinyin: string; initials: string } {
  return { pinyin: syllables.join(''), initials: syllables.map((s) => [...s][0] ?? '').join('') };
}

/** The enterprise's search document: space-separated lexemes, stored with array_to_tsvector(string_to_array(…, ' ')). */
export function enterpriseSearchTokens(input: EnterpriseSearchInput): string {
  return enterpriseSearchDocument(input).tokens;
}

/**
 * The search document and the main name's pinyin keys (namePinyinKeys) together: each name is normalised and read as
 * pinyin once for both.
 */
export function enterpriseSearchDocument(input: EnterpriseSearchInput): { tokens: string; keys: { pinyin: string; initials: string } | null } {
  const tokens = new Set<string>();
  let keys: { pinyin: string; initials: string } | null = null;
  const names = [input.name, ...input.otherNames];
  names.forEach((name, n) => {
    const { chars } = searchNormalize(name);
    for (const b of bigrams(chars)) tokens.add(b);
    if (!chars.some((c) => HAN.test(c))) return;
    const syllables = pinyinSyllables(chars);
    for (const t of pinyinTokens(syllables, n === 0)) tokens.add(t);
    if (n === 0) keys = pinyinKeysOf(syllables);
  });
  if (input.creditCode) tokens.add('c.' + input.creditCode.toLowerCase());
  return { tokens: [...tokens].join(' '), keys };
}

export type EnterpriseQuery = {
  /** The query as normalized characters, joined. */
  text: string;
  /** A tsquery (text form, for a ::tsquery cast) finding candidates by tokens; null when the query is too short. */
  tsquery: string | null;
  /** A tsquery telling a pinyin prefix of the main name; null unless the query may be pinyin. */
  pinyinStartTsquery: string | null;
  /** The query as letters that may start a main name's pinyin or initials (see namePinyinKeys); null otherwise. */
  pinyinPrefix: string | null;
  /** Upper-case credit code prefix when the query may be one. */
  creditCodePrefix: string | null;
  /** The query as the user typed it, trimmed: for exact and prefix matches of the name by btree. */
  raw: string;
};

const CODE_PREFIX = /^[0-9A-HJ-NPQRTUWXY]{2,18}$/;
const LATIN = /^[a-z]+$/;

function lexeme(text: string, prefix = false): string {
  // Lexemes hold letters, digits and our own markers only; quoting keeps the tsquery parser from reading them.
  return "'" + text.replace(/['\\]/g, '') + "'" + (prefix ? ':*' : '');
}

/** Reads what the user typed: which token queries to run and whether it may be a credit-code prefix. */
export function parseEnterpriseQuery(q: string): EnterpriseQuery {
  const raw = q.trim();
  const { chars } = searchNormalize(raw);
  const text = chars.join('');
  const alternatives: string[] = [];
  if (chars.length >= 2) alternatives.push('(' + queryBigrams(chars).map((b) => lexeme(b)).join(' & ') + ')');
  let pinyinStartTsquery: string | null = null;
  if (LATIN.test(text) && text.length >= 2) {
    const pinyinText = text.slice(0, PINYIN_TOKEN_MAX);
    const initialsText = text.slice(0, INITIALS_TOKEN_MAX);
    // From a name's start: one exact key while the query is short, else a range over the names sharing that much.
    alternatives.push(
      text.length <= START_PINYIN_PREFIX_MAX ? lexeme('p=' + text) : lexeme('p^' + pinyinText, true) + ' | ' + lexeme('p~' + pinyinText, true),
      text.length <= START_INITIALS_PREFIX_MAX ? lexeme('i=' + text) : lexeme('i^' + initialsText, true) + ' | ' + lexeme('i~' + initialsText, true),
    );
    // Inside a name.
    alternatives.push(lexeme('p.' + pinyinText, true), lexeme('i.' + initialsText, true));
    pinyinStartTsquery = lexeme('p^' + text.slice(0, PINYIN_TOKEN_MAX), true) + ' | ' + lexeme('i^' + text.slice(0, INITIALS_TOKEN_MAX), true);
  }
  const upper = raw.replace(/\s+/g, '').toUpperCase();
  const creditCodePrefix = CODE_PREFIX.test(upper) && /\d/.test(upper) ? upper : null;
  if (creditCodePrefix && creditCodePrefix.length === 18) alternatives.push(lexeme('c.' + creditCodePrefix.toLowerCase()));
  const pinyinPrefix = pinyinStartTsquery ? text : null;
  return { raw, text, tsquery: alternatives.length ? alternatives.join(' | ') : null, pinyinStartTsquery, pinyinPrefix, creditCodePrefix };
}

export type SearchCandidate = { name: string; otherNames: string[]; creditCode: string | null };
export type MatchField = 'name' | 'otherName' | 'creditCode';
export type EnterpriseMatch = {
  rank: number;
  field: MatchField;
  /** The string the ranges apply to: the name, the other name that matched, or the credit code. */
  text: string;
  ranges: Array<[number, number]>;
};

function substringMatch(query: string, name: string): { at: number; length: number; ranges: Array<[number, number]> } | null {
  if (!query) return null;
  const n = searchNormalize(name);
  const haystack = n.chars.join('');
  const found = haystack.indexOf(query);
  if (found < 0) return null;
  // indexOf counts UTF-16 units; chars are code points: convert.
  const first = [...haystack.slice(0, found)].length;
  const count = [...query].length;
  return { at: first, length: n.chars.length, ranges: mergeRanges(n.spans.slice(first, first + count)) };
}

function pinyinMatch(query: string, name: string): { at: number; ranges: Array<[number, number]> } | null {
  const n = searchNormalize(name);
  if (!n.chars.some((c) => HAN.test(c))) return null;
  const syllables = pinyinSyllables(n.chars);
  for (let i = 0; i < syllables.length; i++) {
    for (const initialsOnly of [false, true]) {
      let covered = 0;
      let j = i;
      let ok = true;
      while (covered < query.length && j < syllables.length) {
        const piece = initialsOnly ? syllables[j]![0]! : syllables[j]!;
        const rest = query.slice(covered);
        if (rest.startsWith(piece)) covered += piece.length;
        else if (piece.startsWith(rest)) covered = query.length;
        else {
          ok = false;
          break;
        }
        j++;
      }
      if (ok && covered >= query.length) return { at: i, ranges: mergeRanges(n.spans.slice(i, j)) };
    }
  }
  return null;
}

function mergeRanges(spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [s, e] of spans) {
    const last = out[out.length - 1];
    if (last && last[1] === s) last[1] = e;
    else out.push([s, e]);
  }
  return out;
}

/** What the token index said of a latin query: pinyin from the start of the name, inside a name, or not pinyin. */
export type PinyinHint = 'start' | 'inside' | 'none';

/**
 * How a candidate matches the query, or null when it does not (the token query's false positives are dropped here):
 * exact name or other name, then a prefix of one of them (pinyin included), then anything inside. The ranges are
 * [start, end) in `text`, for highlighting.
 */
export function matchEnterprise(query: EnterpriseQuery, candidate: SearchCandidate, pinyinHint?: PinyinHint): EnterpriseMatch | null {
  const names: Array<{ field: MatchField; text: string }> = [
    { field: 'name', text: candidate.name },
    ...candidate.otherNames.map((text) => ({ field: 'otherName' as const, text })),
  ];
  let best: EnterpriseMatch | null = null;
  const consider = (m: EnterpriseMatch) => {
    if (!best || m.rank < best.rank || (m.rank === best.rank && best.field !== 'name' && m.field === 'name')) best = m;
  };
  for (const { field, text } of names) {
    const sub = substringMatch(query.text, text);
    if (sub) consider({ rank: sub.at > 0 ? MATCH_CONTAINS : sub.length === [...query.text].length ? MATCH_EXACT : MATCH_PREFIX, field, text, ranges: sub.ranges });
  }
  if (query.creditCodePrefix && candidate.creditCode?.startsWith(query.creditCodePrefix)) {
    consider({ rank: MATCH_PREFIX, field: 'creditCode', text: candidate.creditCode, ranges: [[0, query.creditCodePrefix.length]] });
  }
  const current = best as EnterpriseMatch | null;
  if ((current && current.rank <= MATCH_PREFIX) || !LATIN.test(query.text) || query.text.length < 2) return current;
  if (pinyinHint) {
    // Ranking many candidates: the index already told whether the pinyin starts the name; ranges come later.
    if (pinyinHint !== 'none') consider({ rank: pinyinHint === 'start' ? MATCH_PREFIX : MATCH_CONTAINS, field: 'name', text: candidate.name, ranges: [] });
    return best;
  }
  for (const { field, text } of names) {
    const py = pinyinMatch(query.text, text);
    if (py) consider({ rank: py.at === 0 ? MATCH_PREFIX : MATCH_CONTAINS, field, text, ranges: py.ranges });
  }
  return best;
}

/** Tier weights for ranking within a match class (tier list codes of the enterprise library). */
export const TIER_SEARCH_WEIGHT: Record<string, number> = {
  fortune_global_500: 100,
  central_soe: 80,
  china_500: 70,
  private_500: 60,
  unicorn: 55,
  listed: 50,
  industry_leader: 45,
  little_giant: 40,
  soe: 35,
  high_tech: 20,
  srdi: 15,
};

export type RankedCandidate = { match: EnterpriseMatch; tierWeight: number; name: string; id: number };

/** Exact, then prefix, then the rest; within each, the higher tier, the shorter name, the older record. */
export function compareRanked(a: RankedCandidate, b: RankedCandidate): number {
  return a.match.rank - b.match.rank || b.tierWeight - a.tierWeight || a.name.length - b.name.length || a.id - b.id;
}
