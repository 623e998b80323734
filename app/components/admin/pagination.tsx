import { Link } from "@remix-run/react";

/** Previous / next with the page count; `href(page)` keeps the current filters. */
export function Pagination({ page, pages, href, label = "分页" }: { page: number; pages: number; href: (page: number) => string; label?: string }) {
  if (pages <= 1) return null;
  const link = "rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-50";
  const disabled = "rounded-lg border border-stone-200 px-3 py-1.5 text-sm text-stone-300";
  return (
    <nav aria-label={label} className="flex items-center justify-center gap-3">
      {page > 1 ? (
        <Link to={href(page - 1)} className={link} rel="prev">
          上一页
        </Link>
      ) : (
        <span className={disabled}>上一页</span>
      )}
      <span className="text-sm tabular-nums text-stone-600">
        第 {page} / {pages} 页
      </span>
      {page < pages ? (
        <Link to={href(page + 1)} className={link} rel="next">
          下一页
        </Link>
      ) : (
        <span className={disabled}>下一页</span>
      )}
    </nav>
  );
}
