/**
 * PDF upload through the administrator's documents page, against PostgreSQL: a statute and a report
 * printed to PDF by Chromium (tests/fixtures/pdf, made by scripts/make-pdf-fixtures.ts) are stored as
 * the same documents, passages, knowledge points and questions as the .txt they were printed from,
 * and every bad PDF is refused with its reason while what is stored stays as it was.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { PDF_LIMITS, PDF_REJECT } from "~/documents/pdf.server";
import { action as documentsAction } from "~/routes/admin.documents";
import { action as loginAction } from "~/routes/login";
import { createUser } from "../factories";
import { actionData, context, formRequest, sessionCookie } from "../support/requests";
import { waitForRun } from "./import-helpers";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/pdf");
const BASE = "http://localhost:3000";

interface FileResult {
  file: string;
  status: string;
  reason?: string;
  documents: { id: string; title: string }[];
  passages: number;
  knowledgePoints: { total: number };
  newDraftQuestions: number;
}
// The route answers 202 at once; the import runs in the background and its run holds the result.
type UploadData = { intent: "upload"; ok: true; runId: string } | { intent: "upload"; ok: false; message: string };

async function finished(data: UploadData): Promise<FileResult[]> {
  if (!data.ok) throw new Error(`upload refused: ${data.message}`);
  const run = await waitForRun(data.runId);
  if (run.status !== "done") throw new Error(`import ${run.status}: ${run.error}`);
  return (run.result as { files: FileResult[] }).files;
}

async function adminCookie() {
  const user = await createUser({ role: "admin" });
  const response = (await loginAction({
    request: formRequest("/login", { username: user.username, password: user.password }),
    context: context(),
    params: {},
  })) as Response;
  return sessionCookie(response);
}

async function upload(files: { name: string; fixture: string }[], cookie: string): Promise<Map<string, FileResult>> {
  const form = new FormData();
  for (const f of files)
    form.append("files", new File([new Uint8Array(await readFile(path.join(FIXTURES, f.fixture)))], f.name));
  const request = new Request(`${BASE}/admin/documents`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: BASE },
    body: form,
  });
  const result = actionData<UploadData>(await documentsAction({ request, context: context(), params: {} }));
  return new Map((await finished(result.data)).map((f) => [f.file, f]));
}

/** Everything stored for the documents of one file, without database ids, line numbers or times. */
async function stored(fileName: string) {
  const documents = await prisma.document.findMany({
    where: { sourceFileName: fileName },
    orderBy: { ordinal: "asc" },
    select: {
      key: true,
      title: true,
      kind: true,
      date: true,
      region: true,
      origin: true,
      text: true,
      contentHash: true,
      archivedAt: true,
      passages: {
        orderBy: { ordinal: "asc" },
        select: { key: true, path: true, text: true, boilerplate: true, structure: true },
      },
      knowledgePoints: {
        orderBy: { fingerprint: "asc" },
        select: {
          fingerprint: true,
          kind: true,
          retiredAt: true,
          questions: {
            orderBy: [{ format: "asc" }, { stem: "asc" }],
            select: { format: true, stem: true, options: true, answer: true, explanation: true, status: true },
          },
        },
      },
    },
  });
  return documents;
}

async function wipeDocuments() {
  // Each file's documents have globally unique keys (file stem + title): law.txt and law.pdf share
  // theirs, so the second import is compared on a database emptied of the first.
  await prisma.$executeRawUnsafe("truncate table source_files cascade");
}

describe("uploading PDFs", () => {
  it("stores a statute and a report from PDF exactly as from their .txt, questions included", async () => {
    const cookie = await adminCookie();
    const fromTxt = await upload(
      [
        { name: "law.txt", fixture: "law.txt" },
        { name: "report.txt", fixture: "report.txt" },
      ],
      cookie,
    );
    const txtLaw = await stored("law.txt");
    const txtReport = await stored("report.txt");
    expect(fromTxt.get("law.txt")).toMatchObject({ status: "imported" });
    expect(txtLaw[0]!.knowledgePoints.flatMap((kp) => kp.questions).length).toBeGreaterThan(10);
    expect(txtReport[0]!.knowledgePoints.flatMap((kp) => kp.questions).length).toBeGreaterThan(10);

    await wipeDocuments();
    const started = Date.now();
    const fromPdf = await upload(
      [
        { name: "law.pdf", fixture: "law.pdf" },
        { name: "report.pdf", fixture: "report.pdf" },
      ],
      cookie,
    );
    const ms = Date.now() - started;
    for (const [pdf, txt] of [
      ["law.pdf", "law.txt"],
      ["report.pdf", "report.txt"],
    ] as const) {
      const a = fromPdf.get(pdf)!;
      const b = fromTxt.get(txt)!;
      expect(a).toMatchObject({ status: "imported" });
      expect({
        documents: a.documents.map((d) => d.title),
        passages: a.passages,
        points: a.knowledgePoints.total,
        drafts: a.newDraftQuestions,
      }).toEqual({
        documents: b.documents.map((d) => d.title),
        passages: b.passages,
        points: b.knowledgePoints.total,
        drafts: b.newDraftQuestions,
      });
    }
    expect(await stored("law.pdf")).toEqual(txtLaw);
    expect(await stored("report.pdf")).toEqual(txtReport);
    expect(txtLaw[0]).toMatchObject({ title: "中华人民共和国保守国家秘密法", kind: "law" });
    expect(
      txtLaw[0]!.passages.some(
        (p) => JSON.stringify(p.path) === JSON.stringify(["第二章 国家秘密的范围和密级", "第十三条"]),
      ),
    ).toBe(true);
    // Nine pages and two generations in one request on a shared two-core machine.
    expect(ms).toBeLessThan(60_000);
  });

  it("refuses each bad PDF with its reason and changes nothing stored", async () => {
    const cookie = await adminCookie();
    await upload([{ name: "law.pdf", fixture: "law.pdf" }], cookie);
    const before = await stored("law.pdf");
    const counts = async () => ({
      files: await prisma.sourceFile.count(),
      documents: await prisma.document.count(),
      passages: await prisma.passage.count(),
      points: await prisma.knowledgePoint.count(),
      questions: await prisma.question.count(),
    });
    const countsBefore = await counts();
    const updatedAt = (await prisma.document.findFirstOrThrow({ where: { sourceFileName: "law.pdf" } })).updatedAt;

    const results = await upload(
      [
        // A broken revision of a stored file must not replace it.
        { name: "law.pdf", fixture: "truncated.pdf" },
        { name: "scan.pdf", fixture: "scanned.pdf" },
        { name: "locked.pdf", fixture: "encrypted.pdf" },
        { name: "noise.pdf", fixture: "corrupt.pdf" },
        { name: "renamed.pdf", fixture: "not-a-pdf.pdf" },
        { name: "huge.pdf", fixture: "too-many-pages.pdf" },
        { name: "bomb.pdf", fixture: "bomb.pdf" },
        { name: "glyphs.pdf", fixture: "no-tounicode.pdf" },
      ],
      cookie,
    );
    const reasons = Object.fromEntries([...results].map(([name, r]) => [name, [r.status, r.reason]]));
    expect(reasons).toEqual({
      "law.pdf": ["rejected", PDF_REJECT.truncated],
      "scan.pdf": ["rejected", "该 PDF 为扫描件，没有可提取的文字；请上传文字版或 .docx"],
      "locked.pdf": ["rejected", PDF_REJECT.encrypted],
      "noise.pdf": ["rejected", PDF_REJECT.corrupt],
      "renamed.pdf": ["rejected", PDF_REJECT.notPdf],
      "huge.pdf": ["rejected", "该 PDF 共 501 页，超过 500 页的上限；请拆分后再上传。"],
      "bomb.pdf": ["rejected", PDF_REJECT.inflated(PDF_LIMITS.maxInflatedBytes)],
      "glyphs.pdf": ["rejected", PDF_REJECT.mojibake(1)],
    });
    expect(await counts()).toEqual(countsBefore);
    expect(await stored("law.pdf")).toEqual(before);
    expect((await prisma.document.findFirstOrThrow({ where: { sourceFileName: "law.pdf" } })).updatedAt).toEqual(
      updatedAt,
    );
  });

  it("names .pdf among the accepted types when a file is refused for its type", async () => {
    const cookie = await adminCookie();
    const form = new FormData();
    form.append("files", new File(["x"], "slides.pptx"));
    const request = new Request(`${BASE}/admin/documents`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: BASE },
      body: form,
    });
    const result = actionData<UploadData>(await documentsAction({ request, context: context(), params: {} }));
    expect((await finished(result.data))[0]!.reason).toBe(
      "不支持的文件类型“.pptx”：只能上传 .txt、.md、.docx 或 .pdf 文件。",
    );
  });

  it("refuses the same document in another format with a reason, keeping the stored one", async () => {
    await wipeDocuments();
    const cookie = await adminCookie();
    await upload([{ name: "law.txt", fixture: "law.txt" }], cookie);
    const before = await stored("law.txt");
    const second = await upload([{ name: "law.pdf", fixture: "law.pdf" }], cookie);
    expect(second.get("law.pdf")).toMatchObject({ status: "rejected" });
    expect(second.get("law.pdf")!.reason).toContain("已由文件“law.txt”导入");
    expect(await stored("law.txt")).toEqual(before);
    expect(await prisma.document.count({ where: { sourceFileName: "law.pdf" } })).toBe(0);
  });
});
