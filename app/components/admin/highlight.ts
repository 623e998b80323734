export interface HighlightedText {
  before: string;
  match: string;
  after: string;
}

const TRAILING_PUNCTUATION = /[。；，、！？：;,.!?\s]+$/;

/**
 * Splits a passage around the first of the quotes it contains. The knowledge point's quote is an
 * exact span of the passage; an edited question's quote may not be, so later candidates and a
 * quote without its final punctuation are tried before giving up (then nothing is highlighted).
 */
export function highlightQuote(text: string, quotes: (string | null | undefined)[]): HighlightedText | null {
  for (const raw of quotes) {
    if (!raw) continue;
    for (const quote of [raw.trim(), raw.trim().replace(TRAILING_PUNCTUATION, "")]) {
      if (quote.length < 2) continue;
      const at = text.indexOf(quote);
      if (at >= 0) return { before: text.slice(0, at), match: quote, after: text.slice(at + quote.length) };
    }
  }
  return null;
}

const SENTENCE_END = /[。！？；]/;

/**
 * Trims the text around a highlight to about `context` characters on each side, cutting at a
 * sentence end when one is near, so a long passage still shows the quote with its neighbours.
 */
export function excerpt(
  parts: HighlightedText,
  context = 90,
): HighlightedText & { clippedBefore: boolean; clippedAfter: boolean } {
  let before = parts.before;
  let clippedBefore = false;
  if (before.length > context) {
    const window = before.slice(-context);
    const cut = window.search(SENTENCE_END);
    before = cut >= 0 && cut < window.length - 1 ? window.slice(cut + 1) : window;
    clippedBefore = true;
  }
  let after = parts.after;
  let clippedAfter = false;
  if (after.length > context) {
    const window = after.slice(0, context);
    let cut = -1;
    for (let i = window.length - 1; i >= 0; i--) {
      if (SENTENCE_END.test(window[i]!)) {
        cut = i;
        break;
      }
    }
    after = cut > 0 ? window.slice(0, cut + 1) : window;
    clippedAfter = true;
  }
  return { before, match: parts.match, after, clippedBefore, clippedAfter };
}
