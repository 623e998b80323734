import { data, type AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { requestNow } from "~/clock.server";
import { bookmarkShown } from "./bookmarks.server";
import { StudyError, reportQuestion, submitAnswer } from "./session.server";

const answerSchema = z.object({
  intent: z.literal("answer"),
  token: z.string().min(10).max(100),
  answer: z.array(z.string().max(500)).max(10),
  durationMs: z.coerce.number().int().min(0).catch(0),
});
const bookmarkSchema = z.object({ intent: z.literal("bookmark"), token: z.string().min(10).max(100) });
const reportSchema = z.object({
  intent: z.literal("report"),
  token: z.string().min(10).max(100),
  // Over-long is refused, not stored as empty (the page's field stops at 500 already).
  comment: z.string().trim().max(500, "报告说明最多 500 个字。").default(""),
});

/** Answers, reports and bookmarks from the study page and from set practice and quizzes. */
export async function handleQuestionAction(request: Request, userId: string, context?: AppLoadContext) {
  const form = await request.formData();
  const fields: Record<string, unknown> = { ...Object.fromEntries(form), answer: form.getAll("answer").map(String) };
  try {
    if (fields.intent === "report") {
      const parsed = reportSchema.safeParse(fields);
      if (!parsed.success)
        return data(
          { error: parsed.error.issues[0]?.path[0] === "comment" ? parsed.error.issues[0].message : "报告内容无效。" },
          { status: 400 },
        );
      await reportQuestion(userId, parsed.data.token, parsed.data.comment);
      return { reported: true };
    }
    if (fields.intent === "bookmark") {
      const parsed = bookmarkSchema.safeParse(fields);
      if (!parsed.success) return data({ error: "收藏失败，请刷新页面后重试。" }, { status: 400 });
      await bookmarkShown(userId, parsed.data.token);
      return { bookmarked: true };
    }
    const parsed = answerSchema.safeParse(fields);
    if (!parsed.success) return data({ error: "提交的答案无效，请刷新页面后重试。" }, { status: 400 });
    const result = await submitAnswer(
      userId,
      parsed.data.token,
      parsed.data.answer,
      parsed.data.durationMs,
      requestNow(request, context),
    );
    return { result };
  } catch (error) {
    if (error instanceof StudyError) return data({ error: error.message }, { status: error.status });
    throw error;
  }
}
