// The environment's schema; app/env.server.ts applies it once at start-up.
import { z } from "zod";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (a postgresql:// connection string)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string"),
    // Optional: a read replica (or a pooler in front of replicas) for group reports, their CSV
    // exports and the admin dashboard. Writes always go to DATABASE_URL.
    DATABASE_REPLICA_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    SESSION_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    // Lets development and tests move the study clock with a cookie; refused in production, where
    // only the end-to-end runner can enable it, in code (startHttpServer's testClock option).
    XUEER_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && env.XUEER_TEST_CLOCK === "1") {
      ctx.addIssue({ code: "custom", path: ["XUEER_TEST_CLOCK"], message: "must not be enabled in production" });
    }
  });

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string };

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  return {
    ...result.data,
    // Outside production a fixed development secret is acceptable: cookies only carry a random id.
    SESSION_SECRET: result.data.SESSION_SECRET ?? "xueer-development-secret-not-for-production",
  };
}
