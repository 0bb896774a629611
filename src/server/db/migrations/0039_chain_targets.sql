CREATE TABLE "chain_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"chain_id" integer NOT NULL,
	"metric_key" text NOT NULL,
	"value" bigint NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_targets_value_check" CHECK ("chain_targets"."value" > 0),
	CONSTRAINT "chain_targets_year_check" CHECK ("chain_targets"."year" between 2000 and 2100)
);
--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_chain_id_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chains"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_targets" ADD CONSTRAINT "chain_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chain_targets_year_chain_metric_key" ON "chain_targets" USING btree ("year","chain_id","metric_key");