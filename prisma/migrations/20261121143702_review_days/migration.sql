-- DropIndex
DROP INDEX "reviews_user_id_reviewed_at_idx";

-- CreateTable
CREATE TABLE "review_days" (
    "user_id" UUID NOT NULL,
    "study_day" TEXT NOT NULL,
    "reviews" INTEGER NOT NULL,
    "correct" INTEGER NOT NULL,
    "due" INTEGER NOT NULL,
    "due_correct" INTEGER NOT NULL,
    "duration_ms" BIGINT NOT NULL,

    CONSTRAINT "review_days_pkey" PRIMARY KEY ("user_id","study_day")
);

-- CreateIndex
CREATE INDEX "reviews_user_id_reviewed_at_was_due_correct_knowledge_point_idx" ON "reviews"("user_id", "reviewed_at", "was_due", "correct", "knowledge_point_id");

-- AddForeignKey
ALTER TABLE "review_days" ADD CONSTRAINT "review_days_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept by a statement-level trigger, so bulk inserts (imports, seeds) cost one aggregate each.
CREATE FUNCTION rollup_review_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "review_days" ("user_id", "study_day", "reviews", "correct", "due", "due_correct", "duration_ms")
  SELECT "user_id", "study_day", count(*), count(*) FILTER (WHERE "correct"), count(*) FILTER (WHERE "was_due"),
         count(*) FILTER (WHERE "was_due" AND "correct"), coalesce(sum("duration_ms"), 0)
    FROM new_reviews
   GROUP BY "user_id", "study_day"
  ON CONFLICT ("user_id", "study_day") DO UPDATE SET
    "reviews" = "review_days"."reviews" + EXCLUDED."reviews",
    "correct" = "review_days"."correct" + EXCLUDED."correct",
    "due" = "review_days"."due" + EXCLUDED."due",
    "due_correct" = "review_days"."due_correct" + EXCLUDED."due_correct",
    "duration_ms" = "review_days"."duration_ms" + EXCLUDED."duration_ms";
  RETURN NULL;
END $$;

CREATE TRIGGER reviews_rollup_days AFTER INSERT ON "reviews"
  REFERENCING NEW TABLE AS new_reviews FOR EACH STATEMENT EXECUTE FUNCTION rollup_review_days();

-- Reviews recorded before this migration.
INSERT INTO "review_days" ("user_id", "study_day", "reviews", "correct", "due", "due_correct", "duration_ms")
SELECT "user_id", "study_day", count(*), count(*) FILTER (WHERE "correct"), count(*) FILTER (WHERE "was_due"),
       count(*) FILTER (WHERE "was_due" AND "correct"), coalesce(sum("duration_ms"), 0)
  FROM "reviews" GROUP BY "user_id", "study_day";
