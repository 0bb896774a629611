-- Issue 13, finding an enterprise: the listed enterprises by their own partial index, so that a search filtered to
-- listed enterprises with no words typed starts from the few listed rows instead of reading the whole library.
CREATE INDEX "enterprises_listed_idx" ON "enterprises" USING btree ("id") WHERE "listing_exchange" IS NOT NULL;
