CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_name_check" CHECK (length(trim("departments"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "problem_notes" (
	"id" serial PRIMARY KEY NOT NULL,
	"problem_id" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_notes_kind_check" CHECK ("problem_notes"."kind" in ('instruction','progress','escalation','resolution','assignment'))
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"department_id" integer,
	"due_on" date,
	"state" text DEFAULT 'open' NOT NULL,
	"level" text DEFAULT 'unit' NOT NULL,
	"escalated_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problems_category_check" CHECK ("problems"."category" in ('land','approval','funding','utilities','talent','other')),
	CONSTRAINT "problems_state_check" CHECK ("problems"."state" in ('open','resolved')),
	CONSTRAINT "problems_level_check" CHECK ("problems"."level" in ('unit','city')),
	CONSTRAINT "problems_resolved_check" CHECK (("problems"."state" = 'resolved') = ("problems"."resolved_at" is not null and "problems"."resolution" is not null)),
	CONSTRAINT "problems_description_check" CHECK (length(trim("problems"."description")) > 0)
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "department_id" integer;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_notes" ADD CONSTRAINT "problem_notes_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_notes" ADD CONSTRAINT "problem_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "departments_unit_name_key" ON "departments" USING btree ("unit_id","name");--> statement-breakpoint
CREATE INDEX "problem_notes_problem_idx" ON "problem_notes" USING btree ("problem_id");--> statement-breakpoint
CREATE INDEX "problems_project_idx" ON "problems" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "problems_department_idx" ON "problems" USING btree ("department_id","state");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER problem_notes_append_only
  BEFORE UPDATE OR DELETE ON problem_notes
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
