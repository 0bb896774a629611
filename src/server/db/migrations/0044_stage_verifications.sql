CREATE TABLE "stage_verifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"stage_event_id" integer NOT NULL,
	"stage" text NOT NULL,
	"status" text DEFAULT 'reported' NOT NULL,
	"reviewer_department_id" integer,
	"reported_at" timestamp with time zone NOT NULL,
	"reported_by" integer,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"reason" text,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "stage_verifications_status_check" CHECK ("stage_verifications"."status" in ('reported','confirmed','rejected','withdrawn')),
	CONSTRAINT "stage_verifications_stage_check" CHECK ("stage_verifications"."stage" in ('signed','registered','started','producing','inStats')),
	CONSTRAINT "stage_verifications_rejected_check" CHECK ("stage_verifications"."status" <> 'rejected' or length(trim(coalesce("stage_verifications"."reason", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "verification_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verification_settings_one_row" CHECK ("verification_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "stage_verifications" ADD CONSTRAINT "stage_verifications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_verifications" ADD CONSTRAINT "stage_verifications_stage_event_id_project_stage_events_id_fk" FOREIGN KEY ("stage_event_id") REFERENCES "public"."project_stage_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_verifications" ADD CONSTRAINT "stage_verifications_reviewer_department_id_departments_id_fk" FOREIGN KEY ("reviewer_department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_verifications" ADD CONSTRAINT "stage_verifications_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_verifications" ADD CONSTRAINT "stage_verifications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_settings" ADD CONSTRAINT "verification_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stage_verifications_event_key" ON "stage_verifications" USING btree ("stage_event_id");--> statement-breakpoint
CREATE INDEX "stage_verifications_open_idx" ON "stage_verifications" USING btree ("project_id","stage") WHERE "stage_verifications"."status" in ('reported','rejected');--> statement-breakpoint
CREATE INDEX "stage_verifications_queue_idx" ON "stage_verifications" USING btree ("reported_at") WHERE "stage_verifications"."status" = 'reported';