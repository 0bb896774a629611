CREATE TABLE "login_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"account" text,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone,
	CONSTRAINT "login_throttles_kind_check" CHECK ("login_throttles"."kind" in ('account', 'pair', 'address')),
	CONSTRAINT "login_throttles_failures_check" CHECK ("login_throttles"."failures" >= 0)
);
--> statement-breakpoint
CREATE INDEX "login_throttles_account_idx" ON "login_throttles" USING btree ("account");