CREATE TABLE "enterprise_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_contacts_name_check" CHECK (length(trim("enterprise_contacts"."name")) >= 1)
);
--> statement-breakpoint
CREATE TABLE "enterprise_names" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_names_kind_check" CHECK ("enterprise_names"."kind" in ('former','short','english','alias')),
	CONSTRAINT "enterprise_names_name_check" CHECK (length(trim("enterprise_names"."name")) >= 1)
);
--> statement-breakpoint
CREATE TABLE "enterprise_tiers" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" integer NOT NULL,
	"list" text NOT NULL,
	"year" integer NOT NULL,
	"rank" integer,
	"batch" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_tiers_list_check" CHECK ("enterprise_tiers"."list" in ('fortune_global_500','china_500','private_500','central_soe','soe','listed','little_giant','srdi','high_tech','unicorn','industry_leader')),
	CONSTRAINT "enterprise_tiers_year_check" CHECK ("enterprise_tiers"."year" between 1900 and 2200),
	CONSTRAINT "enterprise_tiers_rank_check" CHECK ("enterprise_tiers"."rank" >= 1)
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "english_name" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "industry_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "registered_capital_yuan" bigint;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "founded_on" date;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "business_scope" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "listing_exchange" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "listing_ticker" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "size_band" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "parent_enterprise_id" integer;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "local_unit_id" integer;--> statement-breakpoint
ALTER TABLE "enterprise_contacts" ADD CONSTRAINT "enterprise_contacts_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_contacts" ADD CONSTRAINT "enterprise_contacts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_contacts" ADD CONSTRAINT "enterprise_contacts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_names" ADD CONSTRAINT "enterprise_names_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_names" ADD CONSTRAINT "enterprise_names_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_tiers" ADD CONSTRAINT "enterprise_tiers_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_tiers" ADD CONSTRAINT "enterprise_tiers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_contacts_enterprise_idx" ON "enterprise_contacts" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "enterprise_contacts_unit_idx" ON "enterprise_contacts" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_names_key" ON "enterprise_names" USING btree ("enterprise_id","kind","name");--> statement-breakpoint
CREATE INDEX "enterprise_names_name_idx" ON "enterprise_names" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_tiers_key" ON "enterprise_tiers" USING btree ("enterprise_id","list","year");--> statement-breakpoint
CREATE INDEX "enterprise_tiers_list_idx" ON "enterprise_tiers" USING btree ("list","year");--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_parent_enterprise_id_enterprises_id_fk" FOREIGN KEY ("parent_enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_local_unit_id_units_id_fk" FOREIGN KEY ("local_unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprises_parent_idx" ON "enterprises" USING btree ("parent_enterprise_id");--> statement-breakpoint
CREATE INDEX "enterprises_local_unit_idx" ON "enterprises" USING btree ("local_unit_id");--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_capital_check" CHECK ("enterprises"."registered_capital_yuan" >= 0);--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_size_band_check" CHECK ("enterprises"."size_band" in ('large','medium','small','micro'));--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_parent_check" CHECK ("enterprises"."parent_enterprise_id" <> "enterprises"."id");--> statement-breakpoint
-- Issue 13: the 世界500强 flag becomes a derived fact of the tier entries. Every enterprise flagged today gets an entry
-- on the latest list published by the time of this migration (the list comes out each summer: before August, last
-- year's), so the flag, recomputed from the entries, stays as it was.
INSERT INTO "enterprise_tiers" ("enterprise_id", "list", "year", "created_by")
SELECT "id", 'fortune_global_500', extract(year from current_date - interval '7 months')::int, "created_by"
FROM "enterprises" WHERE "fortune_global_500";
