/**
 * Corpus-wide statistics the extractors share: which quoted formulations recur, which named
 * concepts recur across documents, which authorities a law names, which enumerations exist (their
 * items are foils for one another). Built once per generateBank call, in document order.
 */
import type { InputDocument, InputPassage } from "./types";
import { cjkCount } from "./text";

export interface QuotedOccurrence {
  text: string;
  docs: Set<string>;
  count: number;
  /** Regions of the documents quoting it ("" for national documents). */
  regions: Set<string>;
  /** The two characters before each quotation (the governing verb: 落实“…”, 推进“…”). */
  left: Set<string>;
  /** The two characters after each quotation (the noun it qualifies: “…”柔性执法, “…”激励政策). */
  right: Set<string>;
}

export interface EnumerationRef {
  doc: string;
  passage: string;
  noun: string;
  items: string[];
}

export interface CorpusIndex {
  /** Normalized text of each document (passages joined), to check that a foil is not true there. */
  docText: Map<string, string>;
  quoted: Map<string, QuotedOccurrence>;
  concepts: Map<string, Set<string>>;
  authorities: Map<string, string[]>;
  enumerations: EnumerationRef[];
  /** The statutes among the documents: a list's wrong options may come from another law's lists. */
  laws: InputDocument[];
}

/** Passages that carry content: not boilerplate, not headings or header lines. */
export function isContentPassage(p: InputPassage): boolean {
  if (p.boilerplate) return false;
  if (p.role && p.role !== "paragraph" && p.role !== "article" && p.role !== "preamble" && p.role !== "history")
    return false;
  return p.text.trim().length > 0;
}

/** “…” spans that look like a formulation: short, no sentence punctuation. */
export const QUOTE_RE = /“([^“”，。；！？,;!?：:]{2,14})”/g;

export function isFormulationText(t: string): boolean {
  // “4×4”, “3+5+3”: a numbered formula written in digits only.
  if (/^\d+(?:[+×]\d+)+$/.test(t)) return true;
  if (cjkCount(t) < 2) return false;
  if (/^[《〈]|[》〉]$/.test(t)) return false;
  return true;
}

/** A numbered formula: 两个确立, 四个意识, 八大行动, 十个统筹, 三高四新, 4+4科创工程. */
export function isNumberedFormula(t: string): boolean {
  return (
    (/^[一二两三四五六七八九十百千万\d]/.test(t) && !/^[一](?:[^二三四五六七八九十个大项])/.test(t.slice(0, 2))) ||
    /[一二两三四五六七八九十]{1}[个大项条种]/.test(t)
  );
}

/** Suffixes of named concepts (理念, 格局, 生产力 …): generic political-economy vocabulary. */
export const CONCEPT_SUFFIXES = [
  "生产力",
  "安全观",
  "理念",
  "格局",
  "思想",
  "意识",
  "战略",
  "体系",
  "道路",
  "民主",
  "现代化",
  "共同体",
  "制度",
];

/** Generic verb heads of political prose; a concept never starts with one. */
const VERB_HEAD_RE =
  /^(?:铸牢|书写|奋力|推进|推动|加快|建设|发展|坚持|完善|构建|实现|深化|全面|走好|谱写|贯彻|落实|把握|服务|融入|弘扬|践行|增强|坚定|扎实|促进|提升|打造|健全|巩固|形成|保障|维护|支持|引领|培育|聚焦|围绕|做好|用好|以|为|在|对|和|与|同|及)/;
const CONCEPT_RE = new RegExp(`[\\u4e00-\\u9fff]{2,9}(?:${CONCEPT_SUFFIXES.join("|")})`, "g");
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** Word-start offsets of a string according to ICU's dictionary segmentation. */
function wordStarts(s: string): Set<number> {
  const out = new Set<number>();
  for (const seg of segmenter.segment(s)) out.add(seg.index);
  return out;
}

/** Authorities named by a law: the X of 由X决定/批准/确定/规定, 经X批准, X主管…工作. */
export const AUTHORITY_SUFFIX =
  "(?:部门|机关|机构|委员会|人民政府|政府|国务院|人民法院|人民检察院|领导机构|负责人|单位|档案馆|图书馆|博物馆)";
/** Verbs inside a captured span mean the capture ran past the authority into the predicate. */
export const NOT_AUTHORITY_RE = /督促|会同|根据|按照|依照|负责|提请|建议|责令|对|向|将|把|在|的工作/;
export const AUTHORITY_PATTERNS: RegExp[] = [
  new RegExp(
    `由([^，。；：由]{2,40}${AUTHORITY_SUFFIX})(?:单独|会同|根据|按照|依照|依法|在|对|予以|负责|组织|督促|统一|分别|共同|报|进行)?[^，。；]{0,30}?(?:决定|批准|确定|规定|鉴定|制定|拟定|编制|审批|处理|处罚|颁布|负责|管理|检测|认定)`,
    "g",
  ),
  new RegExp(`经(?:过)?([^，。；：经]{2,30}?${AUTHORITY_SUFFIX})(?:审核|审查|依法)?(?:批准|同意|审定|核准)`, "g"),
  // …拟定，报国务院批准后公布 / 报本级人民政府批准
  new RegExp(`报(?:请)?([^，。；：报]{2,30}?${AUTHORITY_SUFFIX})(?:审核|审查|依法)?(?:批准|同意|审定|核准|备案)`, "g"),
  new RegExp(`^([^，。；：]{2,30}?${AUTHORITY_SUFFIX})(?:主管|领导|负责|统筹)[^，。；]{0,20}工作`, "g"),
  // 国家保密行政管理部门依照法律、行政法规的规定，制定保密规章和国家保密标准。
  new RegExp(
    `^([^，。；：]{4,30}?${AUTHORITY_SUFFIX})(?:依照|依据|根据|按照)[^。；]{2,30}?，(?:制定|规定|确定|发布)`,
    "g",
  ),
];

const SUFFIX_END_RE = new RegExp(`${AUTHORITY_SUFFIX}$`);
const NOT_EXTENSION_RE =
  /责令|决定|批准|给予|处以?|会同|负责|根据|按照|依照|依法|对|向|和|或者|及其|并|[，。；：、由经]/;

/** The continuation of an authority name after `end`: up to 12 characters, ending in a suffix, no verb. */
function extension(text: string, end: number): string {
  let rest = text.slice(end, end + 16);
  const stop = NOT_EXTENSION_RE.exec(rest);
  if (stop) rest = rest.slice(0, stop.index);
  for (let n = Math.min(rest.length, 12); n >= 2; n--)
    if (SUFFIX_END_RE.test(rest.slice(0, n))) return rest.slice(0, n);
  return "";
}

/**
 * The longest authority starting with `a` at `end` of it in `text`: verbs such as 管理/负责 also occur
 * inside authority names (应急管理部门), so a pattern's capture may stop at 人民政府 of
 * 县级以上人民政府应急管理部门.
 */
export function longestAuthority(text: string, end: number, a: string): string {
  return a + extension(text, end);
}

/** Whether an authority name continues right after `end` (the capture was cut inside a name). */
export function authorityContinues(text: string, end: number): boolean {
  return extension(text, end) !== "";
}

export function buildCorpusIndex(documents: readonly InputDocument[]): CorpusIndex {
  const docText = new Map<string, string>();
  const quoted = new Map<string, QuotedOccurrence>();
  const conceptDocs = new Map<string, Set<string>>();
  const authorities = new Map<string, string[]>();
  for (const doc of documents) {
    const texts: string[] = [];
    const auth = new Set<string>();
    for (const p of doc.passages) {
      texts.push(p.text);
      if (!isContentPassage(p)) continue;
      for (const m of p.text.matchAll(QUOTE_RE)) {
        const t = m[1] ?? "";
        if (!isFormulationText(t)) continue;
        const q = quoted.get(t) ?? {
          text: t,
          docs: new Set<string>(),
          count: 0,
          regions: new Set<string>(),
          left: new Set<string>(),
          right: new Set<string>(),
        };
        q.docs.add(doc.id);
        q.regions.add(doc.region ?? "");
        q.count++;
        const at = m.index ?? 0;
        const before = p.text.slice(Math.max(0, at - 2), at);
        const after = p.text.slice(at + m[0].length, at + m[0].length + 2);
        if (/^[\u4e00-\u9fff]{2}$/.test(before)) q.left.add(before);
        if (/^[\u4e00-\u9fff]{2}$/.test(after)) q.right.add(after);
        quoted.set(t, q);
      }
      for (const m of p.text.matchAll(CONCEPT_RE)) {
        const t = m[0];
        // Every suffix-anchored tail of the run is a candidate; frequency decides which survive.
        for (let i = 0; i + 3 <= t.length; i++) {
          const tail = t.slice(i);
          if (tail.length > 10) continue;
          const set = conceptDocs.get(tail) ?? new Set<string>();
          set.add(doc.id);
          conceptDocs.set(tail, set);
        }
      }
      if (doc.kind === "law" || p.law) {
        for (const sentence of p.text.split(/[。；\n]/)) {
          const body = sentence.replace(/^第[一二三四五六七八九十百]+条\s*/, "");
          for (const re of AUTHORITY_PATTERNS) {
            for (const m of body.matchAll(re)) {
              const raw = m[1] ?? "";
              const a = longestAuthority(body, (m.index ?? 0) + m[0].indexOf(raw) + raw.length, raw).replace(
                /^(?:其|该|本|有关|所在)/,
                "",
              );
              if (a.length >= 5 && !/[，、]$/.test(a) && !/^(?:上级|下级)/.test(a) && !NOT_AUTHORITY_RE.test(a))
                auth.add(a);
            }
          }
        }
      }
    }
    docText.set(doc.id, texts.join("\n"));
    if (auth.size) authorities.set(doc.id, [...auth]);
  }
  // A concept recurs across documents and starts at a word boundary in its occurrences; of nested
  // candidates with the same spread only the longest is kept (质生产力 loses to 新质生产力).
  const concepts = new Map<string, Set<string>>();
  const candidates = [...conceptDocs].filter(([, docs]) => docs.size >= 2).sort((a, b) => b[0].length - a[0].length);
  for (const [term, docs] of candidates) {
    let nested = false;
    for (const [kept, keptDocs] of concepts) {
      if (kept.includes(term) && keptDocs.size >= docs.size) nested = true;
    }
    if (nested) continue;
    if (!/^[新大全总中人国社党现高系]|意识$|理念$|格局$|观$/.test(term) && docs.size < 3) continue;
    // A word is preceded by many different characters (发展/培育/的 新质生产力); a fragment glued to
    // one context (转化为现实生产力 → 现实生产力) or starting with a function word is not a concept.
    if (/^[和的是以为与及把被在对从将要了着推发加构转促培书建深完健坚实]/.test(term)) continue;
    if (term.length < 5 || docs.size < 4) continue;
    // A run that starts with a verb (铸牢…, 奋力书写…) is a predicate, not the name of a concept.
    if (VERB_HEAD_RE.test(term)) continue;
    const left = new Set<string>();
    let occurrences = 0;
    for (const doc of documents) {
      if (!docs.has(doc.id)) continue;
      const text = docText.get(doc.id) ?? "";
      for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
        left.add(text[i - 1] ?? "");
        occurrences++;
      }
    }
    if (left.size < 3 || occurrences < 3) continue;
    let boundary = false;
    for (const doc of documents) {
      if (!docs.has(doc.id)) continue;
      const text = docText.get(doc.id) ?? "";
      const i = text.indexOf(term);
      if (i < 0) continue;
      const window = text.slice(Math.max(0, i - 6), i + term.length);
      if (wordStarts(window).has(Math.min(6, i))) boundary = true;
      break;
    }
    if (boundary) concepts.set(term, docs);
  }
  const laws = documents.filter((d) => d.kind === "law" || d.passages.some((p) => p.law !== undefined));
  return { docText, quoted, concepts, authorities, enumerations: [], laws };
}

/** The kind of body an actor's name ends in: 国务院 is a government; a 会同 names the body that leads. */
export function actorClass(t: string): string {
  const lead = t.replace(/会同.*$/, "");
  if (/(?:政府|国务院)$/.test(lead)) return "government";
  return lead.slice(-2);
}
