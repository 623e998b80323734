import { expect, it } from "vitest";
import { fieldErrors, signupSchema } from "./validation";

it("accepts Chinese usernames and reports one message per field", () => {
  expect(signupSchema.safeParse({ username: "张三", password: "12345678", confirmPassword: "12345678" }).success).toBe(true);
  const result = signupSchema.safeParse({ username: "a b", password: "1", confirmPassword: "1" });
  expect(result.success).toBe(false);
  if (!result.success) {
    expect(fieldErrors(result.error)).toEqual({
      username: "用户名只能包含字母、数字、汉字和 _ . -",
      password: "密码至少 8 个字符",
    });
  }
});
