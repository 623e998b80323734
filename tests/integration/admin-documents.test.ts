import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { writeZip } from "~/documents/zip";
import { action as documentsAction, loader as documentsLoader } from "~/routes/admin.documents";
import { action as loginAction } from "~/routes/login";
import { nextStudyItem } from "~/study/session.server";
import { CONTENT_DIR } from "../../scripts/lib/content-files";
import { waitForRun } from "./import-helpers";
import { createDocument, createKnowledgePoint, createUser } from "../factories";
import { actionData, context, formRequest, getRequest, sessionCookie, settle } from "../support/requests";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/upload");
const BASE = "http://localhost:3000";

async function cookieFor(role: "learner" | "admin") {
  const user = await createUser({ role });
  const response = (await loginAction({
    request: formRequest("/login", { username: user.username, password: user.password }),
    context: context(),
    params: {},
  })) as Response;
  return { user, cookie: sessionCookie(response) };
}

type Upload = { name: string; bytes: Uint8Array<ArrayBuffer> | string };

function uploadRequest(files: Upload[], cookie: string): Request {
  const form = new FormData();
  for (const file of files) form.append("files", new File([file.bytes], file.name));
  return new Request(`${BASE}/admin/documents`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: BASE },
    body: form,
  });
}

interface FileResult {
  file: string;
  status: string;
  reason?: string;
  documents: { id: string; title: string }[];
  passages: number;
  knowledgePoints: { total: number; kept: number; retired: number; created: number };
  newDraftQuestions: number;
}
type UploadData = { intent: "upload"; ok: true; runId: string } | { intent: "upload"; ok: false; message: string };

/** Uploads through the route (which answers 202 at once) and waits for the background run's result. */
async function upload(files: Upload[], cookie: string) {
  const result = actionData<UploadData>(
    await documentsAction({ request: uploadRequest(files, cookie), context: context(), params: {} }),
  );
  if (!result.data.ok) throw new Error(`upload refused: ${result.data.message}`);
  expect(result.status).toBe(202);
  const status = await waitForRun(result.data.runId);
  if (status.status !== "done") throw new Error(`import ${status.status}: ${status.error}`);
  return { ...(status.result as { files: FileResult[] }), runId: status.id };
}

/** A .docx is a zip of XML parts; this writes one with stored (uncompressed) entries. */
function zip(entries: Record<string, string>): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    writeZip(Object.entries(entries).map(([name, content]) => ({ name, data: Buffer.from(content, "utf8") }))),
  );
}

function docx(paragraphs: string[]): Uint8Array<ArrayBuffer> {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return zip({
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
      .map((p) => `<w:p><w:r><w:t xml:space="preserve">${escape(p)}</w:t></w:r></w:p>`)
      .join("")}</w:body></w:document>`,
  });
}

const lawText = async () => readFile(path.join(FIXTURES, "demo-law.md"), "utf8");

describe("uploading documents", () => {
  it("imports a markdown law, generates draft questions and records the run", async () => {
    const { user, cookie } = await cookieFor("admin");
    const result = await upload([{ name: "demo-law.md", bytes: await lawText() }], cookie);
    const [file] = result.files;
    expect(file).toMatchObject({ file: "demo-law.md", status: "imported" });
    expect(file!.documents.map((d) => d.title)).toEqual(["中华人民共和国档案示范管理法"]);
    expect(file!.passages).toBeGreaterThan(5);
    expect(file!.knowledgePoints.total).toBeGreaterThan(0);
    expect(file!.knowledgePoints.created).toBe(file!.knowledgePoints.total);
    expect(file!.newDraftQuestions).toBeGreaterThan(0);
    const drafts = await prisma.question.count({
      where: { status: "draft", knowledgePoint: { document: { sourceFileName: "demo-law.md" } } },
    });
    expect(drafts).toBe(file!.newDraftQuestions);

    const run = await prisma.importRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({ source: "upload", userId: user.id });
    const stored = run.result as unknown as {
      files: FileResult[];
      generation: { knowledgePoints: { created: number } };
    };
    expect(stored.files[0]!.status).toBe("imported");
    expect(stored.generation.knowledgePoints.created).toBeGreaterThan(0);

    const page = await documentsLoader({
      request: getRequest("/admin/documents", { cookie }),
      context: context(),
      params: {},
    });
    const row = page.documents.find((d) => d.title === "中华人民共和国档案示范管理法");
    expect(row).toMatchObject({ kind: "law", file: "demo-law.md", archivedAt: null });
    expect(row!.points).toBe(file!.knowledgePoints.total);
    expect(row!.draft).toBe(file!.newDraftQuestions);
    expect(page.runs[0]).toMatchObject({ id: result.runId, source: "upload", imported: 1 });
  });

  it("accepts GBK text and a .docx, and refuses binary, empty, too large and unknown files with reasons", async () => {
    const { cookie } = await cookieFor("admin");
    const gbk = new Uint8Array(await readFile(path.join(FIXTURES, "gbk-notice.txt")));
    const binary = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    const large = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41);
    const word = docx([
      "关于推进示范档案数字化工作的通知",
      "各单位：",
      "2025年全省档案数字化率达到85%以上，新增馆藏档案3万卷。",
      "各单位要坚持“两个确保”工作要求。",
    ]);
    const result = await upload(
      [
        { name: "gbk-notice.txt", bytes: gbk },
        { name: "notice.docx", bytes: word },
        { name: "image.txt", bytes: binary },
        { name: "empty.md", bytes: "" },
        { name: "huge.txt", bytes: large },
        { name: "old.doc", bytes: "whatever" },
        { name: "broken.docx", bytes: "not a zip at all" },
      ],
      cookie,
    );
    const byName = new Map(result.files.map((f) => [f.file, f]));
    expect(byName.get("gbk-notice.txt")).toMatchObject({ status: "imported" });
    expect(byName.get("gbk-notice.txt")!.documents[0]!.title).toBe("关于做好2025年度档案移交工作的通知");
    const gbkDoc = await prisma.document.findFirstOrThrow({ where: { sourceFileName: "gbk-notice.txt" } });
    expect(gbkDoc.text).toContain("1200卷以上");

    expect(byName.get("notice.docx")).toMatchObject({ status: "imported" });
    const wordDoc = await prisma.document.findFirstOrThrow({
      where: { sourceFileName: "notice.docx" },
      include: { passages: true },
    });
    expect(wordDoc.title).toBe("关于推进示范档案数字化工作的通知");
    // Paragraphs became lines, not one run-on line and not blank-line separated.
    expect(wordDoc.rawText.split("\n")).toContain("各单位：");
    expect(wordDoc.passages.some((p) => p.text.includes("85%以上"))).toBe(true);

    expect(byName.get("image.txt")).toMatchObject({ status: "rejected", reason: "不是文本文件（疑似二进制）" });
    expect(byName.get("empty.md")).toMatchObject({ status: "rejected" });
    expect(byName.get("empty.md")!.reason).toContain("文件为空");
    expect(byName.get("huge.txt")).toMatchObject({ status: "rejected" });
    expect(byName.get("huge.txt")!.reason).toMatch(/^文件过大（10\.0 MB），单个文件不能超过 10 MB/);
    expect(byName.get("old.doc")!.reason).toContain("另存为” .docx");
    expect(byName.get("broken.docx")!.reason).toContain("无法读取这个 Word 文档");
    expect(
      await prisma.sourceFile.count({
        where: { name: { in: ["image.txt", "empty.md", "huge.txt", "old.doc", "broken.docx"] } },
      }),
    ).toBe(0);
  });

  it("refuses an upload without files with a message", async () => {
    const { cookie } = await cookieFor("admin");
    const request = new Request(`${BASE}/admin/documents`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: BASE },
      body: new FormData(),
    });
    const result = actionData<UploadData>(await documentsAction({ request, context: context(), params: {} }));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ ok: false, message: "请选择要上传的文件。" });
  });

  it("shows what a revised version changed: knowledge points kept, retired and new", async () => {
    const { cookie } = await cookieFor("admin");
    const original = (await lawText()).replace("中华人民共和国档案示范管理法", "中华人民共和国档案修订示范法");
    const first = await upload([{ name: "revised-law.md", bytes: original }], cookie);
    const before = first.files[0]!.knowledgePoints.total;
    expect(before).toBeGreaterThan(2);

    const revised = original
      .replace("短期档案不超过十年", "短期档案不超过十五年")
      .replace(
        "**第七条**　本法自2026年1月1日起施行。",
        "**第七条**　档案馆每年至少开展两次安全检查。\n\n**第八条**　本法自2026年7月1日起施行。",
      );
    const second = await upload([{ name: "revised-law.md", bytes: revised }], cookie);
    const kp = second.files[0]!.knowledgePoints;
    expect(second.files[0]!.status).toBe("imported");
    expect(kp.kept).toBeGreaterThan(0);
    expect(kp.retired).toBeGreaterThan(0);
    expect(kp.created).toBeGreaterThan(0);
    expect(kp.kept + kp.retired).toBe(before);
    expect(kp.total).toBe(kp.kept + kp.created);
    const doc = await prisma.document.findFirstOrThrow({ where: { sourceFileName: "revised-law.md" } });
    expect(await prisma.knowledgePoint.count({ where: { documentId: doc.id, retiredAt: { not: null } } })).toBe(
      kp.retired,
    );

    // The same bytes again (a double submit, or a second click) change nothing.
    const again = await upload([{ name: "revised-law.md", bytes: revised }], cookie);
    expect(again.files[0]).toMatchObject({
      status: "unchanged",
      knowledgePoints: { total: kp.total, kept: kp.total, retired: 0, created: 0 },
      newDraftQuestions: 0,
    });
  });

  it("survives two simultaneous submits of the same file", async () => {
    const { cookie } = await cookieFor("admin");
    const text = (await lawText()).replace("中华人民共和国档案示范管理法", "中华人民共和国档案并发示范法");
    const [a, b] = await Promise.all([
      upload([{ name: "twice.md", bytes: text }], cookie),
      upload([{ name: "twice.md", bytes: text }], cookie),
    ]);
    expect([a.files[0]!.status, b.files[0]!.status].sort()).toEqual(["imported", "unchanged"]);
    expect(await prisma.document.count({ where: { sourceFileName: "twice.md" } })).toBe(1);
  });
});

describe("uploading the corpus", () => {
  it("imports the five corpus files through the upload action", async () => {
    const { cookie } = await cookieFor("admin");
    const names = (await readdir(CONTENT_DIR)).filter((name) => name.endsWith(".txt")).sort();
    const files = await Promise.all(
      names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(CONTENT_DIR, name))) })),
    );
    const started = Date.now();
    const result = await upload(files, cookie);
    console.log(`[upload] corpus (${names.length} files) in ${Date.now() - started} ms`);
    expect(result.files.map((f) => f.status)).toEqual(names.map(() => "imported"));
    expect(result.files.reduce((sum, f) => sum + f.documents.length, 0)).toBe(43);
    expect(result.files.every((f) => f.knowledgePoints.total > 0 && f.newDraftQuestions > 0)).toBe(true);
  }, 120_000);
});

describe("archiving a document", () => {
  it("hides its knowledge points from the daily session and keeps history; unarchiving brings them back", async () => {
    const { cookie } = await cookieFor("admin");
    const learner = await createUser();
    const document = await createDocument({ title: "归档测试文档" });
    const { point } = await createKnowledgePoint({ document });
    const now = new Date();
    const first = await nextStudyItem(learner.id, now);
    expect(first.done).toBe(false);
    const card = await prisma.card.create({
      data: {
        userId: learner.id,
        knowledgePointId: point.id,
        due: new Date(now.getTime() - 1000),
        state: "review",
        stability: 5,
        lastReview: new Date(now.getTime() - 5 * 86400_000),
      },
    });
    // Answer the open showing so the next call picks afresh.
    await prisma.presentation.updateMany({ where: { userId: learner.id }, data: { answeredAt: now } });

    const archived = actionData<{ ok: boolean; message: string }>(
      await documentsAction({
        request: formRequest("/admin/documents", { intent: "archive", documentId: document.id }, { cookie }),
        context: context(),
        params: {},
      }),
    );
    expect(archived.data.ok).toBe(true);
    expect((await prisma.document.findUniqueOrThrow({ where: { id: document.id } })).archivedAt).not.toBeNull();
    const after = await nextStudyItem(learner.id, now);
    expect(after.done).toBe(true);
    // Nothing was deleted: the card, the knowledge point and its question are all still there.
    expect(await prisma.card.count({ where: { id: card.id } })).toBe(1);
    expect((await prisma.knowledgePoint.findUniqueOrThrow({ where: { id: point.id } })).retiredAt).toBeNull();

    await documentsAction({
      request: formRequest("/admin/documents", { intent: "unarchive", documentId: document.id }, { cookie }),
      context: context(),
      params: {},
    });
    expect((await nextStudyItem(learner.id, now)).done).toBe(false);
  });
});

describe("learners", () => {
  it("are refused by the documents loader and every action", async () => {
    const { cookie } = await cookieFor("learner");
    const document = await createDocument();
    const loader = await settle(
      documentsLoader({ request: getRequest("/admin/documents", { cookie }), context: context(), params: {} }),
    );
    expect((loader as Response).status).toBe(403);
    const uploadAttempt = await settle(
      documentsAction({
        request: uploadRequest([{ name: "x.md", bytes: "# 标题\n\n正文内容。" }], cookie),
        context: context(),
        params: {},
      }),
    );
    expect((uploadAttempt as Response).status).toBe(403);
    const archive = await settle(
      documentsAction({
        request: formRequest("/admin/documents", { intent: "archive", documentId: document.id }, { cookie }),
        context: context(),
        params: {},
      }),
    );
    expect((archive as Response).status).toBe(403);
    expect(await prisma.sourceFile.count({ where: { name: "x.md" } })).toBe(0);
    expect((await prisma.document.findUniqueOrThrow({ where: { id: document.id } })).archivedAt).toBeNull();
    const anonymous = await settle(
      documentsLoader({ request: getRequest("/admin/documents"), context: context(), params: {} }),
    );
    expect((anonymous as Response).status).toBe(302);
  });
});
