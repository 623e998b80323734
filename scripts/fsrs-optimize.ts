// `npm run fsrs:optimize [-- --user NAME | --group ID | --all]`: fits FSRS memory parameters.
// Without an option, the learners and groups due (as the server's hourly pass: studied since a fit
// a week or more ago); --all fits every learner with reviews and every group; --user / --group one.
import { openDatabase } from "./lib/database.ts";
import { progressBar } from "./lib/progress-bar.ts";
import { UserFacingError, runCli } from "./lib/user-facing-error.ts";

const USAGE = "usage: npm run fsrs:optimize [-- --user NAME | --group ID | --all]";

function parseArgs(
  argv: string[],
): { kind: "due" } | { kind: "all" } | { kind: "user"; name: string } | { kind: "group"; id: string } {
  if (argv.length === 0) return { kind: "due" };
  if (argv.length === 1 && argv[0] === "--all") return { kind: "all" };
  if (argv.length === 2 && argv[0] === "--user" && argv[1]) return { kind: "user", name: argv[1] };
  if (argv.length === 2 && argv[0] === "--group" && argv[1]) return { kind: "group", id: argv[1] };
  throw new UserFacingError(USAGE);
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const database = await openDatabase({ log: () => {} });
  try {
    process.env.DATABASE_URL = database.url;
    const { prisma } = await import("../app/db.server.ts");
    const fit = await import("../app/memory/fit.server.ts");
    let owners: { userId: string }[] | { groupId: string }[] | ({ userId: string } | { groupId: string })[];
    let trigger: "cli" | "auto" = "cli";
    if (args.kind === "user") {
      const user = await prisma.user.findFirst({
        where: { username: { equals: args.name.normalize("NFKC"), mode: "insensitive" } },
        select: { id: true },
      });
      if (!user) throw new UserFacingError(`no user named "${args.name}"`);
      owners = [{ userId: user.id }];
    } else if (args.kind === "group") {
      if (!/^[0-9a-f-]{36}$/i.test(args.id)) throw new UserFacingError(`"${args.id}" is not a group id (a UUID)`);
      const group = await prisma.group.findUnique({ where: { id: args.id }, select: { id: true } });
      if (!group) throw new UserFacingError(`no group with id ${args.id}`);
      owners = [{ groupId: group.id }];
    } else if (args.kind === "all") {
      const users = await prisma.$queryRaw<
        { id: string }[]
      >`select distinct user_id::text as id from reviews order by 1`;
      const groups = await prisma.group.findMany({
        where: { archivedAt: null },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      owners = [...users.map((u) => ({ userId: u.id })), ...groups.map((g) => ({ groupId: g.id }))];
    } else {
      const now = new Date();
      owners = [
        ...(await fit.learnersDueForFit(now)).map((userId) => ({ userId })),
        ...(await fit.groupsDueForFit(now)).map((groupId) => ({ groupId })),
      ];
      trigger = "auto";
    }
    const names = new Map(
      (
        await prisma.user.findMany({
          where: { id: { in: owners.flatMap((o) => ("userId" in o ? [o.userId] : [])) } },
          select: { id: true, username: true },
        })
      ).map((u) => [u.id, u.username]),
    );
    const bar = progressBar(owners.length);
    const counts = new Map<string, number>();
    const started = Date.now();
    bar.update(0);
    const results = await fit.fitMany(owners, {
      trigger,
      onOwner: ({ done, owner, result }) => {
        const who = "userId" in owner ? (names.get(owner.userId) ?? owner.userId) : `group ${owner.groupId}`;
        if (result) counts.set(result.outcome, (counts.get(result.outcome) ?? 0) + 1);
        bar.update(done, result ? `${who}: ${result.outcome}` : who);
      },
    });
    bar.end();
    if (owners.length === 1) console.log(results[0]!.message);
    const summary = [...counts].map(([outcome, n]) => `${n} ${outcome}`).join(", ");
    console.log(
      `${owners.length} fit(s) in ${((Date.now() - started) / 1000).toFixed(1)} s${summary ? `: ${summary}` : ""}`,
    );
  } finally {
    const { disconnectDatabase } = await import("../app/db.server.ts");
    await disconnectDatabase();
    await database.close();
  }
});
