import { z } from "zod";

/**
 * The form a username is stored and compared in: NFKC folds full-width and compatibility forms
 * (ａｄｍｉｎ → admin); case is compared without regard to it (accounts.server.ts).
 */
export function normalizeUsername(username: string): string {
  return username.normalize("NFKC").trim();
}

// Letters outside Latin and Han (Cyrillic а, Greek ο…) are refused in new usernames: they are how
// look-alikes of existing names (аdmin beside admin) are made, and no user here needs them.
const USERNAME_CHARACTERS = /^[\p{Script=Latin}\p{Script=Han}\p{N}_.-]+$/u;

export const usernameSchema = z
  .string({ error: "请输入用户名" })
  .overwrite(normalizeUsername)
  .min(2, "用户名至少 2 个字符")
  .max(32, "用户名最多 32 个字符")
  .regex(/^[\p{L}\p{N}_.-]+$/u, { message: "用户名只能包含字母、数字、汉字和 _ . -", abort: true })
  .regex(USERNAME_CHARACTERS, "用户名只能使用拉丁字母、汉字、数字和 _ . -");

export const passwordSchema = z
  .string({ error: "请输入密码" })
  .min(8, "密码至少 8 个字符")
  .max(128, "密码最多 128 个字符");

// Control characters (BEL, ESC…) and bidirectional overrides (U+202E turns "txt.exe" around) are
// removed: a name is shown to others in reports and must read as what it is.
const INVISIBLE = /[\p{Cc}\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/gu;

export function cleanDisplayName(name: string): string {
  return name.replace(INVISIBLE, "").trim();
}

export const displayNameSchema = z.string().overwrite(cleanDisplayName).max(40, "姓名最多 40 个字符");

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

// No stored username is longer than 32 characters nor password than 128: longer input is refused
// before it reaches the database (an index row too large) or the hash.
export const loginSchema = z.object({
  username: z
    .string({ error: "请输入用户名" })
    .overwrite(normalizeUsername)
    .min(1, "请输入用户名")
    .max(64, "用户名或密码不正确。"),
  password: z.string({ error: "请输入密码" }).min(1, "请输入密码").max(1024, "用户名或密码不正确。"),
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
