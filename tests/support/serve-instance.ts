// One app instance for the scale-out tests: the production build served by startHttpServer in a
// process of its own (its own in-memory caches and connection pool), on PORT, with the
// environment the test gives (DATABASE_URL through PgBouncer). Prints "listening" when ready.
import { startHttpServer } from "../../scripts/lib/server.ts";

const server = await startHttpServer({ port: Number(process.env.PORT), host: "127.0.0.1" });
const stop = () => void server.close({ drainMs: 2000 }).finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
console.log(`listening ${server.url}`);
