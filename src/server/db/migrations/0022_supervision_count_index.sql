DROP INDEX "projects_next_due_idx";--> statement-breakpoint
CREATE INDEX "projects_next_due_idx" ON "projects" USING btree ("next_due_on","warn_from_on","unit_id");