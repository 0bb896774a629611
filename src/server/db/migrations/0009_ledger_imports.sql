CREATE TABLE "import_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"created_by" integer NOT NULL,
	"file_name" text NOT NULL,
	"content" "bytea" NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	"reverted_at" timestamp with time zone,
	CONSTRAINT "import_batches_status_check" CHECK ("import_batches"."status" in ('previewed','committed','reverting','reverted'))
);
--> statement-breakpoint
CREATE TABLE "import_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"batch_id" integer NOT NULL,
	"row_number" integer NOT NULL,
	"action" text NOT NULL,
	"project_id" integer NOT NULL,
	"before" jsonb,
	"after" jsonb NOT NULL,
	"stage_event_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_enterprise_id" integer,
	CONSTRAINT "import_items_action_check" CHECK ("import_items"."action" in ('create','update'))
);
--> statement-breakpoint
CREATE TABLE "import_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"header_key" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "import_batch_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_items" ADD CONSTRAINT "import_items_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_templates" ADD CONSTRAINT "import_templates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_templates" ADD CONSTRAINT "import_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batches_unit_idx" ON "import_batches" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "import_items_batch_idx" ON "import_items" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "import_items_project_idx" ON "import_items" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "import_templates_unit_header_key" ON "import_templates" USING btree ("unit_id","header_key");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_key" ON "projects" USING btree ("code") WHERE "projects"."code" is not null;--> statement-breakpoint
-- The stage history stays append-only, with one exception: reverting a ledger import removes the projects the
-- import created, and with them the stage records the import wrote for them. The batch must be in the middle of
-- being reverted (a state that exists only inside the revert's transaction), and the audit trail keeps everything.
CREATE FUNCTION project_stage_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND EXISTS (
    SELECT 1 FROM import_items i JOIN import_batches b ON b.id = i.batch_id
    WHERE i.project_id = OLD.project_id AND i.action = 'create' AND b.status = 'reverting'
  ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER project_stage_events_append_only ON project_stage_events;
--> statement-breakpoint
CREATE TRIGGER project_stage_events_append_only
  BEFORE UPDATE OR DELETE ON project_stage_events
  FOR EACH ROW EXECUTE FUNCTION project_stage_events_refuse_change();
