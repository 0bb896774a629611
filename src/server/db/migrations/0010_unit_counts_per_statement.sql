-- Per-unit project counts, kept per statement for inserts and deletes: a ledger import adds ten thousand projects
-- in one statement, and the counts are then brought up to date once, from the statement's rows, not ten thousand
-- times. Moving a project to another unit is still counted row by row (PostgreSQL allows no transition table on a
-- trigger restricted to a column).
DROP TRIGGER projects_count_per_unit ON projects;
--> statement-breakpoint
CREATE FUNCTION project_unit_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO project_unit_counts (unit_id, projects)
    SELECT unit_id, count(*) FROM inserted GROUP BY unit_id
    ON CONFLICT (unit_id) DO UPDATE SET projects = project_unit_counts.projects + EXCLUDED.projects;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION project_unit_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE project_unit_counts c SET projects = c.projects - d.n
    FROM (SELECT unit_id, count(*) AS n FROM deleted GROUP BY unit_id) d
    WHERE c.unit_id = d.unit_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER projects_count_inserted
  AFTER INSERT ON projects REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION project_unit_counts_insert();
--> statement-breakpoint
CREATE TRIGGER projects_count_deleted
  AFTER DELETE ON projects REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION project_unit_counts_delete();
--> statement-breakpoint
CREATE TRIGGER projects_count_moved
  AFTER UPDATE OF unit_id ON projects
  FOR EACH ROW EXECUTE FUNCTION project_unit_counts_track();
