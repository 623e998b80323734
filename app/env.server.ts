import { parseEnv, type Env } from "./env";

// Validated once, when the server starts: a bad variable stops it with a message naming it.
export const env: Env = parseEnv(process.env);
