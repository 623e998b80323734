import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { getDocumentSource } from "~/documents/queries.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `原始文本：${data.source.title} · 学而` : "原始文本 · 学而" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = z.string().uuid().safeParse(params.id);
  const source = id.success ? await getDocumentSource(id.data) : null;
  if (!source) throw new Response("Not Found", { status: 404 });
  return { source };
}

export default function DocumentSourcePage() {
  const { source } = useLoaderData<typeof loader>();
  // Highlighted from the router's location: CSS :target is not updated by client-side navigation.
  const target = useLocation().hash.slice(1);
  return (
    <div className="space-y-4">
      <Link to={`/documents/${source.id}`} className="text-sm text-stone-500 hover:text-brand-700">
        ← {source.title}
      </Link>
      <h1 className="text-xl font-semibold">原始文本 · {source.sourceFileName}</h1>
      <p className="text-sm text-stone-600">导入时的原样文本，行号与源文件一致，便于核对出处。</p>
      <ol className="overflow-x-auto rounded-xl border border-stone-200 bg-white py-2 font-mono text-sm shadow-sm">
        {source.lines.map((line) => (
          <li
            key={line.number}
            id={`L${line.number}`}
            aria-current={target === `L${line.number}` ? "location" : undefined}
            className="flex scroll-mt-20 gap-3 px-3 aria-[current=location]:bg-amber-100"
          >
            <Link to={`#L${line.number}`} className="w-12 shrink-0 select-none text-right text-stone-400">
              {line.number}
            </Link>
            <span className="whitespace-pre-wrap break-all">{line.text || " "}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
