/** Stores a synthetic learner (synthetic.ts) as real cards and reviews: for tests and the bench. */
import { prisma } from "~/db.server";
import type { SyntheticLearner } from "./synthetic";

export interface PointRef {
  knowledgePointId: string;
  questionId: string;
}

/** Card i of the learner goes on points[i] (there must be enough points). */
export async function storeSyntheticLearner(
  userId: string,
  learner: SyntheticLearner,
  points: readonly PointRef[],
): Promise<void> {
  if (learner.cards.length > points.length)
    throw new Error(`${learner.cards.length} cards need as many knowledge points; ${points.length} given`);
  const ids = learner.cards.map(() => crypto.randomUUID());
  // A card is created by its first review (what a daily session's new-card count reads).
  const createdAt = new Map<number, Date>();
  for (const review of learner.reviews) if (!createdAt.has(review.card)) createdAt.set(review.card, review.reviewedAt);
  await prisma.card.createMany({
    data: learner.cards.map((card, i) => ({
      id: ids[i]!,
      userId,
      knowledgePointId: points[i]!.knowledgePointId,
      ...card,
      recentFormats: [],
      createdAt: createdAt.get(i) ?? card.due,
    })),
  });
  for (let start = 0; start < learner.reviews.length; start += 2000) {
    await prisma.review.createMany({
      data: learner.reviews.slice(start, start + 2000).map((r) => ({
        userId,
        cardId: ids[r.card]!,
        knowledgePointId: points[r.card]!.knowledgePointId,
        questionId: points[r.card]!.questionId,
        mode: "study" as const,
        answer: [],
        correct: r.correct,
        rating: r.rating,
        durationMs: 5000,
        wasDue: r.wasDue,
        stateBefore: JSON.parse(JSON.stringify(r.before)),
        stateAfter: JSON.parse(JSON.stringify(r.after)),
        studyDay: r.studyDay,
        reviewedAt: r.reviewedAt,
      })),
    });
  }
}
