// seed:demo must only ever touch its own rows, and all of them or none.
import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { DEMO_GROUP_ID, DemoConflictError, demoUserId, seedDemo } from "~/groups/demo.server";
import { createDocument, createKnowledgePoint, createUser } from "../factories";

async function bank() {
  const document = await createDocument();
  const { setId } = await createKnowledgePoint({ document });
  for (let i = 0; i < 3; i++) await createKnowledgePoint({ document, setId, formats: ["single"] });
}

const totals = async () => ({
  users: await prisma.user.count(),
  groups: await prisma.group.count(),
  memberships: await prisma.membership.count(),
  reviews: await prisma.review.count(),
  attempts: await prisma.attempt.count(),
  cards: await prisma.card.count(),
});

describe("seed:demo", () => {
  it("refuses to run when a demo username belongs to a real account, and changes nothing", async () => {
    await bank();
    const real = await createUser({ username: "demo_007", displayName: "真实用户" });
    const realGroup = await prisma.group.create({ data: { name: "演示小组", inviteCode: "REALDEMO" } });
    await prisma.membership.create({ data: { groupId: realGroup.id, userId: real.id } });
    const hashBefore = (await prisma.user.findUniqueOrThrow({ where: { id: real.id } })).passwordHash;
    const before = await totals();

    await expect(seedDemo()).rejects.toBeInstanceOf(DemoConflictError);
    await expect(seedDemo()).rejects.toThrow(/demo_007/);
    expect(await totals()).toEqual(before);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: real.id } })).passwordHash).toBe(hashBefore);

    // Without the conflict it runs, in its own group: the real 演示小组 gets no manager and no members.
    await prisma.user.update({ where: { id: real.id }, data: { username: "real_person" } });
    const result = await seedDemo();
    expect(result).toMatchObject({ created: true, groupId: DEMO_GROUP_ID, members: 50 });
    expect(await prisma.membership.findMany({ where: { groupId: realGroup.id }, select: { userId: true } })).toEqual([
      { userId: real.id },
    ]);
    const manager = await prisma.user.findUniqueOrThrow({ where: { username: "demo_manager" } });
    expect(manager.id).toBe(demoUserId(0));
    expect((await prisma.user.findUniqueOrThrow({ where: { username: "demo_007" } })).id).toBe(demoUserId(7));
    // Run again: recognises its own group, resets only the demo manager's password.
    const again = await seedDemo();
    expect(again).toMatchObject({ created: false, groupId: DEMO_GROUP_ID, members: 50 });
  });

  it("is one transaction: a run that fails half way leaves nothing, and the next run starts afresh", async () => {
    await prisma.group.deleteMany({ where: { id: DEMO_GROUP_ID } });
    await prisma.user.deleteMany({ where: { id: { in: Array.from({ length: 51 }, (_, i) => demoUserId(i)) } } });
    const before = await totals();
    const interrupted = seedDemo({
      log: (line) => {
        if (line.includes("30/50")) throw new Error("interrupted");
      },
    });
    await expect(interrupted).rejects.toThrow("interrupted");
    expect(await totals()).toEqual(before);
    expect(await prisma.group.count({ where: { id: DEMO_GROUP_ID } })).toBe(0);

    const result = await seedDemo();
    expect(result).toMatchObject({ created: true, members: 50 });
    expect(await prisma.membership.count({ where: { groupId: DEMO_GROUP_ID, role: "member" } })).toBe(50);
  });
});
