/** The parameter set in force for a learner, for reading (no optimizer loaded). */
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";

/** The set in force for a learner and whose it is. */
export async function parametersInForce(
  userId: string,
  db: Prisma.TransactionClient | typeof prisma = prisma,
): Promise<{ parameters: number[] | null; source: "own" | "group" | "default" }> {
  const own = await db.fsrsParameterSet.findFirst({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { parameters: true },
  });
  if (own) return { parameters: own.parameters, source: "own" };
  const group = await db.fsrsParameterSet.findFirst({
    where: { group: { memberships: { some: { userId } } } },
    orderBy: { createdAt: "desc" },
    select: { parameters: true },
  });
  return group ? { parameters: group.parameters, source: "group" } : { parameters: null, source: "default" };
}
