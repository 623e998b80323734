import { expect, it } from "vitest";
import { displayNameSchema, fieldErrors, loginSchema, signupSchema, usernameSchema } from "./validation";

it("accepts Chinese usernames and reports one message per field", () => {
  expect(signupSchema.safeParse({ username: "张三", password: "12345678", confirmPassword: "12345678" }).success).toBe(
    true,
  );
  const result = signupSchema.safeParse({ username: "a b", password: "1", confirmPassword: "1" });
  expect(result.success).toBe(false);
  if (!result.success) {
    expect(fieldErrors(result.error)).toEqual({
      username: "用户名只能包含字母、数字、汉字和 _ . -",
      password: "密码至少 8 个字符",
    });
  }
});

it("folds full-width usernames and refuses look-alike scripts", () => {
  expect(usernameSchema.parse("ａｄｍｉｎ")).toBe("admin");
  expect(usernameSchema.parse("Zhang_三")).toBe("Zhang_三");
  const cyrillic = usernameSchema.safeParse("\u0430dmin");
  expect(cyrillic.success).toBe(false);
  if (!cyrillic.success) expect(cyrillic.error.issues[0]?.message).toBe("用户名只能使用拉丁字母、汉字、数字和 _ . -");
});

it("strips control and bidirectional characters from display names", () => {
  expect(displayNameSchema.parse("张\u202e三\u0007\u001b[31m")).toBe("张三[31m");
  expect(displayNameSchema.parse(" \u2066李四\u2069 ")).toBe("李四");
});

it("refuses over-long login input with the login's one message", () => {
  const result = loginSchema.safeParse({ username: "a".repeat(4000), password: "x" });
  expect(result.success).toBe(false);
  if (!result.success) expect(fieldErrors(result.error).username).toBe("用户名或密码不正确。");
});
