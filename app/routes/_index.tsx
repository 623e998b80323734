import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { requestNow } from "~/clock.server";
import { listMyInvitations } from "~/groups/groups.server";
import { InvitationList } from "~/groups/invitations";
import { homeSummary } from "~/study/session.server";
import { useOptionalUser } from "~/root";

const FEATURES = [
  { title: "权威材料出题", text: "从政府工作报告、法律法规、会议精神中提取提法、目标和法条，每道题都注明出处。" },
  { title: "按遗忘规律复习", text: "采用 FSRS 间隔重复算法，在你快要忘记时安排复习，每天 5–15 分钟。" },
  { title: "进度一目了然", text: "连续学习天数、掌握程度、待复习预测；小组管理员可查看参与度与保持率。" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) return { home: null, invitations: [] };
  const [home, invitations] = await Promise.all([
    homeSummary(user.id, requestNow(request, context)),
    listMyInvitations(user.id),
  ]);
  return { home, invitations };
}

export default function Home() {
  const user = useOptionalUser();
  const { home, invitations } = useLoaderData<typeof loader>();
  if (user && home) {
    const nothingLeft = home.dueToday === 0 && home.newToday === 0;
    return (
      <div className="space-y-6">
        <InvitationList invitations={invitations} back="home" />
        <section className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
          <h1 className="text-2xl font-semibold">
            {home.everStudied ? `欢迎回来，${user.displayName}` : `欢迎来到学而，${user.displayName}`}
          </h1>
          <p className="mt-2 text-stone-600">
            {home.everStudied
              ? "每天花几分钟完成今日学习，系统会按遗忘规律安排复习。"
              : "从第一组新考点开始，答完一题立即看到答案和出处；之后系统会在你快要忘记时安排复习。"}
          </p>
          <dl className="mt-5 grid grid-cols-3 gap-3 text-center" aria-label="今日概况">
            <div className="rounded-xl bg-stone-50 p-3">
              <dt className="text-xs text-stone-500">今日待复习</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{home.dueToday}</dd>
            </div>
            <div className="rounded-xl bg-stone-50 p-3">
              <dt className="text-xs text-stone-500">今日新考点</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{home.newToday}</dd>
            </div>
            <div className="rounded-xl bg-stone-50 p-3">
              <dt className="text-xs text-stone-500">连续学习</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">
                {home.streak} <span className="text-sm font-normal text-stone-500">天</span>
              </dd>
            </div>
          </dl>
          <Link
            to="/study"
            className="mt-5 block rounded-lg bg-brand-600 px-5 py-3 text-center text-lg font-medium text-white hover:bg-brand-700"
          >
            开始今日学习
          </Link>
          {nothingLeft && home.available > 0 ? (
            <p className="mt-2 text-center text-sm text-emerald-700">
              今日任务已完成，可以再学几个新考点或做一次测验。
            </p>
          ) : null}
          <p className="mt-3 flex flex-wrap gap-4 text-sm">
            <Link to="/progress" className="text-stone-600 hover:text-brand-700">
              查看进度
            </Link>
            <Link to="/sets" className="text-stone-600 hover:text-brand-700">
              题集与测验
            </Link>
            <Link to="/bookmarks" className="text-stone-600 hover:text-brand-700">
              我的收藏
            </Link>
            {user.role === "admin" ? (
              <Link to="/admin" className="text-stone-600 hover:text-brand-700">
                进入管理
              </Link>
            ) : null}
          </p>
        </section>
      </div>
    );
  }
  return (
    <div className="space-y-10">
      <section className="text-center sm:py-8">
        <p className="text-sm tracking-widest text-brand-700">学而时习之，不亦说乎</p>
        <h1 className="mt-3 text-3xl font-bold sm:text-4xl">学而 · 学习与测验平台</h1>
        <p className="mx-auto mt-4 max-w-2xl text-stone-600">
          学而把政府工作报告、法律法规、会议精神和理论学习材料变成题库，并按照每个人的记忆情况安排每日复习，让重要内容真正记得住。
        </p>
        <div className="mt-6 flex justify-center gap-3">
          <Link to="/signup" className="rounded-lg bg-brand-600 px-6 py-2.5 font-medium text-white hover:bg-brand-700">
            注册
          </Link>
          <Link
            to="/login"
            className="rounded-lg border border-stone-300 bg-white px-6 py-2.5 font-medium text-stone-700 hover:bg-stone-50"
          >
            登录
          </Link>
        </div>
      </section>
      <section className="grid gap-4 sm:grid-cols-3">
        {FEATURES.map((feature) => (
          <div key={feature.title} className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
            <h2 className="font-semibold">{feature.title}</h2>
            <p className="mt-2 text-sm text-stone-600">{feature.text}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
