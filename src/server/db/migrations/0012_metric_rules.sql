CREATE TABLE "metric_rules" (
	"id" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metric_rules_one_row" CHECK ("metric_rules"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "metric_rules" ADD CONSTRAINT "metric_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- Funds arrived in a period are summed from this index alone (issue 5's cockpit): the range of days, and what the
-- sum needs, without visiting the table.
CREATE INDEX "project_funds_arrived_idx" ON "project_funds" ("arrived_on") INCLUDE ("project_id", "source", "amount_yuan", "amount_usd") WHERE "voided_at" IS NULL;
