import http from "node:http";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { PAIR_FREE_FAILURES } from "~/auth/throttle.server";
import { buildIfStale } from "../../scripts/lib/build.ts";
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { multipartNameFix, parseTrustProxy } from "../../scripts/lib/http-guards.ts";
import { startHttpServer, type RunningServer } from "../../scripts/lib/server.ts";
import { createKnowledgePoint, createUser } from "../factories";

// Real requests against the production build served by the real HTTP server (scripts/lib/server.ts),
// with this file's PostgreSQL database behind it.

let direct: RunningServer;
let proxied: RunningServer;

beforeAll(async () => {
  await buildIfStale(() => {});
  direct = await startHttpServer({ port: 0, host: "127.0.0.1", trustProxySetting: "" });
  // As behind one load balancer on loopback.
  proxied = await startHttpServer({ port: 0, host: "127.0.0.1", trustProxySetting: "1" });
}, 180_000);

afterAll(async () => {
  // The servers share this file's connection pool: the first close ends it, the teardown sees that.
  await direct?.close();
  await proxied?.close();
});

const hostOf = (server: RunningServer) => new URL(server.url).host;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request with a declared Content-Length and, optionally, a body actually streamed of that
 * size; answers as soon as the server does (a refused body is not sent to its end).
 */
function raw(
  server: RunningServer,
  {
    method = "POST",
    path,
    headers = {},
    body,
    streamBytes,
  }: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; streamBytes?: number },
): Promise<RawResponse> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers: { Origin: server.url, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      // The server may close the connection while a refused body is still being sent.
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    if (streamBytes !== undefined) {
      const chunk = Buffer.alloc(1024 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < streamBytes && !request.destroyed) {
          const size = Math.min(chunk.length, streamBytes - sent);
          sent += size;
          if (!request.write(size === chunk.length ? chunk : chunk.subarray(0, size)))
            return void request.once("drain", pump);
        }
        request.end();
      };
      pump();
    } else {
      request.end(body);
    }
  });
}

const origin = (server: RunningServer) => `http://${hostOf(server)}`;

function form(
  server: RunningServer,
  path: string,
  fields: Record<string, string> | string,
  headers: Record<string, string> = {},
) {
  const body = typeof fields === "string" ? fields : new URLSearchParams(fields).toString();
  return raw(server, {
    path,
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(Buffer.byteLength(body)),
      Origin: origin(server),
      ...headers,
    },
  });
}

describe("request bodies are bounded before they are read", () => {
  it("refuses 8 concurrent 50 MB login bodies with 413 and a Chinese message, without the memory", async () => {
    const before = process.memoryUsage().rss;
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        raw(direct, {
          path: "/login",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": String(50 * 1024 * 1024),
            Origin: origin(direct),
          },
          streamBytes: 50 * 1024 * 1024,
        }),
      ),
    );
    const grown = process.memoryUsage().rss - before;
    for (const response of responses) {
      expect(response.status).toBe(413);
      expect(response.body).toBe("提交的内容过大（超过 64 KB），请缩短后重试。");
    }
    // 400 MB were offered; the server answered from the header and kept none of it.
    expect(grown).toBeLessThan(100 * 1024 * 1024);
    console.log(`8 × 50 MB POST /login: 413 in ${Date.now() - started} ms, RSS +${Math.round(grown / 1024 / 1024)} MB`);
  });

  it("refuses a 1 MB JSON answer with a JSON 413, and lets a normal form through", async () => {
    const json = JSON.stringify({ token: "x", answer: ["a".repeat(1024 * 1024)] });
    const answer = await raw(direct, {
      path: "/study/answer",
      body: json,
      headers: {
        "Content-Type": "application/json",
        "Content-Length": String(Buffer.byteLength(json)),
        Origin: origin(direct),
      },
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: "提交的内容过大（超过 64 KB），请缩短后重试。" });

    // 60 KB of form is still read and answered by the page (a password too long to be anyone's).
    const user = await createUser();
    const nearLimit = await form(direct, "/login", { username: user.username, password: "x".repeat(60 * 1024) });
    expect(nearLimit.status).toBe(400);
    expect(nearLimit.body).toContain("用户名或密码不正确。");
  });

  it("refuses a chunked body of unknown length with 411", async () => {
    const response = await raw(direct, {
      path: "/login",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Transfer-Encoding": "chunked",
        Origin: origin(direct),
      },
      body: "username=a&password=b",
    });
    expect(response.status).toBe(411);
    expect(response.body).toContain("请求缺少内容长度");
  });

  it("gives the upload routes their own limit, and multipart elsewhere the form limit", async () => {
    const multipart = { "Content-Type": "multipart/form-data; boundary=x", Origin: origin(direct) };
    const tooBigUpload = await raw(direct, {
      path: "/admin/documents",
      headers: { ...multipart, "Content-Length": String(300 * 1024 * 1024) },
      body: "",
    });
    expect(tooBigUpload.status).toBe(413);
    expect(tooBigUpload.body).toBe("上传的内容过大：一次最多 200 MB，请分批上传。");
    const csv = await raw(direct, {
      path: "/admin/users/import",
      headers: { ...multipart, "Content-Length": String(4 * 1024 * 1024) },
      body: "",
    });
    expect(csv.status).toBe(413);
    expect(csv.body).toBe("上传的内容过大：一次最多 2 MB，请分批上传。");
    // 11 MB of multipart to the login page is not an upload.
    const login = await raw(direct, {
      path: "/login",
      headers: { ...multipart, "Content-Length": String(11 * 1024 * 1024) },
      body: "",
    });
    expect(login.status).toBe(413);
    // A 5 MB document upload passes the size check (and, anonymous, meets the login redirect).
    const body = `--x\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${"第一条 内容。\n".repeat(300_000)}\r\n--x--\r\n`;
    const upload = await raw(direct, {
      path: "/admin/documents",
      headers: { ...multipart, "Content-Length": String(Buffer.byteLength(body)) },
      body,
    });
    expect(upload.status).not.toBe(413);
    expect([302, 204]).toContain(upload.status);
  });
});

describe("origin checks answer 403 in Chinese, never 500", () => {
  it("refuses Origin: null even with a same-site Referer", async () => {
    const response = await form(
      direct,
      "/login",
      { username: "a", password: "b" },
      { Origin: "null", Referer: `${origin(direct)}/login` },
    );
    expect(response.status).toBe(403);
    expect(response.body).toBe("请求来源不被允许（跨站请求已拒绝）。请刷新页面后重试。");
  });

  it("compares the scheme too", async () => {
    const response = await form(
      direct,
      "/login",
      { username: "a", password: "b" },
      { Origin: `https://${hostOf(direct)}` },
    );
    expect(response.status).toBe(403);
  });

  it("ignores X-Forwarded-Host from a client that is no trusted proxy", async () => {
    const user = await createUser();
    const response = await form(
      direct,
      "/login",
      { username: user.username, password: user.password },
      { "X-Forwarded-Host": "evil.example" },
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/");
  });

  it("behind a trusted proxy, checks the Origin against the forwarded host and scheme", async () => {
    const user = await createUser();
    const differing = await form(
      proxied,
      "/login",
      { username: user.username, password: user.password },
      { "X-Forwarded-Host": "xueer.example", Origin: origin(proxied) },
    );
    expect(differing.status).toBe(403);
    const matching = await form(
      proxied,
      "/login",
      { username: user.username, password: user.password },
      { "X-Forwarded-Host": "xueer.example", "X-Forwarded-Proto": "https", Origin: "https://xueer.example" },
    );
    expect(matching.status).toBe(302);
    // HTTPS as the proxy says: the session cookie is not sent back over plain HTTP.
    expect(matching.headers["strict-transport-security"]).toBe("max-age=31536000");
  });
});

describe("TRUST_PROXY", () => {
  it("is a hop count or a list of subnets; true is refused at startup", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("10.0.0.0/8, 192.168.1.5, loopback")).toEqual(["10.0.0.0/8", "192.168.1.5", "loopback"]);
    expect(() => parseTrustProxy("true")).toThrow(/TRUST_PROXY=true is not accepted/);
    expect(() => parseTrustProxy("10.0.0.0/40")).toThrow(/neither a hop count nor an IP address/);
  });

  it("with one hop, a client rotating X-Forwarded-For stays one address for the login limit", async () => {
    const user = await createUser();
    const statuses: number[] = [];
    for (let i = 0; i <= PAIR_FREE_FAILURES; i++) {
      // The load balancer appends the real client address (203.0.113.7) to what the client sent.
      const response = await form(
        proxied,
        "/login",
        { username: user.username, password: `guess-${i}` },
        { "X-Forwarded-For": `198.51.100.${i}, 203.0.113.7` },
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(PAIR_FREE_FAILURES).fill(401), 429]);
    expect(await prisma.loginThrottle.count({ where: { key: { startsWith: "user 203.0.113.7 " } } })).toBe(1);
  });
});

describe("bad input answers 400, not 500", () => {
  it("refuses NUL in the address", async () => {
    const response = await raw(direct, { method: "GET", path: "/documents?q=%00abc" });
    expect(response.status).toBe(400);
    expect(response.body).toBe("请求地址中含有无效字符（\\0），请检查后重试。");
  });

  it("refuses NUL in a form field or a JSON string with 400, and loses nothing else", async () => {
    const login = await form(direct, "/login", "username=ad%00min&password=x");
    expect(login.status).toBe(400);
    expect(login.body).toBe("提交的内容中含有无效字符（\\0），请删除后重试。");
    const json = JSON.stringify({ token: "t", answer: ["a\u0000"] });
    const answer = await raw(direct, {
      path: "/study/answer",
      body: json,
      headers: {
        "Content-Type": "application/json",
        "Content-Length": String(Buffer.byteLength(json)),
        Origin: origin(direct),
      },
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: "提交的内容中含有无效字符（\\0），请删除后重试。" });
    // A literal backslash-u-0000 typed by someone is text, not NUL; "%2500" is a typed "%00".
    const user = await createUser();
    const typed = await form(direct, "/login", { username: user.username, password: "%00\\u0000" });
    expect(typed.status).toBe(401);
    const ok = await form(direct, "/login", { username: user.username, password: user.password });
    expect(ok.status).toBe(302);
  });
});

describe("every field the issue names refuses NUL with 400 and a Chinese message", () => {
  const NUL_BODY = "提交的内容中含有无效字符（\\0），请删除后重试。";
  const NUL_ADDRESS = "请求地址中含有无效字符（\\0），请检查后重试。";

  it("display name, report comment, admin searches, upload file names", async () => {
    await createKnowledgePoint();
    const signIn = async (role: "learner" | "admin") => {
      const user = await createUser({ role });
      const login = await form(direct, "/login", { username: user.username, password: user.password });
      return String(login.headers["set-cookie"]).split(";")[0]!;
    };
    const learner = await signIn("learner");
    const admin = await signIn("admin");
    const profile = await form(direct, "/settings", "intent=profile&displayName=%E7%8E%8B%00%E4%BA%94", {
      Cookie: learner,
    });
    expect([profile.status, profile.body]).toEqual([400, NUL_BODY]);
    const page = await raw(direct, { method: "GET", path: "/study", headers: { Cookie: learner } });
    const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!;
    const comment = await form(
      direct,
      "/study",
      `intent=report&token=${encodeURIComponent(token)}&comment=%E7%AD%94%00`,
      { Cookie: learner },
    );
    expect([comment.status, comment.body]).toEqual([400, NUL_BODY]);
    for (const path of [
      "/admin/questions?q=%00",
      "/admin/users?q=ad%00min",
      "/admin/flags?q=%E5%AD%A6%00",
      "/documents?q=%00",
    ]) {
      const search = await raw(direct, { method: "GET", path, headers: { Cookie: admin } });
      expect([search.status, search.body], path).toEqual([400, NUL_ADDRESS]);
    }
    const boundary = "nulBoundary";
    for (const [path, field] of [
      ["/admin/documents", "files"],
      ["/admin/users/import", "file"],
    ] as const) {
      const body = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="\u5b66\u0000.txt"\r\nContent-Type: text/plain\r\n\r\n第一条 内容。\r\n--${boundary}--\r\n`,
      );
      const upload = await raw(direct, {
        path,
        headers: {
          "Content-Type": `multipart/form-data; boundary=${boundary}`,
          "Content-Length": String(body.length),
          Origin: origin(direct),
          Cookie: admin,
        },
        body,
      });
      expect(upload.status, path).toBe(400);
      expect(upload.body, path).toContain("文件名中含有无效字符（\\0），请重命名文件后再上传。");
    }
  });

  it("answers an over-long login with 400 (4,000 characters) or 413 (1 MB), and JSON with 415, each in Chinese", async () => {
    const long = await form(direct, "/login", { username: "a".repeat(4000), password: "x" });
    expect(long.status).toBe(400);
    expect(long.body).toContain("用户名或密码不正确。");
    const huge = await form(direct, "/login", { username: "a".repeat(1024 * 1024), password: "x" });
    expect([huge.status, huge.body]).toEqual([413, "提交的内容过大（超过 64 KB），请缩短后重试。"]);
    const json = JSON.stringify({ username: "a", password: "b" });
    const posted = await raw(direct, {
      path: "/login",
      body: json,
      headers: { "Content-Type": "application/json", "Content-Length": String(json.length), Origin: origin(direct) },
    });
    expect(posted.status).toBe(415);
    expect(posted.body).toContain("请求格式不正确，请通过页面上的表单提交。");
  });

  it("signs in to redirectTo=/documents?q=学习 with one session", async () => {
    const user = await createUser();
    const response = await form(direct, `/login?redirectTo=${encodeURIComponent("/documents?q=学习")}`, {
      username: user.username,
      password: user.password,
      redirectTo: "/documents?q=学习",
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/documents?q=%E5%AD%A6%E4%B9%A0");
    const cookie = String(response.headers["set-cookie"]).split(";")[0]!;
    expect(
      (await raw(direct, { method: "GET", path: response.headers.location!, headers: { Cookie: cookie } })).status,
    ).toBe(200);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("multipart forms outside the upload routes", () => {
  const multipartForm = (fields: Record<string, string>) => {
    const boundary = "formBoundary";
    const body = Buffer.from(
      Object.entries(fields)
        .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join("") + `--${boundary}--\r\n`,
    );
    return { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(body.length), body };
  };

  it("refuse a NUL in a field with 400 (a NUL in the login username was a 500), and read typed %00 as text", async () => {
    const nul = multipartForm({ username: "ad\u0000min", password: "x" });
    const refused = await raw(direct, {
      path: "/login",
      headers: { "Content-Type": nul["Content-Type"], "Content-Length": nul["Content-Length"], Origin: origin(direct) },
      body: nul.body,
    });
    expect([refused.status, refused.body]).toEqual([400, "提交的内容中含有无效字符（\\0），请删除后重试。"]);
    const user = await createUser();
    const typed = multipartForm({ username: user.username, password: "%00" });
    const wrong = await raw(direct, {
      path: "/login",
      headers: {
        "Content-Type": typed["Content-Type"],
        "Content-Length": typed["Content-Length"],
        Origin: origin(direct),
      },
      body: typed.body,
    });
    expect(wrong.status).toBe(401);
    const right = multipartForm({ username: user.username, password: user.password });
    const ok = await raw(direct, {
      path: "/login",
      headers: {
        "Content-Type": right["Content-Type"],
        "Content-Length": right["Content-Length"],
        Origin: origin(direct),
      },
      body: right.body,
    });
    expect(ok.status).toBe(302);
  });
});

describe("a report comment over the limit", () => {
  it("is refused with 400 and a Chinese message instead of being stored empty", async () => {
    await createKnowledgePoint();
    const user = await createUser();
    const login = await form(direct, "/login", { username: user.username, password: user.password });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const page = await raw(direct, { method: "GET", path: "/study", headers: { Cookie: cookie } });
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1];
    expect(token).toBeTruthy();
    const tooLong = await form(
      direct,
      "/study",
      { intent: "report", token: token!, comment: "太长".repeat(300) },
      { Cookie: cookie },
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toContain("报告说明最多 500 个字。");
    expect(await prisma.flag.count({ where: { userId: user.id } })).toBe(0);
    const fine = await form(
      direct,
      "/study",
      { intent: "report", token: token!, comment: "答案有误" },
      { Cookie: cookie },
    );
    expect(fine.status).toBe(200);
    expect((await prisma.flag.findFirstOrThrow({ where: { userId: user.id } })).comment).toBe("答案有误");
  });
});

describe("a method a route does not take", () => {
  it("answers 405 in Chinese without naming the app's route ids", async () => {
    const user = await createUser();
    const login = await form(direct, "/login", { username: user.username, password: user.password });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    for (const path of ["/documents.data", "/documents", "/_root.data"]) {
      const response = await form(direct, path, { x: "1" }, { Cookie: cookie });
      expect(response.status, path).toBe(405);
      expect(response.body, path).not.toMatch(/routes\/|did not provide/);
      expect(response.body, path).toContain("不支持此请求方法");
    }
  });
});

describe("security headers", () => {
  async function signedIn(role: "learner" | "admin" = "learner") {
    const user = await createUser({ role });
    const login = await form(direct, "/login", { username: user.username, password: user.password });
    expect(login.status).toBe(302);
    // Signing in answers with a cookie: never cached either.
    expect(login.headers["cache-control"]).toBe("private, no-store");
    return { user, cookie: String(login.headers["set-cookie"]).split(";")[0]! };
  }

  it("sends a nonce CSP that Remix's inline scripts carry, and no framing, sniffing or referrer leaks", async () => {
    const page = await raw(direct, { method: "GET", path: "/login" });
    expect(page.status).toBe(200);
    const csp = String(page.headers["content-security-policy"]);
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline' 'nonce");
    const inline = [...page.body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attributes] of inline) expect(attributes).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response.
    const again = await raw(direct, { method: "GET", path: "/login" });
    expect(again.headers["content-security-policy"]).not.toBe(csp);
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["referrer-policy"]).toBe("same-origin");
    // Plain HTTP: no HSTS (it is sent behind HTTPS, see the proxy test above).
    expect(page.headers["strict-transport-security"]).toBeUndefined();
  });

  it("marks every signed-in page and data request private, no-store", async () => {
    const { cookie } = await signedIn();
    for (const path of ["/settings", "/settings.data", "/progress"]) {
      const response = await raw(direct, { method: "GET", path, headers: { Cookie: cookie } });
      expect(response.status, path).toBe(200);
      expect(response.headers["cache-control"], path).toBe("private, no-store");
    }
    // Static assets keep their long cache.
    const html = (await raw(direct, { method: "GET", path: "/settings", headers: { Cookie: cookie } })).body;
    const asset = /\/assets\/[^"]+\.js/.exec(html)![0];
    const script = await raw(direct, { method: "GET", path: asset, headers: { Cookie: cookie } });
    expect(script.headers["cache-control"]).toContain("immutable");
  });

  it("delivers the temporary password of a reset with no-store", async () => {
    const { cookie } = await signedIn("admin");
    const learner = await createUser();
    const reset = await form(direct, "/admin/users.data", { intent: "reset", userId: learner.id }, { Cookie: cookie });
    expect(reset.status).toBe(200);
    expect(reset.body).toContain("临时密码");
    expect(reset.headers["cache-control"]).toMatch(/no-store/);
    // Without JavaScript the form posts to the page itself: the HTML with the password is no-store too.
    const page = await form(direct, "/admin/users", { intent: "reset", userId: learner.id }, { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain("临时密码");
    expect(page.headers["cache-control"]).toMatch(/(^|, )no-store/);
  });
});

describe("upload file names with = or ;", () => {
  const BOUNDARY = "----xueerBoundary7MA4YWxkTrZu0gW";
  // The file's own text looks like part headers too: it must pass through untouched.
  const CONTENT = `第一条 为了规范管理，制定本规定。\r\n\r\nContent-Disposition: form-data; name="x"; filename="a;b=c"\r\n\r\n--not-the-boundary\r\n`;
  const multipart = (filename: string) =>
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${CONTENT}\r\n` +
        `--${BOUNDARY}--\r\n`,
    );

  async function parse(body: Buffer, chunkSize: number) {
    const chunks = Array.from({ length: Math.ceil(body.length / chunkSize) }, (_, i) =>
      body.subarray(i * chunkSize, (i + 1) * chunkSize),
    );
    const fixed = Readable.from(chunks).pipe(multipartNameFix(BOUNDARY));
    const request = new Request("http://x/", {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      body: Readable.toWeb(fixed) as unknown as BodyInit,
      duplex: "half",
    } as RequestInit);
    return unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler());
  }

  it("keeps the form readable at any chunking, the name with full-width ； ＝ and the content byte for byte", async () => {
    const body = multipart("第1;条=规定.txt");
    for (const size of [1, 2, 7, 31, 64, 1000, body.length]) {
      const form = await parse(body, size);
      const file = form.get("files") as File;
      expect(file.name, `chunks of ${size}`).toBe("第1；条＝规定.txt");
      expect(await file.text()).toBe(CONTENT);
      expect(form.get("intent")).toBe("upload");
    }
    // A NUL in a name makes the form unreadable (its route answers 400) instead of reaching PostgreSQL.
    await expect(parse(multipart("a\u0000b.txt"), 64)).rejects.toThrow();
  });

  it("an administrator's upload of such a file is read and imported", async () => {
    const admin = await createUser({ role: "admin" });
    const login = await form(direct, "/login", { username: admin.username, password: admin.password });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const body = multipart("第1;条=规定.txt");
    const response = await raw(direct, {
      path: "/admin/documents",
      headers: {
        "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
        "Content-Length": String(body.length),
        Origin: origin(direct),
        Cookie: cookie,
      },
      body,
    });
    expect(response.body).not.toContain("上传的表单无法读取");
    expect(response.status).toBeLessThan(400);
    const runs = await prisma.$queryRaw<
      { count: bigint }[]
    >`select count(*) from import_runs where result::text like ${"%第1；条＝规定.txt%"}`;
    expect(Number(runs[0]!.count)).toBeGreaterThanOrEqual(1);
  });
});
