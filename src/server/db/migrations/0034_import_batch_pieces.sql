CREATE TABLE "import_batch_files" (
	"batch_id" integer NOT NULL,
	"piece" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "import_batch_files_batch_id_piece_pk" PRIMARY KEY("batch_id","piece")
);
--> statement-breakpoint
CREATE TABLE "import_batch_rows" (
	"batch_id" integer NOT NULL,
	"piece" integer NOT NULL,
	"rows" jsonb NOT NULL,
	CONSTRAINT "import_batch_rows_batch_id_piece_pk" PRIMARY KEY("batch_id","piece")
);
--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "file_bytes" integer;--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "preview_rows" integer;--> statement-breakpoint
ALTER TABLE "import_batch_files" ADD CONSTRAINT "import_batch_files_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batch_rows" ADD CONSTRAINT "import_batch_rows_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "import_batch_files" ("batch_id", "piece", "bytes") SELECT "id", 0, "content" FROM "import_batches";--> statement-breakpoint
INSERT INTO "import_batch_rows" ("batch_id", "piece", "rows") SELECT "id", 0, "rows" FROM "import_batches" WHERE jsonb_array_length("rows") > 0;--> statement-breakpoint
UPDATE "import_batches" SET "file_bytes" = octet_length("content"), "preview_rows" = jsonb_array_length("rows");
