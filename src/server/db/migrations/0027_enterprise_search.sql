-- Issue 13, finding an enterprise (src/domain/enterprise-search.ts). Hand-written: the search document is kept out of
-- the Drizzle table on purpose, so that reads of enterprises and their audit rows never carry it. Core PostgreSQL
-- only (tsvector, GIN, btree text_pattern_ops): no extension is needed. The app fills search_tokens (never a
-- trigger: pinyin is computed in TypeScript); rows still null are filled at start (backfillEnterpriseSearch).
ALTER TABLE "enterprises" ADD COLUMN "search_tokens" tsvector;--> statement-breakpoint
CREATE INDEX "enterprises_search_idx" ON "enterprises" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "enterprises_name_pattern_idx" ON "enterprises" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_credit_code_pattern_idx" ON "enterprises" USING btree ("credit_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_search_missing_idx" ON "enterprises" USING btree ("id") WHERE "search_tokens" IS NULL;
