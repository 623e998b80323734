import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { BUILD_DIR, ROOT } from "./server.ts";

const STAMP = path.join(BUILD_DIR, ".source-hash");
const INPUTS = ["app", "vite.config.ts", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];

/** A hash of everything the production build is made from, to rebuild only when it changed. */
async function sourceHash(): Promise<string> {
  const hash = createHash("sha256");
  async function add(entry: string) {
    const full = path.join(ROOT, entry);
    if (!existsSync(full)) return;
    const stats = await readdir(full, { withFileTypes: true }).catch(() => null);
    if (stats === null) {
      hash.update(entry).update(await readFile(full));
      return;
    }
    for (const child of stats.sort((a, b) => a.name.localeCompare(b.name))) {
      if (child.name.endsWith(".test.ts") || child.name.startsWith(".")) continue;
      await add(path.join(entry, child.name));
    }
  }
  for (const input of INPUTS) await add(input);
  return hash.digest("hex");
}

export async function buildIfStale(log: (line: string) => void = console.log): Promise<void> {
  const wanted = await sourceHash();
  const current = existsSync(STAMP) ? (await readFile(STAMP, "utf8")).trim() : null;
  if (current === wanted && existsSync(path.join(BUILD_DIR, "server/index.js"))) return;
  log(current ? "sources changed: rebuilding the app…" : "building the app (first start)…");
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`The build failed:\n${output}`))));
  });
  await writeFile(STAMP, wanted);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
