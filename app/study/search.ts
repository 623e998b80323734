import { z } from "zod";

/** Which daily session a study URL asks for: extra new points beyond the limit, or 易错题 drill. */
const searchSchema = z.object({
  extra: z.coerce.number().int().min(0).max(100).catch(0),
  drill: z.enum(["lapses"]).optional().catch(undefined),
});

export function studySessionOf(url: string): { extraNew: number; drill: boolean } {
  const search = searchSchema.parse(Object.fromEntries(new URL(url).searchParams));
  return { extraNew: search.extra, drill: search.drill === "lapses" };
}
