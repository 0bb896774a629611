CREATE TABLE "leader_levels" (
	"key" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"role" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "leader_levels_role_check" CHECK ("leader_levels"."role" in ('principal','leader','other')),
	CONSTRAINT "leader_levels_key_check" CHECK ("leader_levels"."key" ~ '^[A-Za-z][A-Za-z0-9]{0,29}$')
);
--> statement-breakpoint
-- The default levels (domain.md §5); the bureau renames, adds and deactivates them.
INSERT INTO "leader_levels" ("key", "name_zh", "name_en", "role", "sort") VALUES
  ('principal', '主要领导', 'Principal leader', 'principal', 1),
  ('inCharge', '分管领导', 'Leader in charge', 'leader', 2),
  ('countyHead', '县区党政主要负责人', 'County head', 'leader', 3),
  ('department', '部门负责人', 'Department head', 'other', 4),
  ('staff', '工作人员', 'Staff', 'other', 5);--> statement-breakpoint
ALTER TABLE "trips" DROP CONSTRAINT "trips_level_check";--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_leader_level_leader_levels_key_fk" FOREIGN KEY ("leader_level") REFERENCES "public"."leader_levels"("key") ON DELETE restrict ON UPDATE no action;