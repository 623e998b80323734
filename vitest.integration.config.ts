import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Integration tests run against a real PostgreSQL: one throwaway server per run (or
// TEST_DATABASE_URL's), and a fresh database cloned from a migrated template per test file.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/database-per-file.ts"],
    pool: "forks",
    // A guard against hangs, not a speed check (benchmarks measure speed): shared CI machines run slow.
    testTimeout: 90_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: "test" },
  },
});
