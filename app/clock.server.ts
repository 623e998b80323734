import { env } from "~/env.server";

const TEST_CLOCK_COOKIE = "xueer_test_now";

/**
 * The current time for a request. End-to-end tests may move it forward ("the next day") with a
 * cookie, only when XUEER_TEST_CLOCK=1, which the environment check refuses in production.
 */
export function requestNow(request: Request): Date {
  if (env.XUEER_TEST_CLOCK === "1") {
    const match = new RegExp(`(?:^|;\\s*)${TEST_CLOCK_COOKIE}=([^;]+)`).exec(request.headers.get("Cookie") ?? "");
    const parsed = match?.[1] ? new Date(decodeURIComponent(match[1])) : null;
    if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  }
  return new Date();
}
