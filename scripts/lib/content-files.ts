import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { SourceFile } from "../../app/content/index.ts";
import { UserFacingError } from "./user-facing-error.ts";

export const CONTENT_DIR = path.resolve(import.meta.dirname, "../../content");
const DOCUMENT_FILE = /\.(txt|md)$/i;
const MANIFEST_FILES = ["manifest.yaml", "manifest.yml"];

/** The importable files of a folder (.txt and .md, by name) and its optional manifest. */
export async function readContentDirectory(dir: string): Promise<{ files: SourceFile[]; manifestText?: string }> {
  if (!existsSync(dir)) throw new UserFacingError(`content folder not found: ${dir}`);
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && DOCUMENT_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const files = await Promise.all(
    names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(path.join(dir, name))) })),
  );
  const manifestName = MANIFEST_FILES.find((name) => existsSync(path.join(dir, name)));
  const manifestText = manifestName ? await readFile(path.join(dir, manifestName), "utf8") : undefined;
  return { files, manifestText };
}

/** What the last importDirectory changed, recorded as an ImportRun once generation has run too. */
let pendingRun: { files: unknown[]; changed: boolean; started: number } | null = null;

/**
 * Imports a folder into the database (DATABASE_URL must already point at it), printing a line per
 * file that changed and a summary.
 */
export async function importDirectory(dir: string, log: (line: string) => void, { quietUnchanged = false } = {}) {
  const { importFiles } = await import("../../app/documents/import.server.ts");
  const { files, manifestText } = await readContentDirectory(dir);
  const started = Date.now();
  const summary = await importFiles(files, {
    manifestText,
    onFile: (result) => {
      if (result.keptUpload) {
        log(
          `${result.file}: kept the version an administrator uploaded — content/${result.file} has not changed since it was last imported (edit it, or upload again, to replace the upload)`,
        );
      } else if (result.status === "unchanged") {
        if (!quietUnchanged) log(`${result.file}: unchanged`);
      } else if (result.status === "rejected" || result.status === "failed") {
        log(`${result.file}: ${result.status} — ${result.reason}`);
      } else {
        const d = result.documents;
        log(
          `${result.file}: ${d.created} new, ${d.updated} updated, ${d.unchanged} unchanged, ${d.archived} archived documents; ${result.passages} passages`,
        );
      }
    },
  });
  for (const error of summary.manifestErrors) log(`manifest ignored: ${error}`);
  pendingRun = { files: summary.files, changed: summary.files.some((f) => f.status === "imported"), started };
  log(
    `content: ${summary.documents} documents, ${summary.passages} passages, ${summary.rejected.length} rejected files (${Date.now() - started} ms)`,
  );
  return summary;
}

/** Quality score from which demo mode approves a generated question without review. */
export const DEMO_AUTO_APPROVE_SCORE = 0.7;

/**
 * Regenerates the question bank when the documents (or the generator) changed; in demo mode new
 * questions above the threshold are approved and each document gets a published set.
 */
export async function generateQuestions(log: (line: string) => void, { demo = false, force = false } = {}) {
  const { regenerateBank, syncDocumentSets } = await import("../../app/admin/generation.server.ts");
  const summary = await regenerateBank({ autoApproveScore: demo ? DEMO_AUTO_APPROVE_SCORE : undefined, force });
  const run = pendingRun;
  pendingRun = null;
  if (run?.changed || !summary.skipped) {
    const { recordImportRun } = await import("../../app/admin/documents.server.ts");
    const source = /[\\/]start\.ts$/.test(process.argv[1] ?? "") ? "start" : "cli";
    await recordImportRun(source, null, {
      files: run?.files ?? [],
      generation: summary.skipped ? null : summary,
      ms: Date.now() - (run?.started ?? Date.now()),
    });
  }
  if (summary.skipped) return summary;
  const { knowledgePoints: k, questions: q } = summary;
  log(
    `questions: ${k.created} new, ${k.kept} kept, ${k.retired} retired knowledge points; ${q.created} new, ${q.updated} updated, ${q.kept} kept, ${q.retired} retired questions` +
      `${demo ? `, ${q.autoApproved} auto-approved` : ""} (${summary.ms} ms)`,
  );
  if (demo) log(`demo sets: ${await syncDocumentSets()} published, one per document`);
  return summary;
}
