import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/auth/nonce";
import { getSessionUser } from "~/auth/session.server";
import favicon from "~/favicon.svg?url";
import stylesheet from "~/tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", type: "image/svg+xml", href: favicon },
];

export const meta: MetaFunction = () => [
  { title: "学而 · 学习与测验" },
  { name: "description", content: "学而：把权威学习材料变成题库，按遗忘规律安排每日复习。" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return { user, isDevelopment: process.env.NODE_ENV === "development" };
}

// Answering or reporting a question, and refreshing the same page's data (the study page's 继续),
// cannot change the signed-in user: the root is not asked again then, which spares a session
// look-up on every question. Any navigation or other form revalidates it, so a session ended
// elsewhere shows in the header at the next page.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  formData,
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => {
  const intent = formData?.get("intent");
  if (intent === "answer" || intent === "report") return false;
  if (!formMethod && currentUrl.pathname === nextUrl.pathname) return false;
  return defaultShouldRevalidate;
};

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

const NAV_LINK = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-700" : "text-stone-600 hover:bg-stone-100 hover:text-stone-900"}`;

function Header() {
  const user = useOptionalUser();
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="flex items-baseline gap-2">
          <span className="text-xl font-bold text-brand-700">学而</span>
          <span className="hidden text-xs text-stone-500 sm:inline">学而时习之</span>
        </Link>
        {user ? (
          <nav aria-label="主导航" className="order-3 -mx-1 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
            <NavLink to="/study" className={NAV_LINK}>
              学习
            </NavLink>
            <NavLink to="/sets" className={NAV_LINK}>
              题集
            </NavLink>
            <NavLink to="/progress" className={NAV_LINK}>
              进度
            </NavLink>
            <NavLink to="/groups" className={NAV_LINK}>
              小组
            </NavLink>
            <NavLink to="/documents" className={NAV_LINK}>
              资料
            </NavLink>
            {user.role === "admin" ? (
              <NavLink to="/admin" className={NAV_LINK}>
                管理
              </NavLink>
            ) : null}
          </nav>
        ) : null}
        <div className="ml-auto flex items-center gap-2 text-sm">
          {user ? (
            <>
              <Link
                to="/settings"
                className="max-w-[10rem] truncate text-stone-700 hover:text-brand-700"
                title={user.username}
              >
                {user.displayName}
              </Link>
              <Form method="post" action="/logout">
                <button
                  type="submit"
                  className="rounded-md px-2 py-1 text-stone-500 hover:bg-stone-100 hover:text-stone-900"
                >
                  退出
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login" className="rounded-md px-3 py-1.5 text-stone-700 hover:bg-stone-100">
                登录
              </Link>
              <Link
                to="/signup"
                className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700"
              >
                注册
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

function ProgressBar() {
  const navigation = useNavigation();
  if (navigation.state === "idle") return null;
  return (
    <div role="progressbar" aria-label="加载中" className="fixed inset-x-0 top-0 z-50 h-1 overflow-hidden bg-brand-100">
      <div className="h-full w-1/3 animate-pulse bg-brand-600" />
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  // The CSP allows inline scripts only with this response's nonce (see app/entry.server.tsx).
  const nonce = useNonce();
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <ProgressBar />
      <Header />
      <main className="mx-auto max-w-5xl px-4 py-6 sm:py-10">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  let title = "出错了";
  let message = "页面遇到了问题，请稍后再试。如果问题持续出现，请联系管理员。";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "页面不存在";
      message = "您要找的页面不存在或已被移除。";
    } else if (error.status === 403) {
      title = "没有权限";
      message = typeof error.data === "string" && error.data ? error.data : "您没有访问此页面的权限。";
    } else if (error.status === 503) {
      title = "服务暂不可用";
      message = "数据库暂时无法连接，请稍后再试。";
    }
  }
  const detail = data?.isDevelopment && error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : null;
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <p className="text-5xl font-bold text-brand-700">学而</p>
      <h1 className="mt-6 text-2xl font-semibold">{title}</h1>
      <p className="mt-3 text-stone-600">{message}</p>
      {detail ? (
        <pre className="mt-6 overflow-x-auto rounded-lg bg-stone-900 p-4 text-left text-xs text-stone-100">
          {detail}
        </pre>
      ) : null}
      <Link
        to="/"
        className="mt-8 inline-block rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
      >
        返回首页
      </Link>
    </main>
  );
}
