ALTER TABLE "enterprise_list_imports" ADD COLUMN "content" "bytea";--> statement-breakpoint
ALTER TABLE "enterprise_list_imports" ADD COLUMN "columns" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise_list_imports" ADD COLUMN "filled_facts" jsonb DEFAULT '[]'::jsonb NOT NULL;