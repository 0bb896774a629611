CREATE TABLE "enterprise_merges" (
	"id" serial PRIMARY KEY NOT NULL,
	"survivor_id" integer NOT NULL,
	"merged_id" integer NOT NULL,
	"moved" jsonb NOT NULL,
	"reason" text,
	"merged_by" integer,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_by" integer,
	"undone_at" timestamp with time zone,
	CONSTRAINT "enterprise_merges_self_check" CHECK ("enterprise_merges"."survivor_id" <> "enterprise_merges"."merged_id")
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "enterprise_merges" ADD CONSTRAINT "enterprise_merges_survivor_id_enterprises_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_merges" ADD CONSTRAINT "enterprise_merges_merged_id_enterprises_id_fk" FOREIGN KEY ("merged_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_merges" ADD CONSTRAINT "enterprise_merges_merged_by_users_id_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_merges" ADD CONSTRAINT "enterprise_merges_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_merges_survivor_idx" ON "enterprise_merges" USING btree ("survivor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_merges_active_key" ON "enterprise_merges" USING btree ("merged_id") WHERE "enterprise_merges"."undone_at" is null;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_merged_into_id_enterprises_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;