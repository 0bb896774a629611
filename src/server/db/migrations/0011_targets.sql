CREATE TABLE "targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"metric_key" text NOT NULL,
	"value" bigint NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_value_check" CHECK ("targets"."value" > 0),
	CONSTRAINT "targets_year_check" CHECK ("targets"."year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_year_unit_metric_key" ON "targets" USING btree ("year","unit_id","metric_key");