ALTER TABLE "import_batches" ALTER COLUMN "file_bytes" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "import_batches" DROP COLUMN "content";--> statement-breakpoint
ALTER TABLE "import_batches" DROP COLUMN "rows";