import { z } from "zod";
import { KNOWLEDGE_KINDS, QUESTION_FORMATS, QUESTION_STATUSES, type QuestionStatus } from "~/vocabulary";

// The review queue's filter, shared by the page (links, form defaults) and the server (SQL): pure.
export { KNOWLEDGE_KINDS, QUESTION_FORMATS, QUESTION_STATUSES, type QuestionStatus };
export const QUEUE_SORTS = ["source", "score-asc", "score-desc"] as const;
export type ReviewDecision = "approved" | "rejected";

// Every filter falls back to "not set" on a bad value, so a hand-edited URL still shows a queue.
const queueFilterSchema = z.object({
  document: z.uuid().optional().catch(undefined),
  kind: z.enum(KNOWLEDGE_KINDS).optional().catch(undefined),
  format: z.enum(QUESTION_FORMATS).optional().catch(undefined),
  status: z
    .enum([...QUESTION_STATUSES, "all"])
    .catch("draft")
    .default("draft"),
  minScore: z.coerce.number().min(0).max(1).optional().catch(undefined),
  flagged: z
    .enum(["1", "on", "true"])
    .transform(() => true)
    .optional()
    .catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(QUEUE_SORTS).catch("source").default("source"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type QueueFilter = z.infer<typeof queueFilterSchema>;

export function parseQueueFilter(params: URLSearchParams | Record<string, string>): QueueFilter {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  // An empty <select> or input submits "", which means "any", not a value to validate.
  return queueFilterSchema.parse(Object.fromEntries(entries.filter(([, value]) => value.trim() !== "")));
}

/** The filter as query parameters, without defaults, so links stay short and stable. */
export function queueSearch(filter: QueueFilter, overrides: Partial<QueueFilter> = {}): string {
  const merged = { ...filter, ...overrides };
  const params = new URLSearchParams();
  if (merged.document) params.set("document", merged.document);
  if (merged.kind) params.set("kind", merged.kind);
  if (merged.format) params.set("format", merged.format);
  if (merged.status !== "draft") params.set("status", merged.status);
  if (merged.minScore !== undefined) params.set("minScore", String(merged.minScore));
  if (merged.flagged) params.set("flagged", "1");
  if (merged.q) params.set("q", merged.q);
  if (merged.sort !== "source") params.set("sort", merged.sort);
  if (merged.page > 1) params.set("page", String(merged.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
