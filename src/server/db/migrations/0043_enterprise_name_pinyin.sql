-- Issue 13, finding an enterprise by the pinyin a name starts with (src/domain/enterprise-search.ts, namePinyinKeys).
-- Hand-written, outside the Drizzle table like search_tokens (0027): the app fills both columns with the search
-- document; rows written before are re-derived at start (ENTERPRISE_SEARCH_VERSION 3). Core PostgreSQL only.
ALTER TABLE "enterprises" ADD COLUMN "name_pinyin" text;--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "name_initials" text;--> statement-breakpoint
CREATE INDEX "enterprises_name_pinyin_idx" ON "enterprises" USING btree ("name_pinyin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "enterprises_name_initials_idx" ON "enterprises" USING btree ("name_initials" text_pattern_ops);
