ALTER TABLE "projects" ADD COLUMN "reported_unit_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "project_type" text DEFAULT 'industrial' NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "industry_code" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "contract_investment_yuan" bigint;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "fund_source" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "foreign_investment_usd" bigint;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "is_major" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "three_batch" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "responsible_leader" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "responsible_officer_id" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "code_name" text;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_reported_unit_id_units_id_fk" FOREIGN KEY ("reported_unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_responsible_officer_id_users_id_fk" FOREIGN KEY ("responsible_officer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projects_industry_idx" ON "projects" USING btree ("industry_code");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_type_check" CHECK ("projects"."project_type" in ('industrial','other'));--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_industry_code_check" CHECK ("projects"."industry_code" ~ '^([A-T]|[0-9]{2,4})$');--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_contract_investment_check" CHECK ("projects"."contract_investment_yuan" >= 0);--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_foreign_investment_check" CHECK ("projects"."foreign_investment_usd" >= 0);--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_fund_source_check" CHECK ("projects"."fund_source" in ('outOfProvince','outOfCity','local','foreign'));