import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requestNow } from "~/clock.server";
import { csvResponse } from "~/csv";
import { exportCsv, exportFileName, type ExportName } from "./exports";
import { requireGroupManager } from "./groups.server";
import { getGroupReport } from "./report.server";

const paramsSchema = z.object({ id: z.string().uuid() });
const searchSchema = z.object({
  from: z.string().max(10).optional().catch(undefined),
  to: z.string().max(10).optional().catch(undefined),
});

/** The loader of each /groups/:id/report/*.csv route: the report's guard, the report's range. */
export function csvLoader(name: ExportName) {
  return async ({ request, params }: LoaderFunctionArgs) => {
    const parsed = paramsSchema.safeParse(params);
    if (!parsed.success) throw new Response("小组不存在", { status: 404 });
    await requireGroupManager(request, parsed.data.id);
    const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const report = await getGroupReport(parsed.data.id, search, requestNow(request));
    const { fileName, ascii } = exportFileName(report, name);
    return csvResponse(exportCsv(report, name), fileName, ascii);
  };
}
