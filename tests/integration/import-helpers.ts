// Uploads through the documents route as an administrator would, shared by the import-* tests.
import { importRunStatus } from "~/documents/import-jobs.server";
import { action as documentsAction } from "~/routes/admin.documents";
import { action as loginAction } from "~/routes/login";
import { createUser } from "../factories";
import { actionData, context, formRequest, sessionCookie } from "../support/requests";

const BASE = "http://localhost:3000";

export type Upload = { name: string; bytes: Uint8Array | string };

export interface UploadedFile {
  file: string;
  status: string;
  reason?: string;
  documents: { id: string; title: string }[];
  passages: number;
}

let adminCookie: Promise<{ id: string; cookie: string }> | undefined;

/** One administrator per test file, signed in through the login route. */
export function signedInAdmin() {
  adminCookie ??= (async () => {
    const user = await createUser({ role: "admin" });
    const response = (await loginAction({
      request: formRequest("/login", { username: user.username, password: user.password }),
      context: context(),
      params: {},
    })) as Response;
    return { id: user.id, cookie: sessionCookie(response) };
  })();
  return adminCookie;
}

export function uploadRequest(files: Upload[], cookie: string): Request {
  const form = new FormData();
  for (const file of files) form.append("files", new File([file.bytes as BlobPart], file.name));
  return new Request(`${BASE}/admin/documents`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: BASE },
    body: form,
  });
}

/** Starts an upload through the route: answers at once (202) with the background run's id. */
export async function startUpload(files: Upload[]): Promise<{ runId: string; status: number }> {
  const { cookie } = await signedInAdmin();
  const result = actionData<{ ok: boolean; message?: string; runId?: string }>(
    await documentsAction({ request: uploadRequest(files, cookie), context: context(), params: {} }),
  );
  if (!result.data.ok) throw new Error(`upload refused: ${result.data.message}`);
  return { runId: result.data.runId!, status: result.status };
}

/** Waits for a run to end, as the page does: by asking for its status. */
export async function waitForRun(runId: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await importRunStatus(runId);
    if (!status) throw new Error(`no import run ${runId}`);
    if (status.status !== "queued" && status.status !== "running") return status;
    if (Date.now() > deadline) throw new Error(`import run ${runId} still ${status.status} (${status.stage})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Uploads the files and returns each file's result once the background import has finished. */
export async function uploadAsAdmin(files: Upload[]): Promise<UploadedFile[]> {
  const { runId } = await startUpload(files);
  const status = await waitForRun(runId);
  if (status.status !== "done") throw new Error(`import ${status.status}: ${status.error}`);
  return (status.result as { files: UploadedFile[] }).files;
}
