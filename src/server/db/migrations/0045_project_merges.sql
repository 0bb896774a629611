CREATE TABLE "project_merges" (
	"id" serial PRIMARY KEY NOT NULL,
	"claim_id" integer NOT NULL,
	"survivor_id" integer NOT NULL,
	"merged_id" integer NOT NULL,
	"moved" jsonb NOT NULL,
	"reason" text NOT NULL,
	"merged_by" integer,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_by" integer,
	"undone_at" timestamp with time zone,
	"undo_reason" text,
	CONSTRAINT "project_merges_self_check" CHECK ("project_merges"."survivor_id" <> "project_merges"."merged_id"),
	CONSTRAINT "project_merges_undone_check" CHECK (("project_merges"."undone_at" is null) = ("project_merges"."undo_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "project_merges" ADD CONSTRAINT "project_merges_claim_id_duplicate_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."duplicate_claims"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_merges" ADD CONSTRAINT "project_merges_survivor_id_projects_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_merges" ADD CONSTRAINT "project_merges_merged_id_projects_id_fk" FOREIGN KEY ("merged_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_merges" ADD CONSTRAINT "project_merges_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_merges" ADD CONSTRAINT "project_merges_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_merges_claim_idx" ON "project_merges" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "project_merges_survivor_idx" ON "project_merges" USING btree ("survivor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_merges_active_key" ON "project_merges" USING btree ("merged_id") WHERE "project_merges"."undone_at" is null;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_merged_into_id_projects_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_merged_into_check" CHECK ("projects"."merged_into_id" <> "projects"."id");