-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "undone_at" TIMESTAMPTZ(3);

-- The review log is append-only: the one change a row may take is being marked undone, once.
CREATE FUNCTION reviews_only_undo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."undone_at" IS NOT NULL OR NEW."undone_at" IS NULL
     OR (to_jsonb(NEW) - 'undone_at') IS DISTINCT FROM (to_jsonb(OLD) - 'undone_at') THEN
    RAISE EXCEPTION 'reviews are immutable: a review can only be marked undone, once';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER reviews_immutable BEFORE UPDATE ON "reviews" FOR EACH ROW EXECUTE FUNCTION reviews_only_undo();

-- An undone review leaves the day's rollup (it was added when it was inserted).
CREATE FUNCTION rollup_review_days_undo() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "review_days" d SET
    "reviews" = d."reviews" - u.reviews,
    "correct" = d."correct" - u.correct,
    "due" = d."due" - u.due,
    "due_correct" = d."due_correct" - u.due_correct,
    "duration_ms" = d."duration_ms" - u.duration_ms
  FROM (
    SELECT n."user_id", n."study_day", count(*)::int AS reviews, (count(*) FILTER (WHERE n."correct"))::int AS correct,
           (count(*) FILTER (WHERE n."was_due"))::int AS due, (count(*) FILTER (WHERE n."was_due" AND n."correct"))::int AS due_correct,
           coalesce(sum(n."duration_ms"), 0) AS duration_ms
      FROM new_reviews n JOIN old_reviews o ON o."id" = n."id"
     WHERE o."undone_at" IS NULL AND n."undone_at" IS NOT NULL
     GROUP BY n."user_id", n."study_day"
  ) u
  WHERE d."user_id" = u."user_id" AND d."study_day" = u."study_day";
  -- A day whose only reviews were undone is no study day (streaks, heatmap).
  DELETE FROM "review_days" d USING new_reviews n WHERE d."user_id" = n."user_id" AND d."study_day" = n."study_day" AND d."reviews" <= 0;
  RETURN NULL;
END $$;

CREATE TRIGGER reviews_rollup_days_undo AFTER UPDATE ON "reviews"
  REFERENCING OLD TABLE AS old_reviews NEW TABLE AS new_reviews FOR EACH STATEMENT EXECUTE FUNCTION rollup_review_days_undo();

-- The group reports' due-review index holds effective reviews only.
DROP INDEX "reviews_due_user_id_reviewed_at_idx";
CREATE INDEX "reviews_due_user_id_reviewed_at_idx" ON "reviews" ("user_id", "reviewed_at") INCLUDE ("knowledge_point_id", "correct") WHERE "was_due" AND "undone_at" IS NULL;
