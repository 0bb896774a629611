CREATE TABLE "chain_link_candidate_lists" (
	"link_id" integer PRIMARY KEY NOT NULL,
	"stale" boolean DEFAULT true NOT NULL,
	"building_since" timestamp with time zone,
	"weights" jsonb NOT NULL,
	"link" jsonb NOT NULL,
	"document_frequency" jsonb NOT NULL,
	"k" integer NOT NULL,
	"complete" boolean NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"build_ms" integer NOT NULL,
	CONSTRAINT "chain_link_candidate_lists_k_check" CHECK ("chain_link_candidate_lists"."k" >= 1)
);
--> statement-breakpoint
CREATE TABLE "chain_link_candidates" (
	"link_id" integer NOT NULL,
	"rank" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"name" text NOT NULL,
	"base_score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "chain_link_candidates_link_id_rank_pk" PRIMARY KEY("link_id","rank")
);
--> statement-breakpoint
ALTER TABLE "chain_link_candidate_lists" ADD CONSTRAINT "chain_link_candidate_lists_link_id_chain_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."chain_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_link_candidates" ADD CONSTRAINT "chain_link_candidates_link_id_chain_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."chain_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_link_candidates" ADD CONSTRAINT "chain_link_candidates_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chain_link_candidates_enterprise_idx" ON "chain_link_candidates" USING btree ("link_id","enterprise_id");--> statement-breakpoint
-- Any statement that changes the library (enterprises, their other names, their tiers) makes every stored candidate list
-- stale: a request then scores live until the list is rebuilt (src/server/chains/candidate-lists.job.ts). Per statement,
-- so that an import of a hundred thousand enterprises marks the lists once.
CREATE FUNCTION chain_candidate_lists_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE chain_link_candidate_lists SET stale = true WHERE NOT stale;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER enterprises_candidate_lists_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprises
  FOR EACH STATEMENT EXECUTE FUNCTION chain_candidate_lists_stale();
--> statement-breakpoint
CREATE TRIGGER enterprise_names_candidate_lists_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprise_names
  FOR EACH STATEMENT EXECUTE FUNCTION chain_candidate_lists_stale();
--> statement-breakpoint
CREATE TRIGGER enterprise_tiers_candidate_lists_stale AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprise_tiers
  FOR EACH STATEMENT EXECUTE FUNCTION chain_candidate_lists_stale();
