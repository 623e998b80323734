/**
 * How many blanks a fill-in stem has (____, or （ ） typed by an editor). A stem with several asks one answer per
 * blank, the items in any order (网络安全信息____、____、____和____); one blank takes any of its accepted answers.
 * No imports: the page counts the blanks it draws inputs for, the server the blanks it grades.
 */
export const BLANK_RE = /_{3,}|（\s*）|\(\s*\)/g;

export function blankCount(stem: string): number {
  return stem.match(BLANK_RE)?.length ?? 0;
}
