CREATE TABLE "chain_link_rejections" (
	"id" serial PRIMARY KEY NOT NULL,
	"link_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"reason" text NOT NULL,
	"unit_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_link_rejections_reason_check" CHECK (length(trim("chain_link_rejections"."reason")) >= 1)
);
--> statement-breakpoint
CREATE TABLE "chain_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"parent_id" integer,
	"segment" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"industry_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"template_key" text,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_links_segment_check" CHECK ("chain_links"."segment" in ('upstream','midstream','downstream')),
	CONSTRAINT "chain_links_name_check" CHECK (length(trim("chain_links"."name")) >= 1),
	CONSTRAINT "chain_links_parent_check" CHECK ("chain_links"."parent_id" <> "chain_links"."id")
);
--> statement-breakpoint
CREATE TABLE "chain_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"chain_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_members_role_check" CHECK ("chain_members"."role" in ('head','member','liaison'))
);
--> statement-breakpoint
CREATE TABLE "chain_placements" (
	"id" serial PRIMARY KEY NOT NULL,
	"link_id" integer NOT NULL,
	"project_id" integer,
	"lead_id" integer,
	"enterprise_id" integer,
	"status" text NOT NULL,
	"reason" text,
	"suggested_by" integer,
	"suggested_at" timestamp with time zone,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_placements_one_record_check" CHECK (num_nonnulls("chain_placements"."project_id", "chain_placements"."lead_id", "chain_placements"."enterprise_id") = 1),
	CONSTRAINT "chain_placements_status_check" CHECK ("chain_placements"."status" in ('suggested','confirmed')),
	CONSTRAINT "chain_placements_confirmed_check" CHECK (("chain_placements"."status" = 'confirmed') = ("chain_placements"."confirmed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "chains" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"template_key" text,
	"leader_user_id" integer,
	"lead_department_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"thresholds" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chains_name_check" CHECK (length(trim("chains"."name")) >= 1),
	CONSTRAINT "chains_template_key_check" CHECK ("chains"."template_key" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
ALTER TABLE "chain_link_rejections" ADD CONSTRAINT "chain_link_rejections_link_id_chain_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."chain_links"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_link_rejections" ADD CONSTRAINT "chain_link_rejections_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_link_rejections" ADD CONSTRAINT "chain_link_rejections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_link_rejections" ADD CONSTRAINT "chain_link_rejections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- The parent link is of the same chain: the composite key needs its unique index first.
CREATE UNIQUE INDEX "chain_links_id_chain_key" ON "chain_links" USING btree ("id","chain_id");--> statement-breakpoint
ALTER TABLE "chain_links" ADD CONSTRAINT "chain_links_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_links" ADD CONSTRAINT "chain_links_parent_same_chain_fk" FOREIGN KEY ("parent_id","chain_id") REFERENCES "public"."chain_links"("id","chain_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_members" ADD CONSTRAINT "chain_members_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_members" ADD CONSTRAINT "chain_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_link_id_chain_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."chain_links"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_suggested_by_users_id_fk" FOREIGN KEY ("suggested_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_lead_department_id_departments_id_fk" FOREIGN KEY ("lead_department_id") REFERENCES "public"."departments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chain_link_rejections_key" ON "chain_link_rejections" USING btree ("link_id","enterprise_id");--> statement-breakpoint
CREATE INDEX "chain_links_chain_idx" ON "chain_links" USING btree ("chain_id","parent_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "chain_members_key" ON "chain_members" USING btree ("chain_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chain_placements_project_key" ON "chain_placements" USING btree ("project_id") WHERE "chain_placements"."project_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "chain_placements_lead_key" ON "chain_placements" USING btree ("lead_id") WHERE "chain_placements"."lead_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "chain_placements_enterprise_key" ON "chain_placements" USING btree ("enterprise_id","link_id") WHERE "chain_placements"."enterprise_id" is not null;--> statement-breakpoint
CREATE INDEX "chain_placements_link_idx" ON "chain_placements" USING btree ("link_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "chains_name_key" ON "chains" USING btree ("name");