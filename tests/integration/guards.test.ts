import { describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { loader as adminLoader } from "~/routes/admin._index";
import { loader as healthLoader } from "~/routes/healthz";
import { loader as loginLoader } from "~/routes/login";
import { loader as studyLoader } from "~/routes/study";
import { action as loginAction } from "~/routes/login";
import { createUser } from "../factories";
import { context, formRequest, getRequest, sessionCookie, settle } from "../support/requests";

async function cookieFor(role: "learner" | "admin") {
  const user = await createUser({ role });
  const response = (await loginAction({
    request: formRequest("/login", { username: user.username, password: user.password }),
    context: context(),
    params: {},
  })) as Response;
  return { user, cookie: sessionCookie(response) };
}

describe("guards", () => {
  it("sends anonymous visitors to /login with the page to come back to", async () => {
    const result = await settle(studyLoader({ request: getRequest("/study?x=1"), context: context(), params: {} }));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/study?x=1")}`);
  });

  it("refuses learners on admin pages with 403 and lets admins in", async () => {
    const learner = await cookieFor("learner");
    const refused = await settle(
      adminLoader({ request: getRequest("/admin", { cookie: learner.cookie }), context: context(), params: {} }),
    );
    expect((refused as Response).status).toBe(403);

    const admin = await cookieFor("admin");
    const allowed = await adminLoader({
      request: getRequest("/admin", { cookie: admin.cookie }),
      context: context(),
      params: {},
    });
    expect(allowed.admins).toBeGreaterThanOrEqual(1);
  });

  it("ignores a forged or expired session cookie", async () => {
    const forged = await settle(
      studyLoader({ request: getRequest("/study", { cookie: "xueer_session=abc" }), context: context(), params: {} }),
    );
    expect((forged as Response).status).toBe(302);

    const { user, cookie } = await cookieFor("learner");
    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await settle(
      studyLoader({ request: getRequest("/study", { cookie }), context: context(), params: {} }),
    );
    expect((expired as Response).status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("sends signed-in users away from the login page", async () => {
    const { cookie } = await cookieFor("learner");
    const result = await settle(
      loginLoader({ request: getRequest("/login", { cookie }), context: context(), params: {} }),
    );
    expect((result as Response).headers.get("Location")).toBe("/");
  });
});

describe("/healthz", () => {
  it("answers 200 with ok after querying the database", async () => {
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
