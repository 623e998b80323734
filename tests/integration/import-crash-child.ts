// Run by import-jobs.test.ts as a separate process (the "server") that it kills with SIGKILL in
// the middle of an upload's background import. Arguments: the administrator's id, then files as
// name=path pairs. DATABASE_URL points at the test file's database.
import { readFile } from "node:fs/promises";
import { importsSettled, startUploadImport } from "~/documents/import-jobs.server";

const [userId, ...pairs] = process.argv.slice(2);
const files = await Promise.all(
  pairs.map(async (pair) => {
    const [name, file] = pair.split("=") as [string, string];
    const bytes = new Uint8Array(await readFile(file));
    return { name, bytes, size: bytes.length };
  }),
);
const { runId } = await startUploadImport(userId!, files);
console.log(`run ${runId}`);
await importsSettled();
console.log("settled");
process.exit(0);
