/**
 * Finding a project by a piece of its name (issue 19), without a database extension. `projects.search_bigrams`
 * (migration 0049, a generated column kept out of the Drizzle table) holds every two-character piece of the lower-cased
 * name and code name; `zs_project_name_query(term)` is the AND of the term's pieces. A name holding the term holds all its
 * pieces, so the GIN index yields every row the ILIKE would find, and a few more that the ILIKE beside it then drops:
 * the answer is exactly the substring match it always was (case-insensitive for Latin letters, as ILIKE is). A term of
 * one character has no piece: the ILIKE alone decides, over the rows the other filters leave.
 */
import { and, eq, ilike, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { projects } from '../db/schema.ts';
import { containsPattern } from '../db/search.ts';

/** The shortest term the index can serve. */
export const INDEXED_TERM_MIN = 2;

/** Whether the index can serve a search for this term. */
export function isIndexedTerm(text: string): boolean {
  return [...text].length >= INDEXED_TERM_MIN;
}

/**
 * The condition that narrows a name search to its candidates through the index, or undefined for a term too short
 * for it. A caller preparing statements binds the term through `bind`, called only when the condition is there, so
 * that the two shapes never share a statement.
 */
export function nameSearchCandidates(text: string, bind: (term: string) => SQLWrapper | string = (term) => term): SQL | undefined {
  if (!isIndexedTerm(text)) return undefined;
  // A subquery, so that the term's tsquery is computed once per statement: in a prepared statement's generic plan a
  // bare call would be an expression of the parameter, evaluated again for every row the bitmap rechecks.
  return sql`${projects}.search_bigrams @@ (select zs_project_name_query(${bind(text)}))`;
}

/** How a caller preparing statements binds the search's values (each through its own parameter); plain values otherwise. */
export type NameSearchBinding = {
  pattern: (value: string) => SQLWrapper | string;
  callerUnitId: (value: number) => SQLWrapper | number;
  term: (value: string) => SQLWrapper | string;
};
const PLAIN_VALUES: NameSearchBinding = { pattern: (v) => v, callerUnitId: (v) => v, term: (v) => v };

/**
 * A project name search as the caller may make it, the one predicate of every screen that finds projects by name (the
 * list, 督办, the 挂图作战 board): a confidential project matches by its real name only in its own unit, by its code name
 * everywhere in scope — so no search confirms a name the caller is not shown. `byIndex` false leaves the index out
 * (the ledger export's walk).
 */
export function projectNameMatches(text: string, callerUnitId: number, bind: NameSearchBinding = PLAIN_VALUES, byIndex = true): SQL | undefined {
  const pattern = bind.pattern(containsPattern(text));
  return and(
    byIndex ? nameSearchCandidates(text, bind.term) : undefined,
    or(
      and(ilike(projects.name, pattern), or(isNull(projects.codeName), eq(projects.unitId, bind.callerUnitId(callerUnitId)))),
      ilike(projects.codeName, pattern),
    ),
  );
}
