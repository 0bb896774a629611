CREATE INDEX "enterprises_merged_into_idx" ON "enterprises" USING btree ("merged_into_id") WHERE "enterprises"."merged_into_id" is not null;--> statement-breakpoint
-- Issue 18: the stage history's one exception (a revert deleting the stage records of the projects its batch created,
-- 0009) is checked once per statement over the deleted rows, not once per row: a 10,000-project revert deletes 16,000
-- records, and the row trigger's look-up took 3.4 s of a 6 s revert. Updates stay refused row by row (they never pass).
DROP TRIGGER project_stage_events_append_only ON project_stage_events;
--> statement-breakpoint
CREATE TRIGGER project_stage_events_append_only
  BEFORE UPDATE ON project_stage_events
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE FUNCTION project_stage_events_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM deleted d
    WHERE NOT EXISTS (
      SELECT 1 FROM import_items i JOIN import_batches b ON b.id = i.batch_id
      WHERE i.project_id = d.project_id AND i.action = 'create' AND b.status = 'reverting'
    )
  ) THEN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_stage_events_deleted
  AFTER DELETE ON project_stage_events REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION project_stage_events_refuse_delete();
