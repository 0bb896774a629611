CREATE TABLE "heatmap_priority_regions" (
	"id" integer PRIMARY KEY NOT NULL,
	"regions" jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "heatmap_priority_regions_one_row" CHECK ("heatmap_priority_regions"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "heatmap_priority_regions" ADD CONSTRAINT "heatmap_priority_regions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;