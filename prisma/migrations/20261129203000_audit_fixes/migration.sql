-- CreateEnum
CREATE TYPE "SourceOrigin" AS ENUM ('directory', 'upload');

-- AlterTable
ALTER TABLE "assignments" ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "source_files" ADD COLUMN     "directory_hash" TEXT,
ADD COLUMN     "origin" "SourceOrigin" NOT NULL DEFAULT 'directory';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "must_change_password" BOOLEAN NOT NULL DEFAULT false;

-- Backfill: a file whose latest successful import was an upload keeps the uploaded version; the
-- others were last imported from content/ with the bytes they hold now.
UPDATE "source_files" s SET "origin" = 'upload'
WHERE (
  SELECT r."source" FROM "import_runs" r, jsonb_array_elements(r."result"->'files') f
  WHERE f->>'file' = s."name" AND f->>'status' = 'imported'
  ORDER BY r."created_at" DESC LIMIT 1
) = 'upload';
UPDATE "source_files" SET "directory_hash" = "content_hash" WHERE "origin" = 'directory' AND "rejection" IS NULL;
