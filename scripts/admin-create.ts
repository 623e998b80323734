// `npm run admin:create -- <username>`: creates an administrator (or promotes and resets one) and
// prints a generated password.
import { randomBytes } from "node:crypto";
import { openDatabase } from "./lib/database.ts";
import { UserFacingError, runCli } from "./lib/user-facing-error.ts";

runCli(async () => {
  const username = process.argv[2]?.trim();
  if (!username) throw new UserFacingError("usage: npm run admin:create -- <username>");
  const { usernameSchema } = await import("../app/auth/validation.ts");
  const parsed = usernameSchema.safeParse(username);
  if (!parsed.success) throw new UserFacingError(`invalid username: ${parsed.error.issues[0]?.message}`);

  const database = await openDatabase({ log: () => {} });
  try {
    process.env.DATABASE_URL = database.url;
    const { lookAlikeUsername, upsertAdmin } = await import("../app/auth/accounts.server.ts");
    const alike = await lookAlikeUsername(parsed.data);
    if (alike)
      throw new UserFacingError(
        `"${parsed.data}" looks like the existing username "${alike}": choose another name, or give "${alike}" itself.`,
      );
    const password = randomBytes(12).toString("base64url");
    const outcome = await upsertAdmin(parsed.data, password, { mustChangePassword: true });
    console.log(`${outcome === "created" ? "Created" : "Promoted and reset"} administrator "${parsed.data}".`);
    console.log(`Password: ${password}`);
    console.log("Keep it safe: it is shown only once. It must be changed at the first login.");
  } finally {
    const { disconnectDatabase } = await import("../app/db.server.ts");
    await disconnectDatabase();
    await database.close();
  }
});
