-- What writing enterprises costs the database per row (issue 13, the 100,000-row list import): the same values
-- stored as before, with less work for the rows whose values the work would not change.
--
-- 1. The source region (migration 0050) is computed before a row is written only where it can differ from the HQ: an
--    enterprise in a group, or one whose stored value is not its HQ. An enterprise in no group whose source region is
--    already its HQ (a list's new enterprise, written so by the app) would be given the same value.
DROP TRIGGER enterprises_source_region_set ON enterprises;--> statement-breakpoint
CREATE TRIGGER enterprises_source_region_set BEFORE INSERT OR UPDATE OF hq_region_code, parent_enterprise_id, source_region_code ON enterprises
  FOR EACH ROW WHEN (NEW.parent_enterprise_id IS NOT NULL OR NEW.source_region_code IS DISTINCT FROM NEW.hq_region_code)
  EXECUTE FUNCTION enterprises_source_region_set();
--> statement-breakpoint
-- Where it is computed, an enterprise in no group takes its HQ without a query for its (absent) parent.
CREATE OR REPLACE FUNCTION enterprises_source_region_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_enterprise_id IS NULL THEN
    NEW.source_region_code := NEW.hq_region_code;
  ELSE
    NEW.source_region_code := coalesce((SELECT p.source_region_code FROM enterprises p WHERE p.id = NEW.parent_enterprise_id), NEW.hq_region_code);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- 2. Children follow a changed source region only where there are children: a list filling the HQ of 50,000
--    enterprises ran 50,000 updates of their (absent) children, each firing the table's statement triggers. One look
--    in the parent index now tells whether there is anything to touch.
CREATE OR REPLACE FUNCTION enterprises_source_region_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT FROM enterprises WHERE parent_enterprise_id = NEW.id) THEN
    -- Touching the parent column makes each child take the new value (and pass it on when its own changes).
    UPDATE enterprises SET parent_enterprise_id = parent_enterprise_id WHERE parent_enterprise_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- 3. The business scope's bigrams (migration 0036, a stored generated column, computed on every insert and update of
--    a row) skip the aggregate for an enterprise with no scope: the same empty document, without running a query per
--    row. The wrapper is a plain expression, which PostgreSQL inlines into the column's expression.
CREATE FUNCTION enterprise_scope_bigrams_of(scope text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(coalesce(array_agg(DISTINCT substr(t.s, i, 2)), '{}'::text[]))
  FROM (SELECT lower(normalize(coalesce(scope, ''), NFKC)) AS s) t, generate_series(1, char_length(t.s) - 1) AS i
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION enterprise_scope_bigrams(scope text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN scope IS NULL OR scope = '' THEN ''::tsvector ELSE enterprise_scope_bigrams_of(scope) END
$$;
