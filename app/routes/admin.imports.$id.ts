import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAdmin } from "~/auth/session.server";
import { importRunStatus } from "~/documents/import-jobs.server";

const NO_STORE = { "Cache-Control": "no-store" };

/** An import run's status, polled by the documents page while the run is queued or running. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = z.uuid().safeParse(params.id);
  const status = id.success ? await importRunStatus(id.data) : null;
  if (!status) return Response.json({ error: "导入记录不存在。" }, { status: 404, headers: NO_STORE });
  return Response.json(status, { headers: NO_STORE });
}
