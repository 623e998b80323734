import { z } from "zod";

export const usernameSchema = z
  .string({ error: "请输入用户名" })
  .trim()
  .min(2, "用户名至少 2 个字符")
  .max(32, "用户名最多 32 个字符")
  .regex(/^[\p{L}\p{N}_.-]+$/u, "用户名只能包含字母、数字、汉字和 _ . -");

export const passwordSchema = z
  .string({ error: "请输入密码" })
  .min(8, "密码至少 8 个字符")
  .max(128, "密码最多 128 个字符");

export const displayNameSchema = z.string().trim().max(40, "姓名最多 40 个字符");

export const signupSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema.optional(),
    password: passwordSchema,
    confirmPassword: z.string({ error: "请再次输入密码" }),
  })
  .refine((data) => data.password === data.confirmPassword, {
    path: ["confirmPassword"],
    message: "两次输入的密码不一致",
  });

export const loginSchema = z.object({
  username: z.string({ error: "请输入用户名" }).trim().min(1, "请输入用户名"),
  password: z.string({ error: "请输入密码" }).min(1, "请输入密码"),
});

export type FieldErrors = Partial<Record<string, string>>;

/** The first message per field, in the shape forms render next to their inputs. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}
