// A start-up import of content/ must never silently revert an administrator's upload.
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadDocuments } from "~/admin/documents.server";
import { regenerateBank } from "~/admin/generation.server";
import { prisma } from "~/db.server";
import { CONTENT_DIR, importDirectory } from "../../scripts/lib/content-files";
import { createUser } from "../factories";

const NAME = "003_f10083796e051e66.txt";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "xueer-origin-"));
  await copyFile(path.join(CONTENT_DIR, NAME), path.join(dir, NAME));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function activePoints() {
  return (
    await prisma.knowledgePoint.findMany({
      where: { retiredAt: null, document: { sourceFileName: NAME } },
      select: { id: true },
    })
  )
    .map((p) => p.id)
    .sort();
}

async function storedText() {
  return (
    await prisma.document.findMany({ where: { sourceFileName: NAME, archivedAt: null }, select: { rawText: true } })
  )
    .map((d) => d.rawText)
    .join("\n");
}

describe("start-up import and uploads", () => {
  it("keeps an uploaded revision at the next start until the content/ file itself changes", async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    await importDirectory(dir, log);
    await regenerateBank();
    const folderText = await readFile(path.join(dir, NAME), "utf8");
    expect(folderText).toContain("13日下午");

    // The administrator uploads a revised file under the same name.
    const admin = await createUser({ role: "admin" });
    const revised = folderText.replace("13日下午", "14日下午");
    const upload = await uploadDocuments(admin.id, [
      { name: NAME, bytes: new TextEncoder().encode(revised), size: revised.length },
    ]);
    expect(upload.files[0]!.status).toBe("imported");
    expect(await storedText()).toContain("14日下午");
    const uploadedPoints = await activePoints();
    expect(uploadedPoints.length).toBeGreaterThan(0);
    expect((await prisma.sourceFile.findUniqueOrThrow({ where: { name: NAME } })).origin).toBe("upload");

    // Restart: the folder's file has not changed since the folder last imported it — keep the upload.
    lines.length = 0;
    const restart = await importDirectory(dir, log);
    expect(restart.files[0]).toMatchObject({ status: "unchanged", keptUpload: true });
    expect(lines.some((l) => l.includes(NAME) && l.includes("uploaded"))).toBe(true);
    const generation = await regenerateBank();
    expect(generation.skipped || generation.knowledgePoints.retired === 0).toBe(true);
    expect(await storedText()).toContain("14日下午");
    expect(await activePoints()).toEqual(uploadedPoints);

    // A second restart says the same and still changes nothing.
    expect((await importDirectory(dir, log)).files[0]).toMatchObject({ status: "unchanged", keptUpload: true });

    // Someone edits content/ itself: that is a new revision, and it is imported.
    await writeFile(path.join(dir, NAME), folderText.replace("13日下午", "15日下午"));
    const edited = await importDirectory(dir, log);
    expect(edited.files[0]!.status).toBe("imported");
    expect(await storedText()).toContain("15日下午");
    const source = await prisma.sourceFile.findUniqueOrThrow({ where: { name: NAME } });
    expect(source.origin).toBe("directory");
  });

  it("keeps an upload of a new name when the same name later appears in content/", async () => {
    const admin = await createUser({ role: "admin" });
    const name = "zz_upload_first.txt";
    const original = await readFile(path.join(CONTENT_DIR, NAME), "utf8");
    const uploaded = original.replace("13日下午", "16日下午");
    await uploadDocuments(admin.id, [{ name, bytes: new TextEncoder().encode(uploaded), size: uploaded.length }]);
    const other = await mkdtemp(path.join(tmpdir(), "xueer-origin-"));
    try {
      await writeFile(path.join(other, name), original);
      const first = await importDirectory(other, () => {});
      expect(first.files[0]).toMatchObject({ status: "unchanged", keptUpload: true });
      const text = (
        await prisma.document.findMany({ where: { sourceFileName: name, archivedAt: null }, select: { rawText: true } })
      )
        .map((d) => d.rawText)
        .join("\n");
      expect(text).toContain("16日下午");
      // Once seen, a change of the folder's file is a revision and replaces the upload.
      await writeFile(path.join(other, name), original.replace("13日下午", "17日下午"));
      expect((await importDirectory(other, () => {})).files[0]!.status).toBe("imported");
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
