-- Due reviews only (the denominator of true retention), per learner and time, carrying the point and
-- the outcome: a group report's weakest points read a range of its members' due reviews from this
-- index alone. The covering index on all reviews holds 40 % more entries per range and, over a
-- group of 1,000, more pages than the default shared_buffers, so that query evicted the rest of the
-- report's pages on every request. Prisma's schema language has no partial or INCLUDE indexes: this
-- one exists only here (prisma/schema.prisma says so on the Review model).
CREATE INDEX "reviews_due_user_id_reviewed_at_idx" ON "reviews" ("user_id", "reviewed_at") INCLUDE ("knowledge_point_id", "correct") WHERE "was_due";
