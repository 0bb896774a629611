CREATE TABLE "trip_plan_stops" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"link_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trip_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"title" text NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trip_plans_dates_check" CHECK ("trip_plans"."to_on" >= "trip_plans"."from_on"),
	CONSTRAINT "trip_plans_title_check" CHECK (length(trim("trip_plans"."title")) >= 1)
);
--> statement-breakpoint
ALTER TABLE "trip_plan_stops" ADD CONSTRAINT "trip_plan_stops_plan_id_trip_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."trip_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_plan_stops" ADD CONSTRAINT "trip_plan_stops_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_plan_stops" ADD CONSTRAINT "trip_plan_stops_link_id_chain_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."chain_links"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_plan_stops" ADD CONSTRAINT "trip_plan_stops_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_plans" ADD CONSTRAINT "trip_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_plans" ADD CONSTRAINT "trip_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trip_plan_stops_key" ON "trip_plan_stops" USING btree ("plan_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "trip_plan_stops_enterprise_idx" ON "trip_plan_stops" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "trip_plans_unit_idx" ON "trip_plans" USING btree ("unit_id","to_on");