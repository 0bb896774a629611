ALTER TABLE "notifications" DROP CONSTRAINT "notifications_level_check";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "actor_user_id" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_level_check" CHECK ("notifications"."level" in ('dueSoon','overdue','underReview','notDuplicate','creditSplit','merged','mergeUndone'));