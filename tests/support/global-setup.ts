import type { TestProject } from "vitest/node";
import { buildIfStale } from "../../scripts/lib/build.ts";
import { createMigratedDatabase, dropDatabase, startTestDatabaseServer } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { adminUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  // Once for the run: the files that serve the production build (http-guards, scale-out) reuse it.
  await buildIfStale((line) => console.log(`[integration] ${line}`));
  const server = await startTestDatabaseServer("integration");
  const template = `xueer_template_${process.pid}`;
  await createMigratedDatabase(server.adminUrl, template);
  project.provide("testDatabase", { adminUrl: server.adminUrl, template });
  return async () => {
    await dropDatabase(server.adminUrl, template);
    await server.stop();
  };
}
