-- Issue 19, the project name search without extensions. Hand-written: the search document is kept out of the Drizzle
-- table (as enterprises.search_tokens is, migration 0027), so that reads of projects and their audit rows never carry it.
-- search_bigrams holds every two-character piece of the lower-cased name and code name as a lexeme (array_to_tsvector:
-- no text-search parser, no locale, no extension): a term of two or more characters is in a name only if all of its
-- pieces are, so the GIN index finds the candidates and the list's own ILIKE keeps exactly the rows it matched before.
-- lower() is the database's own, the one ILIKE uses, so no name the ILIKE finds can be missing from the candidates.
-- A generated column: PostgreSQL computes it in the statement of every insert and update, on every path that writes a
-- project (forms, imports, merges), and filled it here for the rows already there.
CREATE FUNCTION zs_bigrams(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(array(
    SELECT DISTINCT substr(l, i, 2) FROM (SELECT lower(coalesce(t, '')) AS l) s, generate_series(1, char_length(l) - 1) i))
$$;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "search_bigrams" tsvector GENERATED ALWAYS AS (zs_bigrams("name") || zs_bigrams("code_name")) STORED;--> statement-breakpoint
CREATE INDEX "projects_search_bigrams_idx" ON "projects" USING gin ("search_bigrams");--> statement-breakpoint
-- The tsquery a term asks the index: the AND of its pieces, each quoted as a lexeme taken verbatim; null below two
-- characters. A piece in more than a quarter of the names (项目 is in nearly all) is left out when the table's statistics say
-- so: reading its long posting list costs more than it saves, and leaving a piece out only adds candidates the ILIKE
-- then drops. The rarest piece always stays. Without statistics (never analysed) every piece is asked.
CREATE FUNCTION zs_project_name_query(q text) RETURNS tsquery LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  WITH pieces AS (
    SELECT DISTINCT substr(l, i, 2) AS piece FROM (SELECT lower(q) AS l) s, generate_series(1, char_length(l) - 1) i
  ), common AS (
    SELECT x.lexeme, x.freq
    FROM pg_stats st, unnest(st.most_common_elems::text::text[], st.most_common_elem_freqs) AS x(lexeme, freq)
    WHERE st.schemaname = current_schema() AND st.tablename = 'projects' AND st.attname = 'search_bigrams'
  ), rated AS (
    SELECT p.piece, coalesce(c.freq, 0) AS freq FROM pieces p LEFT JOIN common c ON c.lexeme = p.piece
  ), kept AS (
    SELECT piece FROM rated WHERE freq <= 0.25
    UNION
    (SELECT piece FROM rated ORDER BY freq, piece LIMIT 1)
  )
  SELECT string_agg('''' || replace(replace(piece, '\', '\\'), '''', '''''') || '''', ' & ' ORDER BY piece)::tsquery FROM kept
$$;
