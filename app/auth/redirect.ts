/**
 * Only same-site paths may be redirected to after login: "//evil.example" and "/\evil" are
 * protocol-relative URLs to browsers, so they are refused too.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  if (/[\u0000-\u001f]/.test(to)) return fallback;
  // A Location header holds ASCII only: /documents?q=学习 goes out percent-encoded.
  const url = new URL(to, "http://xueer.invalid");
  if (url.origin !== "http://xueer.invalid") return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
