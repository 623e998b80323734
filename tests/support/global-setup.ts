import type { TestProject } from "vitest/node";
import { createMigratedDatabase, dropDatabase, startTestDatabaseServer } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { adminUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestDatabaseServer("integration");
  const template = `xueer_template_${process.pid}`;
  await createMigratedDatabase(server.adminUrl, template);
  project.provide("testDatabase", { adminUrl: server.adminUrl, template });
  return async () => {
    await dropDatabase(server.adminUrl, template);
    await server.stop();
  };
}
