import { createHash } from "node:crypto";
import { normalizeAnswer } from "~/questions/text";

export type Format = "single" | "multiple" | "truefalse" | "fill";

export const TRUE_FALSE_OPTIONS = ["正确", "错误"];

/**
 * Whether a submitted answer is right. Choices are compared as texts (never positions, which are
 * shuffled); multiple choice is all-or-nothing; fill-in is compared after normalization (width,
 * spaces, punctuation, 三十年 ≡ 30年) against every accepted answer — or, when the stem has several
 * blanks (`blanks` > 1), one item per blank against the list's items in any order, every blank required.
 */
export function checkAnswer(
  question: { format: Format; answer: readonly string[]; blanks?: number },
  submitted: readonly string[],
): boolean {
  const blanks = question.blanks ?? 1;
  if (question.format === "fill" && blanks > 1) {
    if (submitted.length !== blanks || question.answer.length !== blanks) return false;
    // The items of a list in any order (公平、公正 for 公正、公平 is no wrong answer): each blank one item, none twice.
    const wanted = question.answer.map(normalizeAnswer).sort();
    const given = submitted.map((s) => normalizeAnswer(s.trim())).sort();
    return given.every((g, i) => g.length > 0 && g === wanted[i]);
  }
  const given = submitted.map((s) => s.trim()).filter((s) => s.length > 0);
  switch (question.format) {
    case "single":
    case "truefalse":
      return given.length === 1 && given[0] === question.answer[0];
    case "multiple": {
      const wanted = new Set(question.answer);
      const chosen = new Set(given);
      return chosen.size === wanted.size && [...chosen].every((c) => wanted.has(c));
    }
    case "fill": {
      if (given.length !== 1) return false;
      const normalized = normalizeAnswer(given[0]!);
      return normalized.length > 0 && question.answer.some((accepted) => normalizeAnswer(accepted) === normalized);
    }
  }
}

/** Options in the order one showing presents them: shuffled, but the same for the same token. */
export function presentedOptions(question: { format: Format; options: readonly string[] }, token: string): string[] {
  if (question.format === "truefalse") return [...TRUE_FALSE_OPTIONS];
  if (question.format === "fill") return [];
  const keyed = question.options.map((option) => ({
    option,
    key: createHash("sha256").update(token).update(option).digest("hex"),
  }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((k) => k.option);
}

const CHOICE_FORMATS: Format[] = ["single", "truefalse", "multiple"];

/**
 * Which variant of a knowledge point to ask. The variant already asked today is asked again
 * (siblings never share a day); otherwise choice formats while the point is new or shaky and
 * fill-in once it is stable, preferring the format asked least recently.
 */
export function pickVariant<Q extends { id: string; format: Format }>(
  candidates: readonly Q[],
  {
    askedToday,
    stable,
    recentFormats,
  }: { askedToday?: string | null; stable: boolean; recentFormats: readonly Format[] },
): Q | null {
  if (candidates.length === 0) return null;
  const today = askedToday ? candidates.find((q) => q.id === askedToday) : undefined;
  if (today) return today;
  const preferred = stable ? ["fill" as Format, ...CHOICE_FORMATS] : [...CHOICE_FORMATS, "fill" as Format];
  const lastUse = (format: Format) => {
    const index = recentFormats.indexOf(format);
    return index === -1 ? Number.POSITIVE_INFINITY : index;
  };
  const ranked = [...candidates].sort((a, b) => {
    // While shaky, a fill-in blank is too hard to be worth it unless nothing else exists.
    const tier = (q: Q) => (stable ? (q.format === "fill" ? 0 : 1) : q.format === "fill" ? 1 : 0);
    return (
      tier(a) - tier(b) ||
      lastUse(b.format) - lastUse(a.format) ||
      preferred.indexOf(a.format) - preferred.indexOf(b.format) ||
      (a.id < b.id ? -1 : 1)
    );
  });
  return ranked[0]!;
}
