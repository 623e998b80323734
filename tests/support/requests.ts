import type { AppLoadContext } from "@remix-run/node";

const BASE = "http://localhost:3000";

export const context = (clientIp = "127.0.0.1"): AppLoadContext => ({ clientIp });

export function getRequest(path: string, { cookie }: { cookie?: string } = {}): Request {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function formRequest(
  path: string,
  fields: Record<string, string>,
  { cookie }: { cookie?: string } = {},
): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE };
  if (cookie) headers.Cookie = cookie;
  return new Request(`${BASE}${path}`, { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}

/** The `name=value` part of a Set-Cookie header, ready to send back. */
export function sessionCookie(response: Response): string {
  const header = response.headers.get("Set-Cookie");
  if (!header) throw new Error("response sets no cookie");
  return header.split(";")[0]!;
}

/** What a loader or action produced, whether it returned or threw it. */
export async function settle<T>(promise: Promise<T>): Promise<T | Response> {
  try {
    return await promise;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

interface DataWithInit<T> {
  data: T;
  init: ResponseInit | null;
}

/** Unwraps `data(value, { status })` results of single-fetch actions. */
export function actionData<T>(result: unknown): { data: T; status: number } {
  const wrapped = result as DataWithInit<T>;
  if (wrapped && typeof wrapped === "object" && "data" in wrapped && "init" in wrapped) {
    return { data: wrapped.data, status: wrapped.init?.status ?? 200 };
  }
  return { data: result as T, status: 200 };
}
