const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery defence in depth (cookies are already SameSite=Lax): a mutation must
 * carry an Origin (or, from older browsers that send none, a Referer) of this very origin — scheme,
 * host and port, so a page on http:// cannot post to the https:// site. `Origin: null` (sandboxed
 * frames, some redirects) is refused outright, whatever the Referer says: Remix's own check would
 * otherwise fail on it with a 500.
 */
export function isAllowedOrigin(
  method: string,
  headers: { origin?: string | null; referer?: string | null },
  expectedOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (headers.origin === "null") return false;
  const source = headers.origin || headers.referer;
  if (!source) return false;
  try {
    return new URL(source).origin === new URL(expectedOrigin).origin;
  } catch {
    return false;
  }
}
