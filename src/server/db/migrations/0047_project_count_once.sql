CREATE TABLE "project_count_once" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"action" text NOT NULL,
	"happened_on" date NOT NULL,
	"reason" text NOT NULL,
	"increment_yuan" bigint,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_count_once_action_check" CHECK ("project_count_once"."action" in ('resign','supplement','phase','expansion','investorChange')),
	CONSTRAINT "project_count_once_reason_check" CHECK (length(trim("project_count_once"."reason")) > 0),
	CONSTRAINT "project_count_once_increment_check" CHECK (("project_count_once"."action" = 'expansion') = ("project_count_once"."increment_yuan" is not null) and coalesce("project_count_once"."increment_yuan", 1) > 0)
);
--> statement-breakpoint
ALTER TABLE "project_count_once" ADD CONSTRAINT "project_count_once_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_count_once" ADD CONSTRAINT "project_count_once_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_count_once_project_idx" ON "project_count_once" USING btree ("project_id","id");