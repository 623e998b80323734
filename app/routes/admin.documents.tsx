import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import {
  collectUploads,
  listDocuments,
  setDocumentArchived,
  type IncomingFile,
  type UploadResult,
} from "~/admin/documents.server";
import { startUploadImport, type ImportRunStatus } from "~/documents/import-jobs.server";
import { requireAdmin } from "~/auth/session.server";
import { ConfirmAction } from "~/components/admin/confirm";
import { FilePicker } from "~/components/admin/file-picker";
import { formatDateTime } from "~/components/admin/format";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from "~/components/admin/limits";
import { Badge, Notice, Panel, Spinner, buttonClass } from "~/components/admin/ui";
import { EmptyState } from "~/components/empty-state";
import { formatDate, kindLabel } from "~/documents/labels";
import { importStatusLabel, type ImportStatus } from "~/vocabulary";
import { NUL_IN_FILE_NAME_MESSAGE, isNulInPartHeader } from "~/auth/nul";

export const meta: MetaFunction = () => [{ title: "文档管理 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return listDocuments();
}

type ActionResult =
  | { intent: "upload"; ok: true; runId: string }
  | { intent: "upload"; ok: false; message: string }
  | { intent: "archive"; ok: boolean; message: string };

const archiveSchema = z.object({
  intent: z.enum(["archive", "unarchive"]),
  documentId: z.uuid("文档编号无效"),
});

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const files: IncomingFile[] = [];
    try {
      await unstable_parseMultipartFormData(request, collectUploads(files));
    } catch (error) {
      const message = isNulInPartHeader(error)
        ? NUL_IN_FILE_NAME_MESSAGE
        : "上传的表单无法读取，请重新选择文件后再试。";
      return data<ActionResult>({ intent: "upload", ok: false, message }, { status: 400 });
    }
    if (files.length === 0)
      return data<ActionResult>({ intent: "upload", ok: false, message: "请选择要上传的文件。" }, { status: 400 });
    if (files.length > MAX_UPLOAD_FILES) {
      return data<ActionResult>(
        { intent: "upload", ok: false, message: `一次最多上传 ${MAX_UPLOAD_FILES} 个文件。` },
        { status: 400 },
      );
    }
    // Parsing and generation run in the background; the page follows the run (202: accepted).
    const { runId } = await startUploadImport(admin.id, files);
    return data<ActionResult>({ intent: "upload", ok: true, runId }, { status: 202 });
  }
  const parsed = archiveSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data<ActionResult>(
      { intent: "archive", ok: false, message: "无法识别的操作，请刷新页面后重试。" },
      { status: 400 },
    );
  const outcome = await setDocumentArchived(parsed.data.documentId, parsed.data.intent === "archive");
  return data<ActionResult>({ intent: "archive", ...outcome }, { status: outcome.ok ? 200 : 404 });
}

const STATUS: Record<string, { label: string; color: "green" | "stone" | "red" | "amber" }> = {
  imported: { label: "已导入", color: "green" },
  unchanged: { label: "无变化", color: "stone" },
  rejected: { label: "未导入", color: "red" },
  failed: { label: "导入失败", color: "red" },
};

const RUN_STATUS_COLOR: Record<ImportStatus, "green" | "stone" | "red" | "amber"> = {
  queued: "amber",
  running: "amber",
  done: "green",
  failed: "red",
  interrupted: "red",
};

function formatBytes(size: number) {
  return size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`;
}

function UploadResults({ result }: { result: UploadResult }) {
  const generation = result.generation;
  // 去审核 opens the drafts of what was uploaded: one document's, or the whole queue's for several.
  const withDrafts = result.files.filter((file) => file.newDraftQuestions > 0).flatMap((file) => file.documents);
  const reviewLink = withDrafts.length === 1 ? `/admin/questions?document=${withDrafts[0]!.id}` : "/admin/questions";
  return (
    <div className="space-y-3" aria-live="polite">
      <h3 className="text-sm font-semibold text-stone-700">导入结果（用时 {(result.ms / 1000).toFixed(1)} 秒）</h3>
      <ul className="space-y-3">
        {result.files.map((file, index) => {
          const status = STATUS[file.status] ?? { label: file.status, color: "stone" as const };
          const kp = file.knowledgePoints;
          const revised = kp.kept > 0 || kp.retired > 0;
          return (
            <li
              key={`${file.file}-${index}`}
              className="rounded-lg border border-stone-200 p-3"
              data-testid="upload-result"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="break-all font-medium">{file.file}</span>
                <Badge color={status.color}>{status.label}</Badge>
              </div>
              {file.reason ? <p className="mt-1 text-sm text-red-700">{file.reason}</p> : null}
              {file.status === "unchanged" ? (
                <p className="mt-1 text-sm text-stone-600">与已导入的版本完全相同，没有改动。</p>
              ) : null}
              {file.status === "imported" || file.status === "unchanged" ? (
                <>
                  <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
                    <div>
                      <dt className="text-stone-500">文档</dt>
                      <dd className="font-medium">{file.documents.length}</dd>
                    </div>
                    <div>
                      <dt className="text-stone-500">段落</dt>
                      <dd className="font-medium">{file.passages}</dd>
                    </div>
                    <div>
                      <dt className="text-stone-500">考点</dt>
                      <dd className="font-medium">{kp.total}</dd>
                    </div>
                    <div>
                      <dt className="text-stone-500">新增待审题目</dt>
                      <dd className="font-medium">{file.newDraftQuestions}</dd>
                    </div>
                  </dl>
                  {revised ? (
                    <p
                      className="mt-2 rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-900"
                      data-testid="revision-summary"
                    >
                      修订版本：保留考点 {kp.kept} 个，退役 {kp.retired} 个，新增 {kp.created}{" "}
                      个。学员在保留考点上的学习记录不受影响。
                    </p>
                  ) : null}
                  {file.documents.length > 0 ? (
                    <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm">
                      {file.documents.map((doc) => (
                        <li key={doc.id}>
                          <Link
                            to={`/documents/${doc.id}`}
                            className="text-brand-700 underline-offset-2 hover:underline"
                          >
                            《{doc.title}》
                          </Link>
                          {file.newDraftQuestions > 0 ? (
                            <Link
                              to={`/admin/questions?document=${doc.id}`}
                              className="ml-2 text-stone-600 underline-offset-2 hover:underline"
                            >
                              审核草稿
                            </Link>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      {generation ? (
        <p className="text-sm text-stone-600">
          题库已更新：考点新增 {generation.knowledgePoints.created}、保留 {generation.knowledgePoints.kept}、退役{" "}
          {generation.knowledgePoints.retired}；题目新增 {generation.questions.created}（草稿，待审核）、更新{" "}
          {generation.questions.updated}、退役 {generation.questions.retired}。{" "}
          {generation.questions.created > 0 ? (
            <Link to={reviewLink} className="text-brand-700 hover:underline">
              去审核
            </Link>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

const ACTIVE = new Set(["queued", "running"]);

/**
 * Follows an import run: asks for its status once a second while it is queued or running (one
 * request at a time, each a second after the last answered), stops when it ends, and then reloads
 * the page's data once so the documents table shows what the run stored. Plain fetch on the
 * resource route: the poll must not depend on the router's revalidation of fetchers.
 */
function useImportRun(runId: string | null): ImportRunStatus | null {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [status, setStatus] = useState<ImportRunStatus | null>(null);
  useEffect(() => {
    setStatus(null);
    if (!runId) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const response = await fetch(`/admin/imports/${runId}`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (response.status === 403 || response.status === 404) {
          setStatus({
            id: runId,
            status: "failed",
            error: "无法查看这次导入的进度：记录不存在或没有权限。",
          } as ImportRunStatus);
          return;
        }
        if (response.ok) {
          const current = (await response.json()) as ImportRunStatus;
          failures = 0;
          setStatus(current);
          if (!ACTIVE.has(current.status)) {
            revalidate.current();
            return;
          }
        } else failures++;
      } catch {
        if (controller.signal.aborted) return;
        failures++;
      }
      // A server restarting or a network hiccup: keep asking, less often.
      timer = setTimeout(() => void poll(), failures === 0 ? 1000 : Math.min(10_000, 1000 * 2 ** failures));
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [runId]);
  return status;
}

function ImportProgress({ status }: { status: ImportRunStatus | null }) {
  if (!status || ACTIVE.has(status.status)) {
    const step = status?.status === "running" ? (status.stageLabel ?? "处理中") : "排队中";
    const files =
      status && status.filesTotal > 0 && status.stage === "parsing"
        ? `，${status.filesDone}/${status.filesTotal} 个文件`
        : "";
    return (
      <Notice tone="info">
        <span className="inline-flex items-center gap-2" data-testid="import-progress">
          <Spinner /> 正在后台导入：{step}
          {files}…
        </span>
        <span className="mt-1 block text-stone-500">
          导入在服务器后台进行，不影响其他页面；可以离开此页面，稍后回来查看结果（
          <a href="/admin/documents" className="text-brand-700 underline-offset-2 hover:underline">
            刷新
          </a>
          ）。
        </span>
      </Notice>
    );
  }
  if (status.status === "done")
    return <UploadResults result={{ ...(status.result as Omit<UploadResult, "runId">), runId: status.id }} />;
  return <Notice tone="error">{status.error ?? "导入未完成。"}</Notice>;
}

function UploadForm({ lastResult, activeRunId }: { lastResult: ActionResult | undefined; activeRunId: string | null }) {
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const [chosen, setChosen] = useState<{ name: string; size: number }[]>([]);
  const tooLarge = chosen.filter((f) => f.size > MAX_UPLOAD_BYTES);
  // The run to follow: the one this page just started, else one already under way (a reload, or
  // another administrator's upload). Kept once chosen, so its result stays after it ends.
  const submitted = lastResult?.intent === "upload" && lastResult.ok ? lastResult.runId : null;
  const [followed, setFollowed] = useState<string | null>(submitted ?? activeRunId);
  useEffect(() => {
    if (submitted) setFollowed(submitted);
    else if (activeRunId) setFollowed((current) => current ?? activeRunId);
  }, [submitted, activeRunId]);
  const status = useImportRun(followed);
  const running = followed !== null && (status === null || ACTIVE.has(status.status));
  const uploading = submitting || running;
  return (
    <Panel id="upload-title" title="上传文档">
      <Form method="post" encType="multipart/form-data" className="space-y-3">
        <p className="text-sm text-stone-600">
          支持 .txt、.md（UTF-8 或 GBK）、.docx 和文字版 .pdf，每个文件不超过 10
          MB，可一次选择多个。上传同名文件即为修订版本：未变的考点及学员记录保留，消失的考点退役，新考点作为草稿等待审核。
        </p>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <FilePicker
            id="upload-files"
            label="选择文件"
            name="files"
            multiple
            required
            accept=".txt,.md,.docx,.pdf,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf"
            onFiles={(files) => setChosen(files.map((f) => ({ name: f.name, size: f.size })))}
          />
          <button type="submit" disabled={uploading} className={`${buttonClass("primary")} sm:w-auto`}>
            {uploading ? (
              <>
                <Spinner /> 正在导入…
              </>
            ) : (
              "上传并导入"
            )}
          </button>
        </div>
        {tooLarge.length > 0 ? (
          <Notice tone="error">
            {tooLarge.map((f) => `${f.name}（${formatBytes(f.size)}）`).join("、")} 超过 10 MB，上传后不会导入。
          </Notice>
        ) : null}
        {submitting ? (
          <Notice tone="info">
            <span className="inline-flex items-center gap-2">
              <Spinner /> 正在上传文件…
            </span>
          </Notice>
        ) : null}
      </Form>
      {lastResult?.intent === "upload" && !lastResult.ok && !submitting ? (
        <div className="mt-4">
          <Notice tone="error">{lastResult.message}</Notice>
        </div>
      ) : null}
      {followed && !submitting ? (
        <div className="mt-4" aria-live="polite">
          <ImportProgress status={status} />
        </div>
      ) : null}
    </Panel>
  );
}

export default function AdminDocuments() {
  const { documents, runs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const pendingDocument = navigation.state === "submitting" ? navigation.formData?.get("documentId") : null;
  const active = documents.filter((d) => !d.archivedAt).length;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">文档</h1>
        <p className="mt-1 text-sm text-stone-600">
          {active} 篇在用{documents.length > active ? `，${documents.length - active} 篇已归档` : ""}。
        </p>
      </div>

      <UploadForm lastResult={actionData} activeRunId={runs.find((run) => ACTIVE.has(run.status))?.id ?? null} />

      {actionData?.intent === "archive" ? (
        <Notice tone={actionData.ok ? "success" : "error"}>{actionData.message}</Notice>
      ) : null}

      {documents.length === 0 ? (
        <EmptyState title="还没有文档">上传第一份学习材料，系统会自动拆分段落、提取考点并生成题目。</EmptyState>
      ) : (
        <section aria-labelledby="documents-title" className="rounded-xl border border-stone-200 bg-white shadow-sm">
          <h2 id="documents-title" className="sr-only">
            文档列表
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-500">
                <tr>
                  <th className="px-3 py-2 font-medium">标题</th>
                  <th className="hidden px-3 py-2 font-medium md:table-cell">类型</th>
                  <th className="hidden px-3 py-2 font-medium lg:table-cell">文件</th>
                  <th className="px-3 py-2 text-right font-medium">段落</th>
                  <th className="px-3 py-2 text-right font-medium">考点</th>
                  <th className="px-3 py-2 text-right font-medium">
                    已审<span className="text-stone-400"> / </span>草稿
                  </th>
                  <th className="px-3 py-2 font-medium">
                    <span className="sr-only">操作</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {documents.map((doc) => (
                  <tr key={doc.id} className={doc.archivedAt ? "bg-stone-50 text-stone-500" : undefined}>
                    <td className="max-w-xs px-3 py-2 align-top">
                      <Link to={`/documents/${doc.id}`} className="font-medium text-stone-900 hover:text-brand-700">
                        {doc.title}
                      </Link>
                      <div className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-stone-500">
                        <span className="md:hidden">{kindLabel(doc.kind)}</span>
                        {doc.date ? <span>{formatDate(doc.date)}</span> : null}
                        {doc.region ? <span>{doc.region}</span> : null}
                        <span className="break-all lg:hidden">{doc.file}</span>
                        {doc.archivedAt ? <Badge>已归档 {formatDateTime(doc.archivedAt).slice(0, 10)}</Badge> : null}
                      </div>
                    </td>
                    <td className="hidden whitespace-nowrap px-3 py-2 align-top md:table-cell">
                      {kindLabel(doc.kind)}
                    </td>
                    <td className="hidden max-w-[12rem] break-all px-3 py-2 align-top text-xs text-stone-500 lg:table-cell">
                      {doc.file}
                    </td>
                    <td className="px-3 py-2 text-right align-top tabular-nums">{doc.passages}</td>
                    <td className="px-3 py-2 text-right align-top tabular-nums">{doc.points}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right align-top tabular-nums">
                      <span className="text-green-700">{doc.approved}</span>
                      <span className="text-stone-400"> / </span>
                      <span className={doc.draft > 0 ? "text-amber-700" : undefined}>{doc.draft}</span>
                    </td>
                    <td className="px-3 py-2 text-right align-top">
                      {doc.archivedAt ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="unarchive" />
                          <input type="hidden" name="documentId" value={doc.id} />
                          <button
                            type="submit"
                            disabled={pendingDocument === doc.id}
                            className={buttonClass("secondary", "sm")}
                          >
                            恢复
                          </button>
                        </Form>
                      ) : (
                        <ConfirmAction
                          label="归档"
                          confirmLabel="确认归档"
                          intent="archive"
                          fields={{ documentId: doc.id }}
                          pending={pendingDocument === doc.id}
                        >
                          归档《{doc.title}
                          》？它的题目将不再出现在新的学习中；学员已有的学习记录和成绩保留，可随时恢复。
                        </ConfirmAction>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {runs.length > 0 ? (
        <Panel id="runs-title" title="最近导入">
          <ul className="divide-y divide-stone-100 text-sm">
            {runs.map((run) => (
              <li key={run.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  {formatDateTime(run.createdAt)} ·{" "}
                  {run.source === "upload"
                    ? `上传${run.by ? `（${run.by}）` : ""}`
                    : run.source === "start"
                      ? "启动时导入"
                      : "命令行导入"}
                </span>
                <span className="flex items-center gap-2 text-stone-600">
                  <Badge color={RUN_STATUS_COLOR[run.status as ImportStatus] ?? "stone"}>
                    {importStatusLabel(run.status)}
                  </Badge>
                  {run.status === "done" ? (
                    <>
                      {run.files} 个文件，导入 {run.imported}
                      {run.rejected > 0 ? `，未导入 ${run.rejected}` : ""}
                    </>
                  ) : (
                    `${run.files} 个文件`
                  )}
                </span>
                {run.error && run.status !== "done" ? (
                  <span className="w-full text-xs text-red-700">{run.error}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
    </div>
  );
}
