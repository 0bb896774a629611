ALTER TABLE "enterprises" ADD COLUMN "source_region_code" text;--> statement-breakpoint
-- The enterprises already recorded: from each tree's top down.
WITH RECURSIVE tree(id, source, depth) AS (
  SELECT id, hq_region_code, 0 FROM enterprises WHERE parent_enterprise_id IS NULL
  UNION ALL
  SELECT e.id, coalesce(tree.source, e.hq_region_code), tree.depth + 1 FROM enterprises e JOIN tree ON e.parent_enterprise_id = tree.id WHERE tree.depth < 100
)
UPDATE enterprises e SET source_region_code = tree.source FROM tree WHERE e.id = tree.id AND tree.source IS NOT NULL;
--> statement-breakpoint
-- The source region of an enterprise's investments (domain.md §7, issue 15): the HQ of the highest enterprise up its
-- group tree whose HQ is known = its parent's source region, else its own HQ. Kept by the database itself, so every
-- write path (the form, the list and ledger imports, merges, reverts) keeps it in its own transaction: before a row is
-- written it takes its parent's stored value; when a row's value changes, its children are recomputed, and theirs in
-- turn. Writing the column directly is overridden by the same rule.
CREATE FUNCTION enterprises_source_region_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.source_region_code := coalesce((SELECT p.source_region_code FROM enterprises p WHERE p.id = NEW.parent_enterprise_id), NEW.hq_region_code);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER enterprises_source_region_set BEFORE INSERT OR UPDATE OF hq_region_code, parent_enterprise_id, source_region_code ON enterprises
  FOR EACH ROW EXECUTE FUNCTION enterprises_source_region_set();
--> statement-breakpoint
CREATE FUNCTION enterprises_source_region_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Touching the parent column makes each child take the new value (and pass it on when its own changes).
  UPDATE enterprises SET parent_enterprise_id = parent_enterprise_id WHERE parent_enterprise_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER enterprises_source_region_cascade AFTER UPDATE OF hq_region_code, parent_enterprise_id, source_region_code ON enterprises
  FOR EACH ROW WHEN (OLD.source_region_code IS DISTINCT FROM NEW.source_region_code) EXECUTE FUNCTION enterprises_source_region_cascade();
