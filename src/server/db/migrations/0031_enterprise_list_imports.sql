CREATE TABLE "enterprise_list_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"created_by" integer NOT NULL,
	"file_name" text NOT NULL,
	"list" text NOT NULL,
	"year" integer NOT NULL,
	"batch" text,
	"status" text DEFAULT 'previewed' NOT NULL,
	"rows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"refusals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_tier_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"created_enterprise_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	"reverted_at" timestamp with time zone,
	CONSTRAINT "enterprise_list_imports_status_check" CHECK ("enterprise_list_imports"."status" in ('previewed','committed','reverted'))
);
--> statement-breakpoint
ALTER TABLE "enterprise_list_imports" ADD CONSTRAINT "enterprise_list_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;