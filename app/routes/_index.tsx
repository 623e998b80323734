import { Link } from "@remix-run/react";
import { useOptionalUser } from "~/root";

const FEATURES = [
  { title: "权威材料出题", text: "从政府工作报告、法律法规、会议精神中提取提法、目标和法条，每道题都注明出处。" },
  { title: "按遗忘规律复习", text: "采用 FSRS 间隔重复算法，在你快要忘记时安排复习，每天 5–15 分钟。" },
  { title: "进度一目了然", text: "连续学习天数、掌握程度、待复习预测；小组管理员可查看参与度与保持率。" },
];

export default function Home() {
  const user = useOptionalUser();
  if (user) {
    return (
      <div className="space-y-6">
        <section className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
          <h1 className="text-2xl font-semibold">欢迎回来，{user.displayName}</h1>
          <p className="mt-2 text-stone-600">每天花几分钟完成今日学习，系统会按遗忘规律安排复习。</p>
          <div className="mt-5 flex flex-wrap gap-3">
            <Link to="/study" className="rounded-lg bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
              开始今日学习
            </Link>
            <Link to="/progress" className="rounded-lg border border-stone-300 px-5 py-2.5 font-medium text-stone-700 hover:bg-stone-50">
              查看进度
            </Link>
            {user.role === "admin" ? (
              <Link to="/admin" className="rounded-lg border border-stone-300 px-5 py-2.5 font-medium text-stone-700 hover:bg-stone-50">
                进入管理
              </Link>
            ) : null}
          </div>
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
          <Link to="/login" className="rounded-lg border border-stone-300 bg-white px-6 py-2.5 font-medium text-stone-700 hover:bg-stone-50">
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
