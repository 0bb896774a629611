CREATE TABLE "project_funds" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"arrived_on" date NOT NULL,
	"source" text NOT NULL,
	"amount_yuan" bigint,
	"amount_usd" bigint,
	"evidence_ref" text NOT NULL,
	"note" text,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" integer,
	"void_reason" text,
	CONSTRAINT "project_funds_source_check" CHECK ("project_funds"."source" in ('outOfProvince','outOfCity','local','foreign')),
	CONSTRAINT "project_funds_amount_check" CHECK (case when "project_funds"."source" = 'foreign' then "project_funds"."amount_usd" > 0 and "project_funds"."amount_yuan" is null
               else "project_funds"."amount_yuan" > 0 and "project_funds"."amount_usd" is null end),
	CONSTRAINT "project_funds_evidence_check" CHECK (length(trim("project_funds"."evidence_ref")) > 0),
	CONSTRAINT "project_funds_void_check" CHECK (("project_funds"."voided_at" is null) = ("project_funds"."void_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "project_funds" ADD CONSTRAINT "project_funds_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_funds" ADD CONSTRAINT "project_funds_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_funds" ADD CONSTRAINT "project_funds_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_funds_project_idx" ON "project_funds" USING btree ("project_id");