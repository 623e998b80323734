// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { openDatabase } from "./lib/database.ts";
import { runCli } from "./lib/user-facing-error.ts";

runCli(async () => {
  const database = await openDatabase({ log: (line) => console.log(line) });
  console.log("migrations are up to date");
  await database.close();
});
