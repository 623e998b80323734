// 撤销 on the study page: the last answer taken back within seconds, its question shown again.
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireApiUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { studySessionOf } from "~/study/search";
import { StudyError } from "~/study/session.server";
import { undoAnswer } from "~/study/undo.server";

const undoSchema = z.object({ token: z.string().min(10).max(100) });

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "只接受 POST。" }, { status: 405 });
  const user = await requireApiUser(request);
  const parsed = undoSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "撤销请求无效，请刷新页面后重试。" }, { status: 400 });
  try {
    const next = await undoAnswer(
      user.id,
      parsed.data.token,
      requestNow(request, context),
      studySessionOf(request.url),
    );
    return Response.json({ next, summary: null });
  } catch (error) {
    if (error instanceof StudyError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
