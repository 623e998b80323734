import { expect, it } from "vitest";

it("/healthz answers 503 when the database is unreachable", async () => {
  // This file's modules are evaluated afresh, so the app connects where we point it: nowhere.
  process.env.DATABASE_URL = "postgresql://nobody:nothing@127.0.0.1:1/none";
  const { loader } = await import("~/routes/healthz");
  const response = await loader();
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ ok: false });
});
