import { Link } from "@remix-run/react";
import { buttonClass } from "./ui";

/**
 * Previous / next with the page count, the one pagination of the admin pages. The links keep the
 * current filters: `href(page)` builds them, or `search` (the page's query) with its `page` set.
 */
export function Pagination({
  page,
  pages,
  href,
  search,
  label = "分页",
}: {
  page: number;
  pages: number;
  href?: (page: number) => string;
  search?: URLSearchParams;
  label?: string;
}) {
  if (pages <= 1) return null;
  const to =
    href ??
    ((p: number) => {
      const params = new URLSearchParams(search);
      params.set("page", String(p));
      return `?${params.toString()}`;
    });
  const disabled = `${buttonClass("secondary", "sm")} pointer-events-none opacity-40`;
  return (
    <nav aria-label={label} className="flex items-center justify-center gap-3 text-sm">
      {page > 1 ? (
        <Link to={to(page - 1)} className={buttonClass("secondary", "sm")} rel="prev">
          上一页
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          上一页
        </span>
      )}
      <span className="tabular-nums text-stone-600">
        第 {page} / {pages} 页
      </span>
      {page < pages ? (
        <Link to={to(page + 1)} className={buttonClass("secondary", "sm")} rel="next">
          下一页
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          下一页
        </span>
      )}
    </nav>
  );
}
