// The study page's answers, as JSON: the page posts here with fetch and gets the result with the
// next question, so a question costs one request (see answerAndContinue).
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireApiUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { studySessionOf } from "~/study/search";
import { StudyError, answerAndContinue, studyView } from "~/study/session.server";

const answerSchema = z.object({
  token: z.string().min(10).max(100),
  answer: z.array(z.string().max(500)).max(10),
  durationMs: z.coerce.number().int().min(0).catch(0),
});

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "只接受 POST。" }, { status: 405 });
  const user = await requireApiUser(request);
  const parsed = answerSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "提交的答案无效，请刷新页面后重试。" }, { status: 400 });
  const { token, answer, durationMs } = parsed.data;
  const now = requestNow(request, context);
  try {
    const { result, next } = await answerAndContinue(
      user.id,
      { token, submitted: answer, durationMs },
      now,
      studySessionOf(request.url),
    );
    return Response.json(next ? { result, ...(await studyView(user.id, now, next)) } : { result });
  } catch (error) {
    if (error instanceof StudyError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
