CREATE TABLE "leads" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"enterprise_id" integer,
	"enterprise_name" text NOT NULL,
	"credit_code" text,
	"industry_code" text,
	"intended_amount_yuan" bigint,
	"source" text NOT NULL,
	"state" text DEFAULT 'new' NOT NULL,
	"collected_on" date NOT NULL,
	"follow_up_on" date,
	"note" text,
	"dropped_reason" text,
	"project_id" integer,
	"reporter_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leads_state_check" CHECK ("leads"."state" in ('new','following','converted','dropped')),
	CONSTRAINT "leads_source_check" CHECK ("leads"."source" in ('resident','squad','investorReferral','chamber','agency','hometown','fair','online','other')),
	CONSTRAINT "leads_converted_check" CHECK (("leads"."state" = 'converted') = ("leads"."project_id" is not null)),
	CONSTRAINT "leads_dropped_check" CHECK ("leads"."state" <> 'dropped' or length(trim(coalesce("leads"."dropped_reason", ''))) > 0),
	CONSTRAINT "leads_amount_check" CHECK ("leads"."intended_amount_yuan" >= 0),
	CONSTRAINT "leads_name_check" CHECK (length(trim("leads"."enterprise_name")) >= 2)
);
--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "leads_unit_idx" ON "leads" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "leads_enterprise_idx" ON "leads" USING btree ("enterprise_id");