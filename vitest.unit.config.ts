import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Unit tests live next to the pure code they test and never touch a database.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    // Generator tests build the bank from the real corpus (about 1 s idle); a loaded CI machine may take several.
    testTimeout: 30_000,
  },
});
