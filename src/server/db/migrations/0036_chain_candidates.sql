-- Issue 14, whom to attract (src/domain/chains/keywords.ts, src/server/chains/candidates.ts). Hand-written like 0027:
-- the new column stays out of the Drizzle table, so that reads of enterprises and their audit rows never carry it.
-- Core PostgreSQL only (a SQL function, a generated column, GIN): the same on the embedded database and a server.
-- The business scope's character pairs, in the form the domain matches keywords in (NFKC, lower case), generated from
-- the column itself so that no writer can forget them; a link's keywords find the enterprises whose scope may contain
-- them by the GIN index, and the domain counts the exact matches.
CREATE FUNCTION enterprise_scope_bigrams(scope text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(coalesce(array_agg(DISTINCT substr(t.s, i, 2)), '{}'::text[]))
  FROM (SELECT lower(normalize(coalesce(scope, ''), NFKC)) AS s) t, generate_series(1, char_length(t.s) - 1) AS i
$$;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "scope_tokens" tsvector GENERATED ALWAYS AS (enterprise_scope_bigrams("business_scope")) STORED;--> statement-breakpoint
CREATE INDEX "enterprises_scope_tokens_idx" ON "enterprises" USING gin ("scope_tokens");--> statement-breakpoint
-- A link's industry codes (expanded to every matching code of the classification) find their enterprises by overlap.
CREATE INDEX "enterprises_industry_codes_idx" ON "enterprises" USING gin ("industry_codes");
