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
});
