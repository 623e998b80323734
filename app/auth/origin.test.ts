import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origin";

describe("isAllowedOrigin", () => {
  const host = "xueer.example:3000";
  it("lets reads through without an origin", () => {
    expect(isAllowedOrigin("GET", {}, host)).toBe(true);
    expect(isAllowedOrigin("head", {}, host)).toBe(true);
  });
  it("accepts mutations from the same host, by Origin or by Referer", () => {
    expect(isAllowedOrigin("POST", { origin: "http://xueer.example:3000" }, host)).toBe(true);
    expect(isAllowedOrigin("POST", { referer: "https://xueer.example:3000/login?x=1" }, host)).toBe(true);
  });
  it("refuses mutations from elsewhere or of unknown origin", () => {
    expect(isAllowedOrigin("POST", { origin: "https://evil.example" }, host)).toBe(false);
    expect(isAllowedOrigin("DELETE", { origin: "http://xueer.example:4000" }, host)).toBe(false);
    expect(isAllowedOrigin("POST", {}, host)).toBe(false);
    expect(isAllowedOrigin("POST", { origin: "null" }, host)).toBe(false);
    expect(isAllowedOrigin("POST", { referer: "not a url" }, host)).toBe(false);
  });
});
