CREATE TABLE "project_unit_counts" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"projects" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "project_unit_counts_check" CHECK ("project_unit_counts"."projects" >= 0)
);
--> statement-breakpoint
ALTER TABLE "project_unit_counts" ADD CONSTRAINT "project_unit_counts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE FUNCTION project_unit_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.unit_id IS DISTINCT FROM OLD.unit_id) THEN
    INSERT INTO project_unit_counts (unit_id, projects) VALUES (NEW.unit_id, 1)
      ON CONFLICT (unit_id) DO UPDATE SET projects = project_unit_counts.projects + 1;
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.unit_id IS DISTINCT FROM OLD.unit_id) THEN
    UPDATE project_unit_counts SET projects = projects - 1 WHERE unit_id = OLD.unit_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER projects_count_per_unit
  AFTER INSERT OR DELETE OR UPDATE OF unit_id ON projects
  FOR EACH ROW EXECUTE FUNCTION project_unit_counts_track();
--> statement-breakpoint
INSERT INTO project_unit_counts (unit_id, projects)
  SELECT unit_id, count(*) FROM projects GROUP BY unit_id;
