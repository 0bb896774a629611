/**
 * Keyword matching for whom to attract (issue 14): a link's own keywords and products counted in an enterprise's
 * business scope and names. No word segmentation: the terms are short Chinese phrases the bureau wrote, and counting
 * them as substrings finds exactly what was asked — a segmenter would split 正极材料 into 正极 / 材料 and then either
 * miss the phrase or match its halves (docs/decisions.md, "Whom to attract: keyword matching").
 *
 * The database finds the enterprises that may contain a term through character pairs (bigrams) with GIN indexes: the
 * names' pairs in `enterprises.search_tokens` (src/domain/enterprise-search.ts) and the business scope's in
 * `enterprises.scope_tokens` (migration, `enterprise_scope_bigrams`). A term found here as a substring always has all
 * its pairs there, so the index never loses a match; the count here is exact.
 */
import { searchNormalize } from '../enterprise-search.ts';

/** The business scope's form for matching, the same as the SQL's `lower(normalize(scope, NFKC))`. */
export function scopeForm(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A name's form for matching, the same as its search tokens: NFKC, lower case, letters and digits only. */
export function nameForm(text: string): string {
  return searchNormalize(text).chars.join('');
}

/** The character pairs of a text, by code point; none for a single character. */
export function bigramsOf(text: string): string[] {
  const chars = [...text];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

/** How many times `term` occurs in `text`, without overlaps ("锂电池锂电池" has 锂电池 twice). */
export function countOccurrences(text: string, term: string): number {
  if (!term) return 0;
  let count = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) count++;
  return count;
}

/** The link's terms: its keywords and products, trimmed, each once, in the order written. */
export function linkTerms(link: { keywords: string[]; products: string[] }): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of [...link.keywords, ...link.products]) {
    const term = raw.trim();
    const key = scopeForm(term);
    if (!term || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}

/**
 * A tsquery (text form, for a `::tsquery` cast) that every text containing `term` matches: the AND of its pairs in the
 * given form; null when the term has no pair (a single character), which then cannot narrow a search.
 */
export function termTsquery(term: string, form: (text: string) => string): string | null {
  const pairs = bigramsOf(form(term)).filter((pair) => !/['\\]/.test(pair));
  if (pairs.length === 0) return null;
  return pairs.map((pair) => "'" + pair + "'").join(' & ');
}

/** Where a term was found in one enterprise: occurrences in its business scope, and whether a name holds it. */
export type TermHit = { term: string; inScope: number; inName: boolean };

/** A term in both matching forms, computed once for a whole library. */
export type PreparedTerm = { term: string; scope: string; name: string };

export function prepareTerms(terms: string[]): PreparedTerm[] {
  return terms.map((term) => ({ term, scope: scopeForm(term), name: nameForm(term) }));
}

/** Each of the link's terms that the enterprise's business scope or names contain, with how often. */
export function matchTerms(terms: string[] | PreparedTerm[], enterprise: { businessScope: string | null; names: string[] }): TermHit[] {
  const prepared = terms.map((t) => (typeof t === 'string' ? prepareTerms([t])[0]! : t));
  const scope = scopeForm(enterprise.businessScope ?? '');
  let names: string[] | null = null;
  const hits: TermHit[] = [];
  for (const { term, scope: asScope, name: asName } of prepared) {
    const inScope = countOccurrences(scope, asScope);
    names ??= enterprise.names.map(nameForm);
    const inName = asName.length > 0 && names.some((name) => name.includes(asName));
    if (inScope > 0 || inName) hits.push({ term, inScope, inName });
  }
  return hits;
}

/**
 * The rarity of a term in (0, 1]: 1 / (1 + log10 df), where df is how many enterprises of the library may contain it
 * (at least 1). Found in 1 enterprise: 1; in 10: 0.5; in 100: 0.33; in 1,000 or more (the count stops there): 0.25.
 */
export const DF_CAP = 1000;
export function termRarity(documentFrequency: number): number {
  return 1 / (1 + Math.log10(Math.min(DF_CAP, Math.max(1, documentFrequency))));
}

/**
 * BM25's term-frequency saturation tf·(k1+1)/(tf+k1): one mention counts 1, repeats add less and less, never beyond
 * k1+1 (SATURATION_CEILING); k1 = 0 counts the first mention only.
 */
export function termSaturation(termFrequency: number, k1: number): number {
  if (termFrequency <= 0) return 0;
  return (termFrequency * (k1 + 1)) / (termFrequency + k1);
}
