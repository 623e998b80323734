/**
 * Frames examiners ask in reports and communiqués: X是Y的Z — 法治是中国式现代化的重要保障, 开放是中国式现代化的
 * 鲜明标识. The role Z is the knowledge; the wrong options are the other roles the same documents give the same
 * frame Y (本质要求, 必然要求, 重要组成部分…), so every option is a real formulation of the same shape and topic,
 * and a learner must know which role belongs to which subject.
 *
 * Families are found in the documents themselves: no list of slogans or roles. A frame with fewer than four
 * roles in the corpus is asked as a fill-in only; one the same document gives several other subjects, as a single
 * choice only (its fill-in would have several right answers).
 */
import type { CorpusIndex } from "./corpus";
import { makeFact, type Fact, type SentenceCtx } from "./facts";
import { SLOT } from "./reduce";
import { leadingVerb, taggedWords } from "./segment";
import { clauses, cjkCount, seededShuffle, topicBefore } from "./text";

/** One clause X是Y的Z: subject, frame and role. */
const FRAME_RE = /^(.{2,24}?)(?:是|就是|成为)((?:[\u4e00-\u9fff“”]){2,16}?)的([\u4e00-\u9fff、“”]{2,10})$/;
/** A subject that only points back (这是, 其) is no subject a stem can show. */
const POINTER_RE = /^(?:这|那|其|它|此|也|都|就|更|则|均)/;
/** Roles that name a time or a degree, not a role (…的一年, …的时候, …的重要). */
const NOT_A_ROLE_RE = /(?:一年|年份|时候|时期里|地方|方面|问题|重要|需要|一部分)$|^(?:一|这|那)/;
const MAX_BODY = 90;

export interface FrameUse {
  doc: string;
  subject: string;
  frame: string;
  role: string;
}

function frameOf(text: string): Omit<FrameUse, "doc"> | null {
  const m = FRAME_RE.exec(text.replace(/^(?:而|并且|同时|因此|所以|必须认识到|要认识到)/, ""));
  if (!m) return null;
  const subject = (m[1] ?? "").replace(/^(?:[^，]*?(?:认为|指出|强调|表明|深刻认识到))/, "");
  const frame = m[2] ?? "";
  const role = m[3] ?? "";
  if (cjkCount(subject) < 2 || POINTER_RE.test(subject) || NOT_A_ROLE_RE.test(role) || /[是的]$/.test(frame))
    return null;
  if (/^[、“”]|[、“]$/.test(role) || (role.match(/“/g)?.length ?? 0) !== (role.match(/”/g)?.length ?? 0)) return null;
  return { subject, frame, role };
}

const familiesCache = new WeakMap<CorpusIndex, Map<string, FrameUse[]>>();

/** Every X是Y的Z of the corpus, by frame: the roles the documents give each frame. */
export function frameFamilies(index: CorpusIndex): Map<string, FrameUse[]> {
  const hit = familiesCache.get(index);
  if (hit) return hit;
  const out = new Map<string, FrameUse[]>();
  for (const [doc, text] of index.docText) {
    for (const sentence of text.split(/[。！？\n]/)) {
      for (const c of clauses(sentence)) {
        const f = frameOf(c.text);
        if (!f) continue;
        const list = out.get(f.frame) ?? [];
        list.push({ doc, ...f });
        out.set(f.frame, list);
      }
    }
  }
  familiesCache.set(index, out);
  return out;
}

/**
 * 中国式现代化是物质文明和精神文明相协调的现代化 / …是人与自然和谐共生的现代化: one subject, one role, several
 * frames in one document — each a feature of the subject, each stated where the document takes up its field.
 * The feature is asked, with the sentence after it (必须增强文化自信…), which says which field this one is.
 */
function featureFact(
  ctx: SentenceCtx,
  c: { text: string; start: number; end: number },
  f: Omit<FrameUse, "doc">,
  families: Map<string, FrameUse[]>,
): Fact | null {
  let features = 0;
  for (const uses of families.values())
    if (uses.some((u) => u.doc === ctx.doc.id && u.subject === f.subject && u.role === f.role)) features++;
  if (features < 2 || cjkCount(f.frame) < 4) return null;
  const s = ctx.sentence.text;
  // The sentence says no more than the frame: the field comes from the next sentence's first clauses.
  if (cjkCount(s) - cjkCount(c.text) > 8) return null;
  const next =
    ctx.passage.text
      .slice(ctx.sentence.end)
      .replace(/^[。！？\s]+/, "")
      .split(/[。！？]/)[0] ?? "";
  let context = "";
  for (const x of clauses(next)) {
    context += (context ? "，" : "") + x.text;
    if (cjkCount(context) >= 12) break;
  }
  if (cjkCount(context) < 8) return null;
  const at = c.start + f.subject.length + (c.text.slice(f.subject.length).startsWith("就是") ? 2 : 1);
  if (s.slice(at, at + f.frame.length) !== f.frame) return null;
  const body = `${s.slice(0, at)}${SLOT}${s.slice(at + f.frame.length).replace(/[。；，]?$/, "。")}${context}……`;
  return makeFact(ctx, {
    kind: "phrase",
    factType: "formulation",
    answer: f.frame,
    at,
    len: f.frame.length,
    subject: `特征：${f.subject}→${f.frame}的${f.role}`,
    body,
    distractors: [],
    noSingle: true,
    fill: true,
    statement: false,
    weight: 0.8,
    located: true,
  });
}

export function extractFrames(ctx: SentenceCtx, index: CorpusIndex, taken: readonly Fact[]): Fact[] {
  const out: Fact[] = [];
  const families = frameFamilies(index);
  const s = ctx.sentence.text;
  for (const c of clauses(s)) {
    const f = frameOf(c.text);
    if (!f) continue;
    const family = families.get(f.frame) ?? [];
    // The same document's roles first: its own formulations are the nearest wrong options.
    const roles = [...new Set([...family.filter((u) => u.doc === ctx.doc.id), ...family].map((u) => u.role))];
    // A frame the documents give one role only is a sentence, not a formulation to tell apart — unless the
    // document gives this subject the same role through several frames (中国式现代化是____的现代化).
    if (roles.length < 2) {
      const feature = featureFact(ctx, c, f, families);
      if (feature) out.push(feature);
      continue;
    }
    const at = c.end - f.role.length;
    // A role another extractor asks here (首要任务 among the positioning roles) is theirs.
    if (taken.some((t) => t.quoteStart === ctx.sentence.start && t.start === ctx.sentence.start + at)) continue;
    // Never a role the documents also give this subject, nor one this sentence states.
    const own = new Set(family.filter((u) => u.subject === f.subject).map((u) => u.role));
    // Roles of the key's length first: a long role among short ones is spotted at a glance. The same document's
    // first; among those, a draw per subject, so the frame's questions do not all show the same four options.
    const ownDoc = new Set(family.filter((u) => u.doc === ctx.doc.id).map((u) => u.role));
    const order = new Map(seededShuffle(roles, `${f.subject}|${f.frame}`).map((r, i) => [r, i]));
    const distractors = roles
      .filter((r) => r !== f.role && !own.has(r) && !s.includes(r))
      .map((r) => ({
        r,
        d: Math.abs(r.length - f.role.length) > 2 ? 1 : 0,
        o: ownDoc.has(r) ? 0 : 1,
        i: order.get(r) ?? 0,
      }))
      .sort((a, b) => a.d - b.d || a.o - b.o || a.i - b.i)
      .map((x) => x.r);
    const body = (
      s.length <= MAX_BODY
        ? `${s.slice(0, at)}${SLOT}${s.slice(c.end)}`
        : `${c.text.slice(0, c.text.length - f.role.length)}${SLOT}`
    ).replace(/[。；，]?$/, "。");
    if (cjkCount(body.replace(SLOT, "").replace(/^[一二三四五六七八九十]是/, "")) < 8) continue;
    // 法治是中国式现代化的____ where the document gives the frame to several other subjects (重要保障, 本质要求,
    // 鲜明标识…): any of their roles fits the blank. Asked as a single choice among those roles, which tells them apart.
    const siblings = new Set(family.filter((u) => u.doc === ctx.doc.id && u.subject !== f.subject).map((u) => u.role));
    out.push(
      makeFact(ctx, {
        kind: "phrase",
        factType: "formulation",
        answer: f.role,
        at,
        len: f.role.length,
        subject: `定位：${f.subject}→${f.frame}的${f.role}`,
        body,
        distractors,
        // A role no sibling's role matches in length (基础性、战略性支撑 among 重要保障, 本质要求…) has no honest single
        // choice: it is asked as a fill-in, its compound shape its own.
        fill: siblings.size < 2 || !distractors.some((r) => Math.abs(r.length - f.role.length) <= 2),
        statement: false,
        weight: 0.8,
        located: true,
        ...(distractors.length < 3 ? { noSingle: true } : {}),
      }),
    );
  }
  return out;
}

/**
 * 以A为B: the role B a policy gives A (以先进制造业为骨干, 以县城为重要载体). A may pair two aims
 * (以促进社会公平正义、增进人民福祉为出发点和落脚点), never a longer list.
 */
const AIM_RE =
  /以((?:[^，。；、“”《》]{4,10}、)?[^，。；、“”《》]{2,14}?)为(牵引|骨干|支撑|主线|重点|核心|根本|基础|保障|导向|目标|前提|中心|主体|抓手|引领|动力|出发点和落脚点|着力点|突破口|主攻方向|重要载体|载体|依托)/g;

/**
 * 以A为B in reports and speeches: A is asked, B shown (…构建以____为骨干的现代化产业体系). A person (以…同志为核心)
 * and 以人民为中心 are fixed wording, not a policy of the document.
 */
export function extractAims(ctx: SentenceCtx, taken: readonly Fact[]): Fact[] {
  const s = ctx.sentence.text;
  const out: Fact[] = [];
  for (const m of s.matchAll(AIM_RE)) {
    let a = m[1] ?? "";
    let at = (m.index ?? 0) + 1;
    // 以建设____为重点: a single aim's verb stays shown, so 中蒙俄经济走廊 alone is right. (A pair keeps both verbs
    // shown when the bank splits it.)
    const verb = a.includes("、") ? "" : leadingVerb(a);
    a = a.slice(verb.length);
    at += verb.length;
    if (/(?:同志|总书记|主席)$/.test(a) || a === "人民" || cjkCount(a) < 2 || /^(?:此|这|其|之)/.test(a)) continue;
    // Another extractor asking this very span (not a list that merely spans the sentence) has it.
    const start = ctx.sentence.start + at;
    if (
      taken.some(
        (t) =>
          t.quoteStart === ctx.sentence.start &&
          t.start < start + a.length &&
          start < t.end &&
          t.end - t.start <= a.length + 6,
      )
    )
      continue;
    const cls = clauses(s);
    const i = cls.findIndex((x) => at >= x.start && at < x.end);
    const c = cls[i];
    if (!c) continue;
    // A short clause (以____为牵引) is shown with the clause before it, which says what it is about —
    // unless a ； ends that clause: it is then another item of the list, about something else.
    // A short clause opening an item (六是以____为目标，推动…) is shown with the clause after it instead.
    const short = cjkCount(c.text) - cjkCount(a) < 10;
    const back = short && i > 0 && cls[i - 1]?.sep !== "；";
    const from = back ? (cls[i - 1] as { start: number }).start : c.start;
    const next = cls[i + 1];
    const to = short && !back && c.sep === "，" && next ? next.end : c.end;
    const text = s.length <= MAX_BODY ? s : s.slice(from, to);
    const offset = s.length <= MAX_BODY ? 0 : from;
    // 全会强调，进一步全面深化改革，必须坚持……，以____为牵引: a clause cut from a long sentence keeps the topic the
    // sentence states before its 必须/要 (or opens a clause on, …改革要总结…), or it reads as the aim of the clause before.
    const topic = offset === 0 ? "" : topicBefore(cls, from);
    const lead = topic ? `${topic}，……` : "";
    const body = `${lead}${text.slice(0, at - offset)}${SLOT}${text.slice(at - offset + a.length)}`.replace(
      /[。；，]?$/,
      "。",
    );
    if (cjkCount(body.replace(SLOT, "").replace(/^[一二三四五六七八九十]是/, "")) < 8) continue;
    out.push(
      makeFact(ctx, {
        kind: "phrase",
        factType: "formulation",
        answer: a,
        at,
        len: a.length,
        subject: `以…为${m[2] ?? ""}：${a}`,
        body,
        distractors: [],
        noSingle: true,
        fill: true,
        statement: false,
        weight: 0.72,
        located: true,
      }),
    );
  }
  return out;
}

/** X的总目标是…: what a document states as the overall goal (task, requirement) of a cause. */
const STATED_GOAL_RE =
  /^(?:[^，]{0,8}?(?:指出|提出|强调|明确)，)?(.{2,24}?)的(总目标|总任务|总要求|根本目的|根本任务|中心任务)是/;
/** Words of the act before a goal's object (继续完善和发展, 推进, 全面建成): shown, not asked. */
const ACT_TAG_RE = /^(?:v|vd|c|d|ad)$/;

/** Whether the k-th word still belongs to the act: a verbal noun only as the second of joined verbs (完善和发展). */
function actWord(words: { word: string; tag: string }[], k: number): boolean {
  const tag = words[k]?.tag ?? "";
  if (ACT_TAG_RE.test(tag)) return true;
  if (tag === "vn") return words[k - 1]?.tag === "c";
  // 全面建成…: an adverb jieba reads as a noun still belongs to the act when a verb follows it.
  return k === 0 && words[1]?.tag === "v";
}

/**
 * 进一步全面深化改革的总目标是继续完善和发展____，推进____: each clause of the goal keeps its verbs shown and
 * blanks what it is to do them to, in one fill-in, so the goal is recalled whole and no blank is a verb.
 */
export function extractStatedGoals(ctx: SentenceCtx): Fact[] {
  const s = ctx.sentence.text;
  const m = STATED_GOAL_RE.exec(s);
  if (!m) return [];
  const head = m[0];
  const goal = s.slice(head.length).replace(/[。；]$/, "");
  const parts = goal.split("，");
  if (parts.length > 3 || cjkCount(goal) > 60) return [];
  const items: string[] = [];
  let pattern = "";
  for (const part of parts) {
    const words = taggedWords(part);
    let k = 0;
    while (k < words.length - 1 && actWord(words, k)) k++;
    const shown = words
      .slice(0, k)
      .map((w) => w.word)
      .join("");
    const object = part.slice(shown.length);
    if (k === 0 || cjkCount(object) < 4 || cjkCount(object) > 16) return [];
    items.push(object);
    pattern += `${pattern ? "，" : ""}${shown}${SLOT}`;
  }
  return [
    makeFact(ctx, {
      kind: "phrase",
      factType: "formulation",
      answer: goal,
      at: head.length,
      len: goal.length,
      subject: `${m[2] ?? ""}：${m[1] ?? ""}`,
      body: `${head}${SLOT}。`,
      distractors: [],
      slots: { items, pattern },
      noSingle: true,
      fill: true,
      statement: false,
      weight: 0.85,
      located: true,
    }),
  ];
}
