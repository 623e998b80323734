/**
 * A learner's review log as the FSRS optimizer reads it: one review sequence per card, intervals in
 * the learner's study days (each review row keeps the study day it fell on, 04:00 in the learner's
 * time zone: see app/study/day.ts), ratings binary — Again (1) for a wrong answer, Good (3) for a
 * right one, as the scheduler rates them. Pure: no database, no optimizer.
 */
import { daysBetween } from "~/study/day";

export interface ReviewRecord {
  cardId: string;
  /** Stored rating: 1 Again, 3 Good (anything but 1 counts as Good). */
  rating: number;
  /** The learner's study day, YYYY-MM-DD. */
  studyDay: string;
  /** Epoch ms. */
  reviewedAt: number;
}

export interface ReviewStep {
  rating: 1 | 3;
  /** Study days since the card's previous review; 0 for its first review and for same-day ones. */
  deltaT: number;
}

/** One prediction the optimizer learns from: a card's reviews up to and including the one predicted. */
export interface HistoryItem {
  steps: ReviewStep[];
  /** Epoch ms of the review predicted (the last step): the time-series split orders by it. */
  at: number;
}

/** Below these the optimizer has too little to learn from: the defaults stay. */
export const MIN_REVIEWS = 400;
export const MIN_STUDY_DAYS = 14;
/** Share of the items (the earliest) fitted on; the rest, later, is predicted to compare sets. */
export const TRAIN_SHARE = 0.75;

export function binaryRating(rating: number): 1 | 3 {
  return rating === 1 ? 1 : 3;
}

/** Every card's sequence, as items ordered by the time of the review they predict. */
export function historyItems(reviews: readonly ReviewRecord[]): HistoryItem[] {
  const byCard = new Map<string, ReviewRecord[]>();
  for (const review of reviews) {
    const list = byCard.get(review.cardId);
    if (list) list.push(review);
    else byCard.set(review.cardId, [review]);
  }
  const items: HistoryItem[] = [];
  for (const list of byCard.values()) {
    list.sort((a, b) => a.reviewedAt - b.reviewedAt);
    const steps: ReviewStep[] = list.map((review, i) => ({
      rating: binaryRating(review.rating),
      deltaT: i === 0 ? 0 : Math.max(0, daysBetween(list[i - 1]!.studyDay, review.studyDay)),
    }));
    // The first review has nothing before it to predict from; each later one is an item, once the
    // card has been seen on two study days (fsrs-rs refuses — aborts the process — on an item
    // made of same-day reviews only).
    let longTerm = false;
    for (let i = 1; i < steps.length; i++) {
      longTerm ||= steps[i]!.deltaT > 0;
      if (longTerm) items.push({ steps: steps.slice(0, i + 1), at: list[i]!.reviewedAt });
    }
  }
  return items.sort((a, b) => a.at - b.at);
}

export interface HistorySize {
  reviews: number;
  studyDays: number;
}

export function historySize(reviews: readonly ReviewRecord[]): HistorySize {
  return { reviews: reviews.length, studyDays: new Set(reviews.map((r) => r.studyDay)).size };
}

/** What is missing before a fit can run (both 0: enough). */
export function missingHistory(size: HistorySize): { reviews: number; studyDays: number } {
  return { reviews: Math.max(0, MIN_REVIEWS - size.reviews), studyDays: Math.max(0, MIN_STUDY_DAYS - size.studyDays) };
}

export function hasEnoughHistory(size: HistorySize): boolean {
  const missing = missingHistory(size);
  return missing.reviews === 0 && missing.studyDays === 0;
}

/**
 * The time-series split: the earlier items to fit on, the later to evaluate on. Items that predict
 * reviews at the same instant stay on one side; the later side only counts items with a review a day
 * or more after the card's previous one (same-day steps say little about the forgetting curve).
 */
export function timeSeriesSplit(
  items: readonly HistoryItem[],
  trainShare = TRAIN_SHARE,
): { train: HistoryItem[]; test: HistoryItem[] } {
  if (items.length === 0) return { train: [], test: [] };
  let cut = Math.min(items.length - 1, Math.max(1, Math.floor(items.length * trainShare)));
  while (cut < items.length && items[cut]!.at === items[cut - 1]!.at) cut++;
  return { train: items.slice(0, cut), test: items.slice(cut).filter((item) => item.steps.at(-1)!.deltaT > 0) };
}
