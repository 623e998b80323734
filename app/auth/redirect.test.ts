import { expect, it } from "vitest";
import { safeRedirect } from "./redirect";

it("keeps local paths and refuses everything else", () => {
  expect(safeRedirect("/study?day=1")).toBe("/study?day=1");
  expect(safeRedirect("//evil.example")).toBe("/");
  expect(safeRedirect("/\\evil.example")).toBe("/");
  expect(safeRedirect("https://evil.example")).toBe("/");
  expect(safeRedirect("/ok\nLocation: x")).toBe("/");
  expect(safeRedirect(null, "/home")).toBe("/home");
  expect(safeRedirect("")).toBe("/");
  // Non-ASCII cannot go into a Location header as it is.
  expect(safeRedirect("/documents?q=学习")).toBe("/documents?q=%E5%AD%A6%E4%B9%A0");
  expect(safeRedirect("/documents?q=%E5%AD%A6")).toBe("/documents?q=%E5%AD%A6");
});
