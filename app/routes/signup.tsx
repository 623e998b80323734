import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { signUp } from "~/auth/accounts.server";
import { UNREADABLE_FORM, readForm } from "~/auth/form.server";
import { safeRedirect } from "~/auth/redirect";
import { createUserSession, requireAnonymous } from "~/auth/session.server";
import { fieldErrors, signupSchema, type FieldErrors } from "~/auth/validation";
import { Field, FormError, SubmitButton } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "注册 · 学而" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form) return data({ errors: { form: UNREADABLE_FORM } as FieldErrors }, { status: 415 });
  const parsed = signupSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  }
  const result = await signUp(parsed.data);
  if (!result.ok) {
    return data({ errors: { [result.field]: result.message } as FieldErrors }, { status: 400 });
  }
  const to = safeRedirect(form.get("redirectTo"), "/");
  const cookie = await createUserSession(request, result.user.id);
  return redirect(to, { headers: { "Set-Cookie": cookie } });
}

export default function SignupPage() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? {};
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">注册学而</h1>
      <p className="mt-1 text-sm text-stone-600">注册后即可开始每日学习。</p>
      <Form
        method="post"
        noValidate
        className="mt-6 space-y-4 rounded-xl border border-stone-200 bg-white p-5 shadow-sm"
      >
        <FormError message={errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label="用户名"
          name="username"
          autoComplete="username"
          required
          autoFocus
          error={errors.username}
          hint="2–32 个字符：字母、数字、汉字或 _ . -"
        />
        <Field
          label="姓名（选填）"
          name="displayName"
          autoComplete="name"
          error={errors.displayName}
          hint="显示在页面和小组报告中"
        />
        <Field
          label="密码"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.password}
          hint="至少 8 个字符"
        />
        <Field
          label="确认密码"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <SubmitButton pending={navigation.state === "submitting"} pendingText="正在注册…">
          注册
        </SubmitButton>
      </Form>
      <p className="mt-4 text-center text-sm text-stone-600">
        已有账号？
        <Link
          to={{ pathname: "/login", search: searchParams.toString() }}
          className="font-medium text-brand-700 hover:underline"
        >
          登录
        </Link>
      </p>
    </div>
  );
}
