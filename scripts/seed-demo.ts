// `npm run seed:demo`: a demo group (演示小组) of 50 simulated learners with 60 days of history and
// quizzes, for trying the group report. Safe to run again: it adds nothing the second time, and
// prints a fresh password for the demo manager. Demo rows have fixed ids: it never reuses a real group
// named 演示小组, and refuses to run when a demo username belongs to a real account.
import { openDatabase } from "./lib/database.ts";
import { UserFacingError, runCli } from "./lib/user-facing-error.ts";

runCli(async () => {
  const database = await openDatabase({ log: () => {} });
  try {
    process.env.DATABASE_URL = database.url;
    const { DemoConflictError, seedDemo } = await import("../app/groups/demo.server.ts");
    const started = Date.now();
    let result;
    try {
      result = await seedDemo({ log: (line) => console.log(line) });
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("没有已发布的题集"))
        throw new UserFacingError(error.message);
      if (error instanceof DemoConflictError) throw new UserFacingError(error.message);
      throw error;
    }
    console.log(
      result.created
        ? `Created “演示小组”: ${result.members} members, ${result.reviews} reviews, ${result.attempts} quiz attempts (${((Date.now() - started) / 1000).toFixed(1)} s).`
        : `“演示小组” already exists (${result.members} members, ${result.reviews} reviews, ${result.attempts} attempts): nothing added.`,
    );
    console.log(`\nLog in as its manager to see the report:`);
    console.log(`  username: ${result.manager}`);
    console.log(`  password: ${result.password}   (reset at every run)`);
    console.log(`  report:   /groups/${result.groupId}/report`);
    console.log(`  invite:   /join/${result.inviteCode}`);
  } finally {
    const { disconnectDatabase } = await import("../app/db.server.ts");
    await disconnectDatabase();
    await database.close();
  }
});
