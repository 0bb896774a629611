CREATE TABLE "deadline_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"amount" integer NOT NULL,
	"unit" text NOT NULL,
	"warn_before_days" integer NOT NULL,
	"colour_on_track" text DEFAULT 'green' NOT NULL,
	"colour_due_soon" text DEFAULT 'yellow' NOT NULL,
	"colour_overdue" text DEFAULT 'red' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_rules_amount_check" CHECK ("deadline_rules"."amount" > 0),
	CONSTRAINT "deadline_rules_warn_check" CHECK ("deadline_rules"."warn_before_days" >= 0),
	CONSTRAINT "deadline_rules_unit_check" CHECK ("deadline_rules"."unit" in ('months','days')),
	CONSTRAINT "deadline_rules_stages_check" CHECK ("deadline_rules"."from_stage" in ('signed','registered','started','producing') and "deadline_rules"."to_stage" in ('registered','started','producing','inStats'))
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"stage_event_id" integer,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_files_size_check" CHECK ("evidence_files"."size" > 0 and "evidence_files"."size" = octet_length("evidence_files"."content"))
);
--> statement-breakpoint
CREATE TABLE "project_stage_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"happened_on" date NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text,
	"corrects_event_id" integer,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_stage_events_kind_check" CHECK ("project_stage_events"."kind" in ('advance','resume','stall','terminate','correct','revoke')),
	CONSTRAINT "project_stage_events_corrects_check" CHECK (("project_stage_events"."kind" in ('correct','revoke')) = ("project_stage_events"."corrects_event_id" is not null)),
	CONSTRAINT "project_stage_events_reason_check" CHECK ("project_stage_events"."kind" not in ('stall','terminate','correct','revoke') or length(trim(coalesce("project_stage_events"."reason", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "signed_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "registered_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "started_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "producing_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "in_stats_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "last_event_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "next_due_on" date;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "next_due_rule" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "warn_from_on" date;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_stage_event_id_project_stage_events_id_fk" FOREIGN KEY ("stage_event_id") REFERENCES "public"."project_stage_events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_events" ADD CONSTRAINT "project_stage_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_events" ADD CONSTRAINT "project_stage_events_corrects_event_id_project_stage_events_id_fk" FOREIGN KEY ("corrects_event_id") REFERENCES "public"."project_stage_events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_events" ADD CONSTRAINT "project_stage_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deadline_rules_key_key" ON "deadline_rules" USING btree ("key");--> statement-breakpoint
CREATE INDEX "evidence_files_project_idx" ON "evidence_files" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_stage_events_project_idx" ON "project_stage_events" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "projects_next_due_idx" ON "projects" USING btree ("next_due_on");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_stage_dates_order_check" CHECK (coalesce("projects"."signed_on" <= "projects"."registered_on", true) and coalesce("projects"."signed_on" <= "projects"."started_on", true)
          and coalesce("projects"."started_on" <= "projects"."producing_on", true) and coalesce("projects"."started_on" <= "projects"."in_stats_on", true));--> statement-breakpoint
-- The stage history is append-only like the audit trail: corrections are new rows.
CREATE TRIGGER project_stage_events_append_only
  BEFORE UPDATE OR DELETE ON project_stage_events
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- The default deadline rules: 襄阳's "26211" (domain.md §2).
INSERT INTO deadline_rules (key, name, from_stage, to_stage, amount, unit, warn_before_days) VALUES
  ('signedToRegistered', '签约后2个月内完成注册', 'signed', 'registered', 2, 'months', 15),
  ('signedToStarted', '签约后6个月内开工建设', 'signed', 'started', 6, 'months', 30),
  ('startedToInStats', '开工后2个月内统计入库', 'started', 'inStats', 2, 'months', 15);
