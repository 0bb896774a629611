CREATE TABLE "chain_candidate_weights" (
	"id" integer PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"updated_by" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_candidate_weights_single_check" CHECK ("chain_candidate_weights"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "chain_candidate_weights" ADD CONSTRAINT "chain_candidate_weights_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;