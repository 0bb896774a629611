CREATE TABLE "local_industries" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"industry_code" text,
	"synonyms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_industries_code_check" CHECK ("local_industries"."industry_code" ~ '^([A-T]|[0-9]{2,4})$')
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "local_industry" text;--> statement-breakpoint
CREATE UNIQUE INDEX "local_industries_name_key" ON "local_industries" USING btree ("name");