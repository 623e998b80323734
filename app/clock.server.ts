import type { AppLoadContext } from "@remix-run/node";
import { env } from "~/env.server";

const TEST_CLOCK_COOKIE = "xueer_test_now";

/**
 * The current time for a request. Tests may move it forward ("the next day") with a cookie: in
 * development and test with XUEER_TEST_CLOCK=1 (refused in production by the environment check),
 * or when the server was started in code with the test clock (the end-to-end runner), which the
 * load context says.
 */
export function requestNow(request: Request, context?: AppLoadContext): Date {
  if (context?.testClock === true || (env.NODE_ENV !== "production" && env.XUEER_TEST_CLOCK === "1")) {
    const match = new RegExp(`(?:^|;\\s*)${TEST_CLOCK_COOKIE}=([^;]+)`).exec(request.headers.get("Cookie") ?? "");
    const parsed = match?.[1] ? new Date(decodeURIComponent(match[1])) : null;
    if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  }
  return new Date();
}
