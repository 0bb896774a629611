CREATE TABLE "duplicate_claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_a_id" integer NOT NULL,
	"project_b_id" integer NOT NULL,
	"score_permille" integer NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer,
	"resolution" jsonb,
	"reason" text,
	CONSTRAINT "duplicate_claims_order_check" CHECK ("duplicate_claims"."project_a_id" < "duplicate_claims"."project_b_id"),
	CONSTRAINT "duplicate_claims_score_check" CHECK ("duplicate_claims"."score_permille" between 0 and 1000),
	CONSTRAINT "duplicate_claims_status_check" CHECK ("duplicate_claims"."status" in ('open','notDuplicate','creditSplit','merged')),
	CONSTRAINT "duplicate_claims_resolved_check" CHECK (("duplicate_claims"."status" = 'open') = ("duplicate_claims"."resolved_at" is null))
);
--> statement-breakpoint
ALTER TABLE "duplicate_claims" ADD CONSTRAINT "duplicate_claims_project_a_id_projects_id_fk" FOREIGN KEY ("project_a_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_claims" ADD CONSTRAINT "duplicate_claims_project_b_id_projects_id_fk" FOREIGN KEY ("project_b_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_claims" ADD CONSTRAINT "duplicate_claims_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "duplicate_claims_pair_key" ON "duplicate_claims" USING btree ("project_a_id","project_b_id");--> statement-breakpoint
CREATE INDEX "duplicate_claims_project_b_idx" ON "duplicate_claims" USING btree ("project_b_id");--> statement-breakpoint
CREATE INDEX "duplicate_claims_open_idx" ON "duplicate_claims" USING btree ("score_permille") WHERE "duplicate_claims"."status" = 'open';