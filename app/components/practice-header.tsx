import { Link } from "@remix-run/react";

/** The head of a practice run (set practice, 收藏, 错题重练): the way back, its title, and where the learner is. */
export function PracticeHeader({
  backTo,
  backLabel,
  title,
  index,
  total,
}: {
  backTo: string;
  backLabel: string;
  title: string;
  index: number;
  total: number;
}) {
  return (
    <div className="flex items-end justify-between gap-3">
      <div>
        <Link to={backTo} className="text-sm text-stone-500 hover:text-brand-700">
          ← {backLabel}
        </Link>
        <h1 className="mt-1 text-xl font-semibold">{title}</h1>
      </div>
      <p className="text-sm text-stone-500">
        第 {index + 1} / {total} 题
      </p>
    </div>
  );
}
