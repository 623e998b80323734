-- AlterTable
ALTER TABLE "cards" ADD COLUMN     "recent_formats" "QuestionFormat"[] DEFAULT ARRAY[]::"QuestionFormat"[];

-- Hand-written: the formats of each card's last five reviews, from the review log.
UPDATE "cards" c SET "recent_formats" = f.formats
  FROM (
    SELECT r.card_id, array_agg(r.format ORDER BY r.reviewed_at DESC) AS formats
      FROM (
        SELECT r.card_id, q.format, r.reviewed_at,
               row_number() OVER (PARTITION BY r.card_id ORDER BY r.reviewed_at DESC) AS n
          FROM "reviews" r JOIN "questions" q ON q.id = r.question_id
      ) r
     WHERE r.n <= 5
     GROUP BY r.card_id
  ) f
 WHERE f.card_id = c.id;
