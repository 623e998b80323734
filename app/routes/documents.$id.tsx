import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { formatDate, kindLabel } from "~/documents/labels";
import { getDocument } from "~/documents/queries.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.document.title} · 学而` : "资料 · 学而" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = z.string().uuid().safeParse(params.id);
  const document = id.success ? await getDocument(id.data) : null;
  if (!document) throw new Response("Not Found", { status: 404 });
  return { document };
}

type Passage = Awaited<ReturnType<typeof loader>>["document"]["passages"][number];

function SourceLink({ documentId, passage }: { documentId: string; passage: Passage }) {
  const lines =
    passage.startLine === passage.endLine
      ? `第 ${passage.startLine} 行`
      : `第 ${passage.startLine}–${passage.endLine} 行`;
  return (
    <Link
      to={`/documents/${documentId}/source#L${passage.startLine}`}
      className="ml-2 whitespace-nowrap text-xs text-stone-400 hover:text-brand-700"
      title="查看原始文本"
    >
      原文{lines}
    </Link>
  );
}

function LawArticleView({ documentId, passage }: { documentId: string; passage: Passage }) {
  const law = passage.structure.law!;
  return (
    <div>
      {law.clauses.map((clause, index) => (
        <div key={index} className="mt-1">
          <p className="leading-8">
            {index === 0 ? <strong className="mr-2 font-semibold text-brand-800">{law.article}</strong> : null}
            {clause.text}
            {index === 0 ? <SourceLink documentId={documentId} passage={passage} /> : null}
          </p>
          {clause.items.length > 0 ? (
            <ol className="mt-1 space-y-1 pl-6">
              {clause.items.map((item) => (
                <li key={item.label} className="leading-7">
                  <span className="mr-1 text-stone-500">{item.label}</span>
                  {item.text}
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      ))}
    </div>
  );
}

export default function DocumentPage() {
  const { document } = useLoaderData<typeof loader>();
  // Highlighted from the router's location: CSS :target is not updated by client-side navigation.
  const target = useLocation().hash.slice(1);
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link to="/documents" className="text-sm text-stone-500 hover:text-brand-700">
          ← 学习资料
        </Link>
        <h1 className="mt-2 text-2xl font-semibold leading-snug">{document.title}</h1>
        <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm text-stone-500">
          <span className="rounded bg-brand-50 px-1.5 py-0.5 text-brand-700">{kindLabel(document.kind)}</span>
          {document.date ? <span>{formatDate(document.date)}</span> : null}
          {document.region ? <span>{document.region}</span> : null}
          {document.origin ? <span>来源：{document.origin}</span> : null}
          <Link to={`/documents/${document.id}/source`} className="hover:text-brand-700">
            原始文本（{document.sourceFileName} 第 {document.startLine}–{document.endLine} 行）
          </Link>
        </p>
        {document.archivedAt ? (
          <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800">
            此资料已归档，不再用于新的学习。
          </p>
        ) : null}
      </div>
      <div className="space-y-3 rounded-xl border border-stone-200 bg-white p-5 text-[17px] shadow-sm sm:p-8">
        {document.passages.map((passage) => {
          const { structure } = passage;
          const depth = Math.min(passage.path.length, 3);
          return (
            <section
              key={passage.id}
              id={`p-${passage.ordinal}`}
              aria-current={target === `p-${passage.ordinal}` ? "location" : undefined}
              className="scroll-mt-20 aria-[current=location]:rounded-lg aria-[current=location]:bg-amber-50 aria-[current=location]:ring-4 aria-[current=location]:ring-amber-50"
            >
              {structure.law ? (
                <LawArticleView documentId={document.id} passage={passage} />
              ) : structure.role === "heading" ? (
                <h2
                  className={`mt-4 font-semibold ${depth <= 1 ? "text-lg" : "text-base"} ${document.kind === "law" ? "text-center" : ""}`}
                >
                  {passage.text}
                  <SourceLink documentId={document.id} passage={passage} />
                </h2>
              ) : (
                <p
                  className={`leading-8 ${passage.boilerplate || structure.role === "header" ? "text-sm text-stone-500" : ""}`}
                >
                  {structure.dateline ? <span className="mr-1 font-medium">{structure.dateline}</span> : null}
                  {passage.text}
                  <SourceLink documentId={document.id} passage={passage} />
                </p>
              )}
              {passage.alsoIn.length > 0 ? (
                <p className="mt-1 text-xs text-stone-400">
                  此段也见于：
                  {passage.alsoIn.map((other, index) => (
                    <span key={`${other.documentId}-${other.ordinal}`}>
                      {index > 0 ? "、" : ""}
                      <Link to={`/documents/${other.documentId}#p-${other.ordinal}`} className="hover:text-brand-700">
                        {other.title}
                      </Link>
                    </span>
                  ))}
                </p>
              ) : null}
            </section>
          );
        })}
      </div>
    </article>
  );
}
