/**
 * What a plenum or a meeting adopted: 审议通过了《中共中央关于进一步全面深化改革、推进中国式现代化的决定》. Examiners ask
 * the decision's subject (《中共中央关于____的决定》), with its issuer and its genre word (决定, 决议, 建议) left in view:
 * the title is the meeting's main outcome, and its subject is what a learner must name. Nothing here names a meeting.
 */
import { makeFact, type Fact, type SentenceCtx } from "./facts";
import { SLOT } from "./reduce";
import { clauses, cjkCount } from "./text";

const ADOPTED_RE =
  /(?:审议通过了?|审议并通过了?|通过了)《((?:中共中央|中央|国务院|中共[\u4e00-\u9fff]{2,10}委员会|[\u4e00-\u9fff]{2,8}(?:省委|市委|区委|县委))关于)([^》]{6,40}?)(的(?:决定|决议|意见|建议|规划纲要|规划))》/g;
const MAX_BODY = 90;

export function extractDecisions(ctx: SentenceCtx): Fact[] {
  const s = ctx.sentence.text;
  const out: Fact[] = [];
  for (const m of s.matchAll(ADOPTED_RE)) {
    const answer = m[2] ?? "";
    const at = (m.index ?? 0) + m[0].indexOf("《") + 1 + (m[1] ?? "").length;
    // A title naming another title (关于《…》的决定) or a date asks the wording of a reference, not the subject.
    if (/[《》“”]|\d/.test(answer) || cjkCount(answer) < 6) continue;
    const cls = clauses(s);
    const i = cls.findIndex((c) => at >= c.start && at < c.end);
    const c = cls[i];
    if (!c) continue;
    // The clause that says who adopted it (全会…，审议通过了…) stays in the stem.
    const from = s.length <= MAX_BODY ? 0 : i > 0 && cjkCount(c.text) < 30 ? (cls[i - 1]?.start ?? c.start) : c.start;
    const to = s.length <= MAX_BODY ? s.length : c.end;
    const body = `${s.slice(from, at)}${SLOT}${s.slice(at + answer.length, to)}`.replace(/[。；，]?$/, "。");
    out.push(
      makeFact(ctx, {
        kind: "phrase",
        factType: "formulation",
        answer,
        at,
        len: answer.length,
        subject: `通过：《${m[1] ?? ""}${answer}${m[3] ?? ""}》`,
        body,
        distractors: [],
        noSingle: true,
        fill: true,
        statement: false,
        weight: 0.9,
        located: true,
      }),
    );
  }
  return out;
}
