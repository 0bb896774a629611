CREATE INDEX "corrections_project_idx" ON "corrections" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "evidence_files_stage_event_idx" ON "evidence_files" USING btree ("stage_event_id");--> statement-breakpoint
CREATE INDEX "leads_project_idx" ON "leads" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_stage_events_corrects_idx" ON "project_stage_events" USING btree ("corrects_event_id") WHERE "project_stage_events"."corrects_event_id" is not null;--> statement-breakpoint
CREATE INDEX "visits_project_idx" ON "visits" USING btree ("project_id");