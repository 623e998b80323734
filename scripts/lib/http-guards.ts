// What every request passes before it reaches Remix: the proxy trust setting, body size limits,
// the Origin check, characters PostgreSQL cannot store, and the security headers of every response.
import net from "node:net";
import { Readable, Transform } from "node:stream";
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { NUL_IN_PART_HEADER } from "../../app/auth/nul.ts";
import { isAllowedOrigin } from "../../app/auth/origin.ts";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from "../../app/components/admin/limits.ts";
import { UserFacingError } from "./user-facing-error.ts";

// ---------------------------------------------------------------------------------------------
// TRUST_PROXY

export type TrustProxy = false | number | string[];

/**
 * TRUST_PROXY names the proxies whose X-Forwarded-For/-Proto/-Host are believed: a hop count
 * (`1`: the one load balancer in front) or a comma-separated list of addresses and subnets
 * (`10.0.0.0/8, 192.168.1.5`, or Express's `loopback`, `linklocal`, `uniquelocal`). `true` is
 * refused: it believes every X-Forwarded-For entry, so a client could pose as any address and walk
 * past the per-address login limits by rotating the header.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "false" || text === "0") return false;
  if (text === "true") {
    throw new UserFacingError(
      "TRUST_PROXY=true is not accepted: it would believe any X-Forwarded-For a client sends. Set the number of proxies in front of Xueer (TRUST_PROXY=1 for one load balancer) or their addresses/subnets (TRUST_PROXY=10.0.0.0/8).",
    );
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10)
      throw new UserFacingError(
        `TRUST_PROXY=${text}: a hop count above 10 is surely a mistake; give the number of proxies in front of Xueer.`,
      );
    return hops;
  }
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (["loopback", "linklocal", "uniquelocal"].includes(entry)) continue;
    const [address, bits, ...rest] = entry.split("/");
    const family = net.isIP(address ?? "");
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !validBits || rest.length > 0) {
      throw new UserFacingError(
        `TRUST_PROXY: "${entry}" is neither a hop count nor an IP address or subnet (e.g. 1, or 10.0.0.0/8, 192.168.1.5).`,
      );
    }
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Refusals

function refuse(req: Request, res: Response, status: number, message: string): void {
  // An unread body is not kept: the connection ends after the answer.
  res.set("Connection", "close");
  const wantsJson =
    req.path.endsWith(".data") || /json/i.test(req.get("content-type") ?? "") || /json/i.test(req.get("accept") ?? "");
  if (wantsJson) res.status(status).json({ error: message });
  else res.status(status).type("text/plain; charset=utf-8").send(message);
}

// ---------------------------------------------------------------------------------------------
// Body limits

/** Forms and JSON: a generous bound for every field a page has (the longest, a question's edit, is a few KB). */
export const FORM_BODY_LIMIT = 64 * 1024;
// Multipart framing and the form's other fields on top of the files themselves.
const MULTIPART_OVERHEAD = 1024 * 1024;
const MAX_CSV_BYTES = 2 * 1024 * 1024; // app/admin/users.server.ts, which needs the database to import

/**
 * Routes that take files, with the most they accept: a document upload takes up to
 * MAX_UPLOAD_FILES files of MAX_UPLOAD_BYTES each (the route refuses a larger file by name);
 * the user CSV import one file of MAX_CSV_BYTES.
 */
const UPLOAD_LIMITS: Record<string, number> = {
  "/admin/documents": MAX_UPLOAD_FILES * MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD,
  "/admin/users/import": MAX_CSV_BYTES + MULTIPART_OVERHEAD,
};

function routePath(path: string): string {
  // Client navigation posts to `<path>.data`; the root route's is `/_root.data`.
  const bare = path.replace(/\.data$/, "").replace(/\/+$/, "");
  return bare === "" || bare === "/_root" ? "/" : bare;
}

export function bodyLimitFor(path: string, contentType: string | undefined): number {
  const upload = UPLOAD_LIMITS[routePath(path)];
  return upload !== undefined && /^multipart\/form-data/i.test(contentType ?? "") ? upload : FORM_BODY_LIMIT;
}

const megabytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/**
 * Refuses a body larger than its route accepts from its Content-Length, before a byte of it is
 * read (Node's parser never delivers more than Content-Length bytes). A body of unknown length
 * (chunked) is refused too: browsers always send the length of a form or a fetch body.
 */
export const limitBodies: RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const length = req.get("content-length");
  if (length === undefined) {
    if (req.get("transfer-encoding")) return refuse(req, res, 411, "请求缺少内容长度（Content-Length），无法处理。");
    return next();
  }
  if (!/^\d+$/.test(length)) return refuse(req, res, 400, "请求的内容长度无效。");
  const limit = bodyLimitFor(req.path, req.get("content-type"));
  if (Number(length) > limit) {
    const upload = limit !== FORM_BODY_LIMIT;
    return refuse(
      req,
      res,
      413,
      upload
        ? `上传的内容过大：一次最多 ${megabytes(limit - MULTIPART_OVERHEAD)}，请分批上传。`
        : `提交的内容过大（超过 ${megabytes(limit)}），请缩短后重试。`,
    );
  }
  next();
};

// ---------------------------------------------------------------------------------------------
// Origin and forwarded headers

/**
 * A mutation must come from this origin (app/auth/origin.ts). The origin expected is the one the
 * browser sees: Express's protocol and host, which follow X-Forwarded-* only from trusted
 * proxies. Forwarded headers of an untrusted sender are removed, so that Remix's own host check,
 * which believes X-Forwarded-Host blindly, neither fails with a 500 on them nor is fooled.
 */
export const checkOrigin: RequestHandler = (req, res, next) => {
  const trust = req.app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean;
  if (!trust(req.socket.remoteAddress, 0)) {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
  }
  // Express and Remix both take the first X-Forwarded-Host entry (the one the client's side set).
  const host = (req.get("x-forwarded-host") ?? "").split(",")[0]!.trim() || (req.get("host") ?? "");
  if (
    !isAllowedOrigin(
      req.method,
      { origin: req.get("origin"), referer: req.get("referer") },
      `${req.protocol}://${host}`,
    )
  ) {
    return refuse(req, res, 403, "请求来源不被允许（跨站请求已拒绝）。请刷新页面后重试。");
  }
  next();
};

// ---------------------------------------------------------------------------------------------
// Characters PostgreSQL cannot store

/**
 * U+0000 cannot be stored in a PostgreSQL text column and ends any query that carries it with an
 * error: refused in the address (searches, filters) before a route sees it, and in form and JSON
 * bodies by readSmallBody.
 */
export const refuseNulInUrl: RequestHandler = (req, res, next) => {
  if (/%00/.test(req.originalUrl) || req.originalUrl.includes("\u0000")) {
    return refuse(req, res, 400, "请求地址中含有无效字符（\\0），请检查后重试。");
  }
  next();
};

const NUL_MESSAGE = "提交的内容中含有无效字符（\\0），请删除后重试。";

/** Whether a form or JSON body carries U+0000: raw, percent-encoded, or as an unescaped JSON escape. */
export function bodyHasNul(body: Buffer, contentType: string): boolean {
  if (body.includes(0)) return true;
  // A multipart field holds its value as it is: "%00" there is typed text.
  if (/^multipart\//i.test(contentType)) return false;
  const text = body.toString("latin1");
  if (/json/i.test(contentType)) return /(?:^|[^\\])(?:\\\\)*\\u0000/i.test(text);
  return /%00/.test(text);
}

/**
 * Reads a form or JSON body (limitBodies bounded it to FORM_BODY_LIMIT) into `res.locals.body` and
 * refuses it with 400 when it holds U+0000, so that no route's query fails on it with a 500.
 * Uploads (multipart bodies to the upload routes) are left to stream to their routes; multipart
 * posted anywhere else is a small form like any other (a NUL in its login username was a 500).
 */
export const readSmallBody: RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  if (/^multipart\//i.test(req.get("content-type") ?? "") && UPLOAD_LIMITS[routePath(req.path)] !== undefined)
    return next();
  if (!req.get("content-length") || req.get("content-length") === "0") return next();
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.once("error", next);
  req.once("end", () => {
    const body = Buffer.concat(chunks);
    if (bodyHasNul(body, req.get("content-type") ?? "")) return refuse(req, res, 400, NUL_MESSAGE);
    res.locals.body = body;
    next();
  });
};

const METHOD_NOT_ALLOWED = "不支持此请求方法：该页面不接受提交。";

// ---------------------------------------------------------------------------------------------
// Multipart file names

const FULLWIDTH_SEMICOLON = Buffer.from("；", "utf8").toString("latin1");
const FULLWIDTH_EQUALS = Buffer.from("＝", "utf8").toString("latin1");
const HEADER_END = Buffer.from("\r\n\r\n");
const MAX_PART_HEADERS = 64 * 1024;

/** One part's header block with `;` and `=` inside quoted Content-Disposition values made full-width. */
function fixPartHeaders(block: Buffer): Buffer {
  // latin1 keeps every byte as it is (UTF-8 names included); only ASCII ; and = are replaced.
  const text = block
    .toString("latin1")
    .replace(/^content-disposition:.*$/gim, (line) =>
      line.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) =>
        quoted.replace(/;/g, FULLWIDTH_SEMICOLON).replace(/=/g, FULLWIDTH_EQUALS),
      ),
    );
  return Buffer.from(text, "latin1");
}

/**
 * Remix's multipart parser splits Content-Disposition at every `;` and `=`, quoted or not, and then
 * refuses the whole form: a file named `第1;条=规定.txt` made an upload unreadable. Browsers send
 * such names as they are (only `"` and line breaks are escaped), so each part's headers are
 * rewritten on the way in: `;` and `=` inside quoted values become `；` and `＝`, which the name
 * keeps. File contents pass through untouched, as a stream.
 */
export function multipartNameFix(boundary: string): Transform {
  const delimiter = Buffer.from(`--${boundary}\r\n`);
  let pending: Buffer = Buffer.alloc(0);
  let inHeaders = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (!inHeaders) {
          const at = pending.indexOf(delimiter);
          if (at === -1) {
            // Keep what could be the start of a delimiter split across chunks.
            const keep = Math.min(pending.length, delimiter.length - 1);
            if (pending.length > keep) this.push(pending.subarray(0, pending.length - keep));
            pending = pending.subarray(pending.length - keep);
            break;
          }
          this.push(pending.subarray(0, at + delimiter.length));
          pending = pending.subarray(at + delimiter.length);
          inHeaders = true;
        } else {
          const end = pending.indexOf(HEADER_END);
          if (end === -1) {
            if (pending.length <= MAX_PART_HEADERS) break;
            // Not a header block a browser makes: passed on as it is, for the parser to judge.
            this.push(pending);
            pending = Buffer.alloc(0);
            inHeaders = false;
            break;
          }
          const block = pending.subarray(0, end + HEADER_END.length);
          // A NUL in a part's name cannot be stored: the form is made unreadable (400 at its route).
          if (block.includes(0) || /%00/.test(block.toString("latin1"))) return callback(new Error(NUL_IN_PART_HEADER));
          this.push(fixPartHeaders(block));
          pending = pending.subarray(end + HEADER_END.length);
          inHeaders = false;
        }
      }
      callback();
    },
    flush(callback) {
      if (pending.length) this.push(pending);
      callback();
    },
  });
}

function multipartBoundary(contentType: string | undefined): string | null {
  if (!/^multipart\/form-data/i.test(contentType ?? "")) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return match?.[1] ?? match?.[2] ?? null;
}

/**
 * The Remix handler of @remix-run/express, but handing Remix a body readSmallBody already read
 * (the request stream is consumed by then), or a multipart body through multipartNameFix.
 */
export function remixHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: Request) => AppLoadContext;
}): RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const buffered = res.locals.body as Buffer | undefined;
      const boundary = buffered ? null : multipartBoundary(req.get("content-type"));
      let request: globalThis.Request;
      if (buffered || boundary) {
        // Remix's URL, headers and abort signal, built as for a bodiless request so that it does not
        // start reading the request stream itself.
        const base = createRemixRequest(Object.create(req, { method: { value: "GET" } }) as Request, res);
        const headers = new Headers(base.headers);
        let body: BodyInit;
        if (buffered) {
          body = new Uint8Array(buffered);
        } else {
          // The rewritten names may change the length.
          headers.delete("content-length");
          body = Readable.toWeb(req.pipe(multipartNameFix(boundary!))) as unknown as BodyInit;
        }
        request = new globalThis.Request(base.url, {
          method: req.method,
          headers,
          signal: base.signal,
          body,
          duplex: "half",
        } as RequestInit);
      } else {
        request = createRemixRequest(req, res);
      }
      let response = await handle(request, getLoadContext(req));
      // Remix's 405 (a POST to a page without an action) says which internal route id lacked it.
      if (response.status === 405) {
        response = new Response(METHOD_NOT_ALLOWED, {
          status: 405,
          headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
        });
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Security headers

/**
 * Headers of every response. The CSP with its nonce is set by app/entry.server.tsx on documents.
 * A response to a signed-in browser (it sent the session cookie) or one that sets a cookie is
 * `private, no-store` unless its route chose a cache policy: pages, data and CSV files of one user
 * must stay out of shared caches and the browser's disk.
 */
export const securityHeaders: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "same-origin");
  res.set("X-Frame-Options", "DENY");
  if (req.secure) res.set("Strict-Transport-Security", "max-age=31536000");
  const signedIn = /(?:^|;\s*)xueer_session=/.test(req.get("cookie") ?? "");
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
    if (!res.getHeader("Cache-Control") && (signedIn || res.getHeader("Set-Cookie")))
      res.setHeader("Cache-Control", "private, no-store");
    return writeHead.apply(this, args);
  } as Response["writeHead"];
  next();
};
