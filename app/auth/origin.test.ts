import { describe, expect, it } from "vitest";
import { isAllowedOrigin } from "./origin";

describe("isAllowedOrigin", () => {
  const origin = "http://xueer.example:3000";
  it("lets reads through without an origin", () => {
    expect(isAllowedOrigin("GET", {}, origin)).toBe(true);
    expect(isAllowedOrigin("head", {}, origin)).toBe(true);
  });
  it("accepts mutations from the same origin, by Origin or by Referer", () => {
    expect(isAllowedOrigin("POST", { origin: "http://xueer.example:3000" }, origin)).toBe(true);
    expect(isAllowedOrigin("POST", { referer: "http://xueer.example:3000/login?x=1" }, origin)).toBe(true);
  });
  it("refuses mutations from elsewhere, another scheme or of unknown origin", () => {
    expect(isAllowedOrigin("POST", { origin: "https://evil.example" }, origin)).toBe(false);
    expect(isAllowedOrigin("DELETE", { origin: "http://xueer.example:4000" }, origin)).toBe(false);
    expect(isAllowedOrigin("POST", { origin: "https://xueer.example:3000" }, origin)).toBe(false);
    expect(isAllowedOrigin("POST", { referer: "https://xueer.example:3000/login" }, origin)).toBe(false);
    expect(isAllowedOrigin("POST", {}, origin)).toBe(false);
    expect(isAllowedOrigin("POST", { origin: "null" }, origin)).toBe(false);
    expect(isAllowedOrigin("POST", { origin: "null", referer: "http://xueer.example:3000/login" }, origin)).toBe(false);
    expect(isAllowedOrigin("POST", { referer: "not a url" }, origin)).toBe(false);
  });
});
