import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { blankCount } from "~/questions/blanks";
import type { Format } from "./answers";

export interface PoolQuestion {
  id: string;
  format: Format;
  stem: string;
  options: string[];
  kind: string;
}

export interface PoolPoint {
  questions: PoolQuestion[];
  order: number;
  /** The point's kind and document: a day's new points mix both (new-points.ts). */
  kind: string;
  documentId: string;
  /** In a set assigned to one of the learner's groups (and open): its new points come first. */
  assigned: boolean;
  /** The sentence the point is asked from: two points of one sentence are not introduced the same day. */
  sentence: string;
}

/**
 * What grading an answer and showing its result need. Server-side only: it never goes into a
 * PoolQuestion, which is what pages receive.
 */
export interface QuestionKey {
  format: Format;
  answer: string[];
  explanation: string;
  sourceQuote: string;
  sourcePath: string[];
  document: { id: string; title: string };
  passageOrdinal: number | null;
  /** A 多选's listed items (the enumeration's full correct set) that the quoted sentence leaves out. */
  sourceItems: string[];
  /** A fill-in's blanks (see blankCount): with several, `answer` holds one answer per blank. */
  blanks: number;
}

/** A QuestionKey as one JSON value, from a query joining `questions q`, `knowledge_points kp` and `documents d`. */
export const QUESTION_KEY_SQL = Prisma.sql`json_build_object(
  'format', q.format, 'answer', q.answer, 'explanation', q.explanation, 'sourceQuote', q.source_quote,
  'sourcePath', q.source_path, 'document', json_build_object('id', d.id, 'title', d.title),
  'passageOrdinal', (select ps.ordinal from passages ps where ps.document_id = d.id and ps.key = kp.passage_key),
  'sourceItems', coalesce((select jsonb_agg(item) from jsonb_array_elements_text(
      case when q.format = 'multiple' and jsonb_typeof(kp.data->'items') = 'array' then kp.data->'items' else '[]'::jsonb end) item
    where strpos(q.source_quote, item) = 0), '[]'::jsonb),
  'stem', q.stem)`;

/** A key as QUESTION_KEY_SQL selects it: the stem, whose blanks are counted by the one rule pages draw them by. */
export type QuestionKeyRow = Omit<QuestionKey, "blanks"> & { stem: string };

export function questionKey({ stem, ...key }: QuestionKeyRow): QuestionKey {
  return { ...key, blanks: blankCount(stem) };
}

interface PoolRow {
  set_id: string;
  audience: "everyone" | "groups";
  id: string;
  format: Format;
  stem: string;
  options: string[];
  kind: string;
  kp: string;
  order: bigint;
  key: QuestionKey;
}

type PoolQueryRow = Omit<PoolRow, "key"> & { key: QuestionKeyRow };

export interface PoolSnapshot {
  version: bigint;
  rows: PoolRow[];
  assignments: { setId: string; groupId: string; opensAt: Date | null }[];
  /** Every question of the pool by id, to grade answers to it without a look-up. */
  keys: ReadonlyMap<string, QuestionKey>;
  /** Pools already built from this snapshot, by the sets assigned to the learner: most learners share one. */
  built: Map<string, ReadonlyMap<string, PoolPoint>>;
}

// Every question of the published sets with what a showing needs, shared by all learners of this
// process and reloaded only when `pool_version` (bumped by triggers) says something changed.
// Publishing a version always updates its question_sets row in the same transaction, which bumps it.
let cachedPool: PoolSnapshot | null = null;
let loading: Promise<PoolSnapshot> | null = null;

/** The snapshot last loaded, if any: whoever uses it without a fresh version checks its version in a statement of its own. */
export function latestPoolSnapshot(): PoolSnapshot | null {
  return cachedPool;
}

/** `knownVersion`: the caller read `pool_version` already (in a query of its own). */
export async function poolSnapshot(knownVersion?: bigint | null): Promise<PoolSnapshot> {
  let version = knownVersion;
  if (version === undefined) {
    const [current] = await prisma.$queryRaw<{ version: bigint }[]>`select version from pool_version where id = 1`;
    version = current?.version;
  }
  version ??= 0n;
  if (cachedPool && cachedPool.version === version) return cachedPool;
  loading ??= (async () => {
    // Learners study the latest published version of a set, not its items being edited; a
    // published set without any version (the automatic per-document sets) uses its items.
    const [rows, assignments] = await Promise.all([
      prisma.$queryRaw<PoolQueryRow[]>`
        with latest as (
          select distinct on (set_id) set_id, question_ids from set_versions order by set_id, version desc
        ), items as (
          select l.set_id, v.question_id::uuid as question_id, v.position::int as position
          from latest l cross join lateral unnest(l.question_ids) with ordinality as v(question_id, position)
          union all
          select si.set_id, si.question_id, si.position
          from set_items si
          where not exists (select 1 from set_versions sv where sv.set_id = si.set_id)
        )
        select s.id as set_id, s.audience::text as audience, q.id, q.format::text as format, q.stem, q.options,
               kp.kind::text as kind, q.knowledge_point_id as kp, ${QUESTION_KEY_SQL} as key,
               row_number() over (order by s.published_at, s.id, i.position) as "order"
        from items i
        join question_sets s on s.id = i.set_id and s.status = 'published'
        join questions q on q.id = i.question_id and q.status = 'approved'
        join knowledge_points kp on kp.id = q.knowledge_point_id and kp.retired_at is null
        join documents d on d.id = kp.document_id and d.archived_at is null`,
      prisma.assignment.findMany({
        where: { set: { status: "published" }, withdrawnAt: null },
        select: { setId: true, groupId: true, opensAt: true },
      }),
    ]);
    const keyed = rows.map(({ key, ...row }) => ({ ...row, key: questionKey(key) }));
    return {
      version,
      rows: keyed,
      assignments,
      keys: new Map(keyed.map((row) => [row.id, row.key])),
      built: new Map(),
    };
  })().finally(() => {
    loading = null;
  });
  const loaded = await loading;
  if (!cachedPool || loaded.version >= cachedPool.version) cachedPool = loaded;
  return loaded;
}

/**
 * Knowledge points a learner studies, in study order: non-retired points with approved questions in the latest
 * published version of sets that are open to everyone or assigned (and already open) to one of the learner's groups.
 * It carries what a showing needs, so presenting a question costs no further look-up.
 */
export async function studyPool(userId: string, now: Date): Promise<ReadonlyMap<string, PoolPoint>> {
  const [snapshot, memberships] = await Promise.all([
    poolSnapshot(),
    prisma.membership.findMany({ where: { userId }, select: { groupId: true } }),
  ]);
  return poolFor(
    snapshot,
    memberships.map((m) => m.groupId),
    now,
  );
}

/** Which sets assigned to these groups are open at `now`, as one key: learners with the same key study the same pool. */
export function assignedSetsKey(snapshot: PoolSnapshot, groupIds: readonly string[], now: Date): string {
  const groups = new Set(groupIds);
  const assigned = new Set(
    snapshot.assignments
      .filter((a) => groups.has(a.groupId) && (a.opensAt === null || a.opensAt <= now))
      .map((a) => a.setId),
  );
  return [...assigned].sort().join(",");
}

export function poolFor(
  snapshot: PoolSnapshot,
  groupIds: readonly string[],
  now: Date,
): ReadonlyMap<string, PoolPoint> {
  const key = assignedSetsKey(snapshot, groupIds, now);
  const assigned = new Set(key.split(","));
  const cached = snapshot.built.get(key);
  if (cached) return cached;
  const pool = new Map<string, PoolPoint>();
  for (const row of snapshot.rows) {
    if (row.audience !== "everyone" && !assigned.has(row.set_id)) continue;
    const point = pool.get(row.kp) ?? {
      questions: [],
      order: Number(row.order),
      kind: row.kind,
      documentId: row.key.document.id,
      assigned: false,
      sentence: `${row.key.document.id}\u0000${row.key.sourceQuote}`,
    };
    if (assigned.has(row.set_id)) point.assigned = true;
    if (!point.questions.some((q) => q.id === row.id)) {
      point.questions.push({ id: row.id, format: row.format, stem: row.stem, options: row.options, kind: row.kind });
    }
    point.order = Math.min(point.order, Number(row.order));
    pool.set(row.kp, point);
  }
  for (const point of pool.values()) point.questions.sort((a, b) => (a.id < b.id ? -1 : 1));
  // In study order, so that new points are read off the front without sorting on every request.
  const ordered = new Map([...pool].sort((a, b) => a[1].order - b[1].order));
  // Bounded: distinct combinations of assigned sets are few, and a new snapshot starts afresh.
  if (snapshot.built.size < 1000) snapshot.built.set(key, ordered);
  return ordered;
}
