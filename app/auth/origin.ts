const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery defence in depth (cookies are already SameSite=Lax): a mutation must
 * carry an Origin (or, from older browsers, a Referer) of this very host.
 */
export function isAllowedOrigin(method: string, headers: { origin?: string | null; referer?: string | null }, host: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const source = headers.origin && headers.origin !== "null" ? headers.origin : headers.referer;
  if (!source) return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}
