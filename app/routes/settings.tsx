import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { z } from "zod";
import {
  changePassword,
  countActiveSessions,
  getSettings,
  updateDisplayName,
  updateStudySettings,
} from "~/auth/profile.server";
import { UNREADABLE_FORM, readForm } from "~/auth/form.server";
import { CHANGE_PASSWORD_PATH, requireUser } from "~/auth/session.server";
import { displayNameSchema, fieldErrors, passwordSchema, type FieldErrors } from "~/auth/validation";
import { requestNow } from "~/clock.server";
import { Field, SelectField } from "~/components/form";
import { MemoryPanel } from "~/components/memory-panel";
import { requestFit } from "~/memory/jobs.server";
import { memorySummary } from "~/memory/summary.server";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "~/study/day";
import { DEFAULT_DESIRED_RETENTION, MAX_DESIRED_RETENTION, MIN_DESIRED_RETENTION } from "~/study/scheduler";

export const meta: MetaFunction = () => [{ title: "设置 · 学而" }];

const MAX_DAILY_NEW_LIMIT = 50;
const DEFAULT_DAILY_NEW_LIMIT = 10;

/** Zones offered in the list; any valid IANA zone is accepted, and the learner's own is always listed. */
const TIME_ZONES: readonly (readonly [string, string])[] = [
  ["Asia/Shanghai", "北京时间"],
  ["Asia/Urumqi", "乌鲁木齐"],
  ["Asia/Hong_Kong", "香港"],
  ["Asia/Macau", "澳门"],
  ["Asia/Taipei", "台北"],
  ["Asia/Tokyo", "东京"],
  ["Asia/Seoul", "首尔"],
  ["Asia/Singapore", "新加坡"],
  ["Asia/Kuala_Lumpur", "吉隆坡"],
  ["Asia/Bangkok", "曼谷"],
  ["Asia/Ho_Chi_Minh", "胡志明市"],
  ["Asia/Jakarta", "雅加达"],
  ["Asia/Kolkata", "新德里"],
  ["Asia/Dubai", "迪拜"],
  ["Europe/Moscow", "莫斯科"],
  ["Europe/Berlin", "柏林"],
  ["Europe/Paris", "巴黎"],
  ["Europe/London", "伦敦"],
  ["Africa/Cairo", "开罗"],
  ["America/New_York", "纽约"],
  ["America/Chicago", "芝加哥"],
  ["America/Denver", "丹佛"],
  ["America/Los_Angeles", "洛杉矶"],
  ["America/Sao_Paulo", "圣保罗"],
  ["Australia/Sydney", "悉尼"],
  ["Pacific/Auckland", "奥克兰"],
  ["UTC", "协调世界时"],
];

const RETENTION_CHOICES = Array.from(
  { length: Math.round((MAX_DESIRED_RETENTION - MIN_DESIRED_RETENTION) * 100) + 1 },
  (_, i) => Math.round((MIN_DESIRED_RETENTION + i / 100) * 100) / 100,
);

/** A form field as posted: absent and blank both mean "not filled in". */
const filled = (message: string) => z.string({ error: message }).trim().min(1, message);

const profileSchema = z.object({ displayName: displayNameSchema.min(1, "请输入姓名") });

const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: "请输入当前密码" }).min(1, "请输入当前密码"),
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: "请再次输入新密码" }).min(1, "请再次输入新密码"),
  })
  .refine((form) => form.newPassword === form.confirmPassword, {
    path: ["confirmPassword"],
    message: "两次输入的新密码不一致",
  })
  .refine((form) => form.newPassword !== form.currentPassword, {
    path: ["newPassword"],
    message: "新密码不能与当前密码相同",
  });

const studySchema = z.object({
  dailyNewLimit: filled("请输入每日新题数量")
    .pipe(z.coerce.number({ error: "请输入 0 到 50 之间的整数" }))
    .pipe(
      z
        .number()
        .int("请输入 0 到 50 之间的整数")
        .min(0, "请输入 0 到 50 之间的整数")
        .max(MAX_DAILY_NEW_LIMIT, "请输入 0 到 50 之间的整数"),
    ),
  desiredRetention: filled("请选择目标保持率")
    .pipe(z.coerce.number({ error: "目标保持率应在 80% 到 97% 之间" }))
    .pipe(
      z
        .number()
        .min(MIN_DESIRED_RETENTION, "目标保持率应在 80% 到 97% 之间")
        .max(MAX_DESIRED_RETENTION, "目标保持率应在 80% 到 97% 之间"),
    ),
  timeZone: filled("请选择时区").refine(isValidTimeZone, "请选择有效的时区"),
});

const optimizeSchema = z.object({ intent: z.literal("optimize") });

type Intent = "profile" | "password" | "study" | "optimize";

interface ActionResult {
  intent: Intent | null;
  errors: FieldErrors;
  saved: boolean;
  /** The outcome of 优化记忆参数, in plain Chinese. */
  message?: string;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [settings, sessions, memory] = await Promise.all([
    getSettings(user.id),
    countActiveSessions(user.id),
    memorySummary(user.id, requestNow(request, context)),
  ]);
  return { settings, sessions, memory };
}

function refused(intent: Intent | null, errors: FieldErrors, status = 400) {
  return data<ActionResult>({ intent, errors, saved: false }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  if (!form) return refused(null, { form: UNREADABLE_FORM }, 415);
  const fields = Object.fromEntries(form);
  const intent = form.get("intent");

  if (intent === "profile") {
    const parsed = profileSchema.safeParse(fields);
    if (!parsed.success) return refused(intent, fieldErrors(parsed.error));
    await updateDisplayName(user.id, parsed.data.displayName);
    return data<ActionResult>({ intent, errors: {}, saved: true });
  }

  if (intent === "password") {
    const parsed = passwordChangeSchema.safeParse(fields);
    if (!parsed.success) return refused(intent, fieldErrors(parsed.error));
    const result = await changePassword(request, user.id, {
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      clientIp: context.clientIp,
    });
    if (!result.ok) {
      return result.reason === "rate-limited"
        ? refused(intent, { currentPassword: `密码错误次数过多，请 ${result.retryAfterMinutes} 分钟后再试。` }, 429)
        : refused(intent, { currentPassword: "当前密码不正确" });
    }
    // A redirect, not data: after an action the page's loaders run with the request's cookie, whose
    // session has just ended, so a page without JavaScript would be sent to the login page and
    // drop the fresh cookie on the way. A redirect carries it to the next request.
    return redirect(`${CHANGE_PASSWORD_PATH}?password=changed`, { headers: { "Set-Cookie": result.cookie } });
  }

  if (intent === "study") {
    const parsed = studySchema.safeParse(fields);
    if (!parsed.success) return refused(intent, fieldErrors(parsed.error));
    await updateStudySettings(user.id, parsed.data);
    return data<ActionResult>({ intent, errors: {}, saved: true });
  }

  if (intent === "optimize") {
    const parsed = optimizeSchema.safeParse(fields);
    if (!parsed.success) return refused(null, { form: "无法识别的操作，请刷新页面后重试。" });
    // The fit runs in a child process (app/memory/jobs.server.ts); this request only waits for it.
    const outcome = await requestFit(user.id);
    if (!outcome.ok)
      return data<ActionResult>(
        { intent: "optimize", errors: {}, saved: false, message: outcome.message },
        { status: outcome.retryAfterMinutes ? 429 : 200 },
      );
    return data<ActionResult>({
      intent: "optimize",
      errors: {},
      saved: outcome.result.outcome === "fitted",
      message: outcome.result.message,
    });
  }

  return refused(null, { form: "无法识别的操作，请刷新页面后重试。" });
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function SaveRow({
  intent,
  pendingIntent,
  saved,
  label = "保存",
  savedText = "已保存",
}: {
  intent: Intent;
  pendingIntent: unknown;
  saved: boolean;
  label?: string;
  savedText?: string;
}) {
  const pending = pendingIntent === intent;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="intent" value={intent} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-70"
      >
        {pending ? "正在保存…" : label}
      </button>
      {saved ? (
        <span role="status" className="text-sm text-green-700">
          {savedText}
        </span>
      ) : null}
    </div>
  );
}

export default function SettingsPage() {
  const { settings, sessions, memory } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const errorsFor = (intent: Intent): FieldErrors => (actionData?.intent === intent ? actionData.errors : {});
  const savedFor = (intent: Intent) => actionData?.intent === intent && actionData.saved;

  const passwordForm = useRef<HTMLFormElement>(null);
  const [searchParams] = useSearchParams();
  // Set by the redirect after a change, until the next action on the page.
  const passwordChanged = savedFor("password") || (!actionData && searchParams.get("password") === "changed");
  useEffect(() => {
    // A changed password must not linger in the fields.
    if (passwordChanged) passwordForm.current?.reset();
  }, [passwordChanged, actionData]);

  const zones = TIME_ZONES.some(([zone]) => zone === settings.timeZone)
    ? TIME_ZONES
    : [[settings.timeZone, settings.timeZone] as const, ...TIME_ZONES];
  const retentionChoices = RETENTION_CHOICES.includes(settings.desiredRetention)
    ? RETENTION_CHOICES
    : [...RETENTION_CHOICES, settings.desiredRetention].sort((a, b) => a - b);
  const profileErrors = errorsFor("profile");
  const passwordErrors = errorsFor("password");
  const studyErrors = errorsFor("study");

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">设置</h1>
      {settings.mustChangePassword ? (
        <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <p className="font-medium">请先修改密码</p>
          <p className="mt-1">
            你正在使用管理员提供的临时密码。为了账号安全，请在下方“修改密码”中设置自己的新密码（当前密码填写临时密码）；修改完成前无法使用其他页面。
          </p>
          <a href="#settings-password" className="mt-2 inline-block font-medium text-amber-900 underline">
            去修改密码
          </a>
        </div>
      ) : null}
      {actionData?.intent === null && actionData.errors.form ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {actionData.errors.form}
        </p>
      ) : null}

      <Section id="settings-profile" title="个人资料">
        <p className="mt-1 text-sm text-stone-600">用户名：{settings.username}</p>
        <Form method="post" noValidate className="mt-4 space-y-3">
          <Field
            label="姓名"
            name="displayName"
            defaultValue={settings.displayName}
            maxLength={40}
            error={profileErrors.displayName}
          />
          <SaveRow intent="profile" pendingIntent={pendingIntent} saved={savedFor("profile")} />
        </Form>
      </Section>

      <Section id="settings-study" title="学习设置">
        <Form method="post" noValidate className="mt-4 space-y-4">
          <Field
            label="每日新题上限"
            name="dailyNewLimit"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_DAILY_NEW_LIMIT}
            step={1}
            defaultValue={settings.dailyNewLimit}
            error={studyErrors.dailyNewLimit}
            hint={`每天最多学习多少个新考点（0–${MAX_DAILY_NEW_LIMIT}，默认 ${DEFAULT_DAILY_NEW_LIMIT}）；设为 0 则只复习。`}
          />
          <SelectField
            label="目标保持率"
            name="desiredRetention"
            defaultValue={String(settings.desiredRetention)}
            error={studyErrors.desiredRetention}
            hint="复习时希望还记得的比例：调得越高，忘得越少，但每天要复习的题目越多。"
          >
            {retentionChoices.map((value) => (
              <option key={value} value={String(value)}>
                {Math.round(value * 1000) / 10}%{value === DEFAULT_DESIRED_RETENTION ? "（默认）" : ""}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="时区"
            name="timeZone"
            defaultValue={settings.timeZone}
            error={studyErrors.timeZone}
            hint={`每个学习日从所选时区的凌晨 4 点开始（默认${TIME_ZONES.find(([zone]) => zone === DEFAULT_TIME_ZONE)?.[1] ?? DEFAULT_TIME_ZONE}）。`}
          >
            {zones.map(([zone, label]) => (
              <option key={zone} value={zone}>
                {label === zone ? zone : `${label}（${zone}）`}
              </option>
            ))}
          </SelectField>
          <SaveRow
            intent="study"
            pendingIntent={pendingIntent}
            saved={savedFor("study")}
            savedText="已保存，下次学习时生效"
          />
        </Form>
      </Section>

      <Section id="settings-memory" title="记忆参数">
        <div className="mt-3">
          <MemoryPanel
            summary={memory}
            action={
              <Form method="post" className="mt-3 flex flex-wrap items-center gap-3">
                <input type="hidden" name="intent" value="optimize" />
                <button
                  type="submit"
                  disabled={pendingIntent === "optimize"}
                  className="rounded-lg border border-brand-600 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-70"
                >
                  {pendingIntent === "optimize" ? "正在优化…" : "优化记忆参数"}
                </button>
                <span className="text-xs text-stone-500">
                  按你自己的复习记录拟合记忆模型，每小时可优化一次；系统也会每周自动优化。
                </span>
                {actionData?.intent === "optimize" && actionData.message ? (
                  <p role="status" data-testid="optimize-outcome" className="w-full text-sm text-stone-800">
                    {actionData.message}
                  </p>
                ) : null}
              </Form>
            }
          />
        </div>
      </Section>

      <Section id="settings-password" title="修改密码">
        <Form ref={passwordForm} method="post" noValidate className="mt-4 space-y-3">
          {/* Lets password managers file the new password under the right account. */}
          <input type="text" name="username" autoComplete="username" value={settings.username} readOnly hidden />
          <Field
            label="当前密码"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={passwordErrors.currentPassword}
          />
          <Field
            label="新密码"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            error={passwordErrors.newPassword}
            hint="至少 8 个字符"
          />
          <Field
            label="确认新密码"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            error={passwordErrors.confirmPassword}
          />
          <SaveRow
            intent="password"
            pendingIntent={pendingIntent}
            saved={passwordChanged}
            label="修改密码"
            savedText="密码已修改，其他设备上的登录已退出"
          />
        </Form>
      </Section>

      <Section id="settings-sessions" title="登录设备">
        <p className="mt-1 text-sm text-stone-600">
          当前共有 {sessions} 个有效登录。如果在公共电脑上忘记退出，可以退出所有设备。
        </p>
        <Form
          method="post"
          action="/logout"
          className="mt-4"
          onSubmit={(event) => {
            if (!window.confirm("确定要退出所有设备吗？包括当前设备在内都需要重新登录。")) event.preventDefault();
          }}
        >
          <input type="hidden" name="scope" value="everywhere" />
          <button
            type="submit"
            className="rounded-lg border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
          >
            退出所有设备
          </button>
        </Form>
      </Section>
    </div>
  );
}
