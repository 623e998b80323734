import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { MAX_CSV_BYTES, MAX_CSV_ROWS, bulkCreateUsers, type BulkCreateResult } from "~/admin/users.server";
import { NUL_IN_FILE_NAME_MESSAGE, isNulInPartHeader } from "~/auth/nul";
import { requireAdmin } from "~/auth/session.server";
import { FilePicker } from "~/components/admin/file-picker";
import { Notice, Panel, Spinner, buttonClass } from "~/components/admin/ui";

export const meta: MetaFunction = () => [{ title: "批量导入用户 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { maxRows: MAX_CSV_ROWS, maxMb: MAX_CSV_BYTES / 1024 / 1024 };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const refuse = (reason: string) => data<BulkCreateResult>({ ok: false, reason, errors: [] }, { status: 400 });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return refuse(`文件超过 ${MAX_CSV_BYTES / 1024 / 1024} MB，请拆分后上传。`);
    if (isNulInPartHeader(error)) return refuse(NUL_IN_FILE_NAME_MESSAGE);
    return refuse("上传的表单无法读取，请重新选择文件后再试。");
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return refuse(file instanceof File && file.name ? "文件为空" : "请选择 CSV 文件。");
  const result = await bulkCreateUsers(admin.id, new Uint8Array(await file.arrayBuffer()));
  // Temporary passwords travel in this response only: no cache may keep them.
  return data<BulkCreateResult>(result, { status: result.ok ? 200 : 400, headers: { "Cache-Control": "no-store" } });
}

/** A link that downloads the credentials as a UTF-8 CSV with BOM (so Excel shows the Chinese). */
function downloadHref(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
}

export default function ImportUsers() {
  const { maxRows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const importing = navigation.state === "submitting";
  const stamp = new Date().toISOString().slice(0, 10);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link to="/admin/users" className="text-sm text-stone-500 hover:text-brand-700">
          ← 全部用户
        </Link>
        <h1 className="text-2xl font-semibold">批量导入用户</h1>
      </div>

      <Panel id="csv-title" title="上传 CSV">
        <div className="space-y-2 text-sm text-stone-600">
          <p>
            第一行为表头：<code className="rounded bg-stone-100 px-1">用户名,姓名,小组</code>（或 username,display
            name,group）。姓名和小组可以留空；不存在的小组会自动创建。
          </p>
          <p>
            支持 Excel 另存的 CSV（UTF-8 或 GBK），一次最多 {maxRows}{" "}
            行。任何一行有误时不会创建用户；已存在的用户名会跳过。
          </p>
          <pre className="overflow-x-auto rounded-lg bg-stone-50 p-2 text-xs text-stone-700">
            {"用户名,姓名,小组\nzhangsan,张三,办公室\nlisi,李四,办公室"}
          </pre>
        </div>
        <Form
          method="post"
          encType="multipart/form-data"
          className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-center"
        >
          <FilePicker id="csv-file" label="选择 CSV 文件" name="file" required accept=".csv,text/csv" />
          <button type="submit" disabled={importing} className={`${buttonClass("primary")} sm:w-auto`}>
            {importing ? (
              <>
                <Spinner /> 正在导入…
              </>
            ) : (
              "导入"
            )}
          </button>
        </Form>
      </Panel>

      {result && !importing ? (
        result.ok ? (
          <div className="space-y-4">
            <Notice tone="success">
              已创建 {result.created.length} 个账号
              {result.skipped.length > 0 ? `，跳过 ${result.skipped.length} 个已存在的用户名` : ""}
              {result.groupsCreated.length > 0 ? `，新建小组：${result.groupsCreated.join("、")}` : ""}（用时{" "}
              {(result.ms / 1000).toFixed(1)} 秒）。
            </Notice>
            {result.created.length > 0 ? (
              <Panel
                id="credentials-title"
                title="新账号与临时密码"
                actions={
                  <a
                    href={downloadHref(result.credentialsCsv)}
                    download={`新用户账号-${stamp}.csv`}
                    className={buttonClass("primary", "sm")}
                  >
                    下载 CSV
                  </a>
                }
              >
                <p className="mb-2 text-sm text-amber-800">
                  临时密码只显示这一次，离开本页后无法再次查看。请下载后妥善转交；用户首次登录后须先修改密码才能继续使用。
                </p>
                <div className="max-h-96 overflow-auto rounded-lg border border-stone-200">
                  <table className="w-full whitespace-nowrap text-left text-sm">
                    <thead className="sticky top-0 bg-stone-50 text-xs text-stone-500">
                      <tr>
                        <th className="px-3 py-2 font-medium">行</th>
                        <th className="px-3 py-2 font-medium">用户名</th>
                        <th className="px-3 py-2 font-medium">姓名</th>
                        <th className="px-3 py-2 font-medium">小组</th>
                        <th className="px-3 py-2 font-medium">临时密码</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-stone-100">
                      {result.created.map((row) => (
                        <tr key={row.username}>
                          <td className="px-3 py-1.5 tabular-nums text-stone-500">{row.line}</td>
                          <td className="px-3 py-1.5">{row.username}</td>
                          <td className="px-3 py-1.5">{row.displayName}</td>
                          <td className="px-3 py-1.5">{row.group || "—"}</td>
                          <td className="px-3 py-1.5 font-mono">{row.password}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Panel>
            ) : null}
            {result.skipped.length > 0 ? (
              <Panel id="skipped-title" title={`跳过的行（${result.skipped.length}）`}>
                <ul className="space-y-1 text-sm">
                  {result.skipped.map((row) => (
                    <li key={row.line}>
                      第 {row.line} 行 {row.username}：{row.reason}
                    </li>
                  ))}
                </ul>
              </Panel>
            ) : null}
          </div>
        ) : (
          <div className="space-y-3">
            <Notice tone="error">{result.reason}</Notice>
            {result.errors.length > 0 ? (
              <Panel id="errors-title" title={`有误的行（${result.errors.length}）`}>
                <ul className="space-y-1 text-sm" data-testid="csv-errors">
                  {result.errors.map((error) => (
                    <li key={error.line}>
                      <span className="font-medium">第 {error.line} 行</span>：{error.message}
                    </li>
                  ))}
                </ul>
              </Panel>
            ) : null}
          </div>
        )
      ) : null}
    </div>
  );
}
