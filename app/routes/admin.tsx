import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";

// Every /admin page sits under this layout; each child loader and action still calls requireAdmin,
// because Remix runs loaders in parallel and a layout guard alone does not protect actions.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

const SECTIONS = [
  { to: "/admin", label: "概览", end: true },
  { to: "/admin/questions", label: "题目审核" },
  { to: "/admin/flags", label: "问题反馈" },
  { to: "/admin/documents", label: "文档" },
  { to: "/admin/sets", label: "题集" },
  { to: "/admin/users", label: "用户" },
  { to: "/admin/groups", label: "小组" },
];

export default function AdminLayout() {
  return (
    <div className="space-y-6">
      {/* Wraps on a phone instead of scrolling: at 390 px a scrolled bar hid 用户 and 小组 past its edge. */}
      <nav aria-label="管理导航" className="-mx-1 flex flex-wrap gap-1 border-b border-stone-200 pb-2">
        {SECTIONS.map((section) => (
          <NavLink
            key={section.to}
            to={section.to}
            end={section.end}
            className={({ isActive }) =>
              `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-700" : "text-stone-600 hover:bg-stone-100"}`
            }
          >
            {section.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
