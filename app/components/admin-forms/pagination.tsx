import { Link } from "@remix-run/react";
import { buttonClass } from "./ui";

/** Previous / next links that keep the other query parameters (search terms). */
export function Pagination({ page, pages, search }: { page: number; pages: number; search: URLSearchParams }) {
  if (pages <= 1) return null;
  const to = (p: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(p));
    return `?${params.toString()}`;
  };
  return (
    <nav aria-label="分页" className="flex items-center justify-between gap-2 text-sm">
      {page > 1 ? (
        <Link to={to(page - 1)} className={buttonClass("secondary", "sm")} rel="prev">
          上一页
        </Link>
      ) : (
        <span />
      )}
      <span className="text-stone-600">
        第 {page} / {pages} 页
      </span>
      {page < pages ? (
        <Link to={to(page + 1)} className={buttonClass("secondary", "sm")} rel="next">
          下一页
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
