/** How long after an answer in the daily session the page offers 撤销. */
export const UNDO_WINDOW_MS = 10_000;
/**
 * The server accepts an undo this much later than the page's window (the click's request still on
 * its way when the button disappears); after it, the answer stands.
 */
export const UNDO_GRACE_MS = 2_000;

/** Whether an answer recorded at `answeredAt` may still be undone at `now` (server time). */
export function canUndo(answeredAt: Date, now: Date): boolean {
  // Instances' clocks may differ by a little: an instant "before" the answer is within the window.
  return now.getTime() - answeredAt.getTime() <= UNDO_WINDOW_MS + UNDO_GRACE_MS;
}
