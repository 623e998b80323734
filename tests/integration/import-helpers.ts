// Uploads through the documents route as an administrator would, shared by the import-* tests.
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
    const response = (await loginAction({ request: formRequest("/login", { username: user.username, password: user.password }), context: context(), params: {} })) as Response;
    return { id: user.id, cookie: sessionCookie(response) };
  })();
  return adminCookie;
}

export function uploadRequest(files: Upload[], cookie: string): Request {
  const form = new FormData();
  for (const file of files) form.append("files", new File([file.bytes as BlobPart], file.name));
  return new Request(`${BASE}/admin/documents`, { method: "POST", headers: { Cookie: cookie, Origin: BASE }, body: form });
}

/** Uploads the files and returns each file's result once the import has finished. */
export async function uploadAsAdmin(files: Upload[]): Promise<UploadedFile[]> {
  const { cookie } = await signedInAdmin();
  const result = actionData<{ ok: boolean; message?: string; result?: { files: UploadedFile[] } }>(
    await documentsAction({ request: uploadRequest(files, cookie), context: context(), params: {} }),
  );
  if (!result.data.ok) throw new Error(`upload refused: ${result.data.message}`);
  return result.data.result!.files;
}
