import { randomBytes } from "node:crypto";
import type { Format } from "./answers";
import { forget, readLearnerState } from "./learner-state.server";
import { chooseNext } from "./queue";
import { StudyError, withLearnerLock, type NextItem } from "./session.server";
import { canUndo } from "./undo";

interface UndoneRow {
  review_id: bigint;
  card_id: string;
  answered_at: Date;
  undone_at: Date | null;
  question_id: string;
  knowledge_point_id: string;
  options: string[];
  state_before: Record<string, unknown> & { state: string; reps: number };
  state_after: { reps: number };
  format: Format;
  stem: string;
  kind: string;
}

/**
 * 撤销: takes back the learner's last daily-session answer, within seconds of it (checked here, on
 * the server's clock). The review stays in the log, marked undone (`reviews.undone_at`; the
 * review_days rollup subtracts it and every reader leaves it out), the card returns to the state
 * the review recorded before the answer, and the same question is shown again with the same
 * options under a new token, so answering it records the one review that counts. The next question
 * the answer's response carried (not yet on screen: it shows on 继续) is dropped, unseen.
 *
 * Refused when the answer is not the card's latest (answered again since, in practice say), when
 * it was undone already, or after the window.
 */
export async function undoAnswer(
  userId: string,
  token: string,
  now: Date,
  session: { extraNew?: number; drill?: boolean } = {},
): Promise<NextItem> {
  const shown = await withLearnerLock(userId, async (tx) => {
    const [row] = await tx.$queryRaw<UndoneRow[]>`
      select r.id as review_id, r.card_id, p.answered_at, r.undone_at, p.question_id, p.knowledge_point_id, p.options,
             r.state_before, r.state_after, q.format::text as format, q.stem, kp.kind::text as kind
        from presentations p
        join reviews r on r.id = p.review_id
        join questions q on q.id = p.question_id
        join knowledge_points kp on kp.id = q.knowledge_point_id
       where p.token = ${token} and p.user_id = ${userId}::uuid and p.mode = 'study' and p.answered_at is not null
       for update of p, r`;
    if (!row) throw new StudyError("没有可以撤销的答案。", 404);
    if (row.undone_at) throw new StudyError("这次作答已经撤销了。", 409);
    if (!canUndo(row.answered_at, now)) throw new StudyError("撤销时间已过：作答后 10 秒内才能撤销。", 409);
    const [card] = await tx.$queryRaw<
      { reps: number }[]
    >`select reps from cards where id = ${row.card_id}::uuid for update`;
    if (!card || card.reps !== row.state_after.reps) throw new StudyError("这道题之后又作答过，不能撤销。", 409);

    const before = row.state_before as {
      state: string;
      due: string;
      stability: number;
      difficulty: number;
      elapsedDays: number;
      scheduledDays: number;
      learningSteps: number;
      reps: number;
      lapses: number;
      lastReview: string | null;
    };
    await tx.$executeRaw`update reviews set undone_at = ${now} where id = ${row.review_id}`;
    // The format this answer put first in the card's recent formats goes with it.
    await tx.$executeRaw`
      update cards set state = ${before.state}::"CardState", due = ${new Date(before.due)}, stability = ${before.stability},
             difficulty = ${before.difficulty}, elapsed_days = ${before.elapsedDays}, scheduled_days = ${before.scheduledDays},
             learning_steps = ${before.learningSteps}, reps = ${before.reps}, lapses = ${before.lapses},
             last_review = ${before.lastReview === null ? null : new Date(before.lastReview)},
             recent_formats = coalesce(recent_formats[2:], '{}')
       where id = ${row.card_id}::uuid`;
    // The question the answer's response brought along (shown only on 继续, which the undo replaced)
    // was never seen: it goes, so the session picks afresh after the answer that counts.
    await tx.$executeRaw`
      delete from presentations
       where user_id = ${userId}::uuid and mode = 'study' and answered_at is null and issued_at >= ${row.answered_at}`;
    const reshown = randomBytes(24).toString("base64url");
    await tx.$executeRaw`
      insert into presentations (token, user_id, question_id, knowledge_point_id, mode, options, issued_at)
      values (${reshown}, ${userId}::uuid, ${row.question_id}::uuid, ${row.knowledge_point_id}::uuid, 'study', ${row.options}::text[], ${now})`;
    return {
      token: reshown,
      format: row.format,
      stem: row.stem,
      options: row.options,
      kind: row.kind,
      isNew: before.state === "new",
    };
  });
  forget(userId);

  // The day's progress without the undone answer (the card trigger bumped the learner's version, so
  // this reads the state afresh).
  const state = await readLearnerState(userId, now, { extraNew: session.extraNew ?? 0, drill: session.drill ?? false });
  const progress = (state && chooseNext(state, now)?.progress) ?? { done: 0, remaining: 1, learning: 0 };
  return { done: false, question: shown, progress: { ...progress, remaining: Math.max(progress.remaining, 1) } };
}
