// `npm run test:e2e`: builds the app if needed, serves the production build with a throwaway
// PostgreSQL on free ports, and runs Playwright against it in a real Chromium.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { createMigratedDatabase, startTestDatabaseServer } from "../tests/support/test-database.ts";
import { buildIfStale } from "./lib/build.ts";
import { CONTENT_DIR, generateQuestions, importDirectory } from "./lib/content-files.ts";
import { freePort } from "./lib/postgres.ts";
import { ROOT, startHttpServer } from "./lib/server.ts";
import { UserFacingError, runCli } from "./lib/user-facing-error.ts";

async function findChromium(): Promise<string | undefined> {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  // Playwright's own browser, where `npx playwright install chromium` could download it.
  const { chromium } = await import("@playwright/test");
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return undefined;
  throw new UserFacingError(
    "No Chromium found for the end-to-end tests. Install one (Debian/Ubuntu: apt-get install chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH.",
  );
}

runCli(async () => {
  const chromium = await findChromium();
  await buildIfStale((line) => console.log(`[e2e] ${line}`));

  const database = await startTestDatabaseServer("e2e");
  const name = `xueer_e2e_${randomBytes(4).toString("hex")}`;
  let exitCode = 1;
  let server: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  try {
    const url = await createMigratedDatabase(database.adminUrl, name);
    Object.assign(process.env, {
      DATABASE_URL: url,
      NODE_ENV: "production",
      SESSION_SECRET: randomBytes(32).toString("hex"),
    });
    const log = (line: string) => console.log(`[e2e] ${line}`);
    await importDirectory(CONTENT_DIR, log, { quietUnchanged: true });
    await generateQuestions(log, { demo: true });
    // The study clock cookie ("the next day") is enabled here, in code: the environment check
    // refuses XUEER_TEST_CLOCK in production, and this serves the production build.
    server = await startHttpServer({ port: await freePort(), host: "127.0.0.1", testClock: true });
    console.log(`[e2e] serving the production build at ${server.url}`);
    const args = [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)];
    exitCode = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, args, {
        cwd: ROOT,
        stdio: "inherit",
        env: {
          ...process.env,
          E2E_BASE_URL: server!.url,
          E2E_DATABASE_URL: url,
          E2E_RUN_ID: name,
          ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
          PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
        },
      });
      child.on("exit", (code) => resolve(code ?? 1));
    });
  } finally {
    await server?.close();
    // A fast shutdown also ends the app's pooled connections.
    await database.stop();
  }
  process.exit(exitCode);
});
