import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { logIn } from "~/auth/accounts.server";
import { UNREADABLE_FORM, readForm } from "~/auth/form.server";
import { safeRedirect } from "~/auth/redirect";
import { CHANGE_PASSWORD_PATH, createUserSession, requireAnonymous } from "~/auth/session.server";
import { fieldErrors, loginSchema, type FieldErrors } from "~/auth/validation";
import { Field, FormError, SubmitButton } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "登录 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form) return data({ errors: { form: UNREADABLE_FORM } as FieldErrors }, { status: 415 });
  const parsed = loginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  }
  const result = await logIn(parsed.data.username, parsed.data.password, context.clientIp);
  if (!result.ok) {
    const message =
      result.reason === "rate-limited"
        ? `登录失败次数过多，请 ${result.retryAfterMinutes} 分钟后再试。`
        : result.reason === "deactivated"
          ? "该账号已被停用，请联系管理员。"
          : "用户名或密码不正确。";
    return data(
      { errors: { form: message } as FieldErrors },
      { status: result.reason === "rate-limited" ? 429 : result.reason === "deactivated" ? 403 : 401 },
    );
  }
  // A temporary password (reset or bulk creation by an administrator) is changed first. The target
  // is settled before the session exists, so a bad one cannot leave a session behind.
  const to = result.user.mustChangePassword ? CHANGE_PASSWORD_PATH : safeRedirect(form.get("redirectTo"), "/");
  const cookie = await createUserSession(request, result.user.id);
  return redirect(to, { headers: { "Set-Cookie": cookie } });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? {};
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">登录学而</h1>
      <Form
        method="post"
        noValidate
        className="mt-6 space-y-4 rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
      >
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError message={errors.form} />
        <Field label="用户名" name="username" autoComplete="username" required autoFocus error={errors.username} />
        <Field
          label="密码"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <SubmitButton pending={navigation.state === "submitting"} pendingText="正在登录…">
          登录
        </SubmitButton>
      </Form>
      <p className="mt-4 text-center text-sm text-stone-600">
        还没有账号？
        <Link
          to={{ pathname: "/signup", search: searchParams.toString() }}
          className="font-medium text-brand-700 hover:underline"
        >
          注册
        </Link>
      </p>
    </div>
  );
}
