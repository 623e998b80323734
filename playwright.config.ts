import { defineConfig, devices } from "@playwright/test";

// Started by scripts/e2e.ts, which serves the production build with its own PostgreSQL and
// passes the address and the browser here.
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3000";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // Each test is a whole journey (an upload with question generation, a day of study) on a
  // two-core machine that may be busy: 30 s was too close to a loaded run's duration.
  timeout: 60_000,
  forbidOnly: true,
  reporter: [["list"]],
  // One folder per run: Playwright empties it at start, which must not hit a concurrent run.
  outputDir: `tests/.artifacts/playwright/${process.env.E2E_RUN_ID ?? "manual"}`,
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || undefined,
      // Without the networking flags Chromium keeps trying to reach Google's hosts.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, grep: /@phone/ },
  ],
});
