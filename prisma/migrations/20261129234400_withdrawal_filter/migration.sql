-- Withdrawn assignments are now left out by `withdrawn_at IS NULL` in every learner-side query
-- instead of by an opening time moved to 9999-12-31: put back the real opening time, kept until
-- now in withdrawn_opens_at, then drop that column.
UPDATE "assignments" SET "opens_at" = "withdrawn_opens_at" WHERE "withdrawn_at" IS NOT NULL;

-- AlterTable
ALTER TABLE "assignments" DROP COLUMN "withdrawn_opens_at";
