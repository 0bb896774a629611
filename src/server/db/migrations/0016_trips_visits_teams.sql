CREATE TABLE "resident_teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"host_region_code" text NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_teams_period_check" CHECK ("resident_teams"."ended_on" is null or "resident_teams"."ended_on" >= "resident_teams"."started_on")
);
--> statement-breakpoint
CREATE TABLE "trips" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"leader_name" text NOT NULL,
	"leader_level" text NOT NULL,
	"participants" text,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"cities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"team_id" integer,
	"notes" text,
	"next_step" text,
	"follow_up_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trips_dates_check" CHECK ("trips"."to_on" >= "trips"."from_on"),
	CONSTRAINT "trips_level_check" CHECK ("trips"."leader_level" in ('principal','inCharge','countyHead','department','staff'))
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"trip_id" integer,
	"team_id" integer,
	"kind" text NOT NULL,
	"enterprise_id" integer,
	"enterprise_name" text NOT NULL,
	"project_id" integer,
	"visited_on" date NOT NULL,
	"people_met" text,
	"notes" text,
	"next_step" text,
	"follow_up_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_kind_check" CHECK ("visits"."kind" in ('visit','talks','reception'))
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "team_id" integer;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "trip_id" integer;--> statement-breakpoint
ALTER TABLE "resident_teams" ADD CONSTRAINT "resident_teams_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_team_id_resident_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."resident_teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_team_id_resident_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."resident_teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resident_teams_unit_idx" ON "resident_teams" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "trips_unit_idx" ON "trips" USING btree ("unit_id","from_on");--> statement-breakpoint
CREATE INDEX "visits_unit_idx" ON "visits" USING btree ("unit_id","visited_on");--> statement-breakpoint
CREATE INDEX "visits_trip_idx" ON "visits" USING btree ("trip_id");--> statement-breakpoint
CREATE INDEX "visits_enterprise_idx" ON "visits" USING btree ("enterprise_id");--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_team_id_resident_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."resident_teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE restrict ON UPDATE no action;