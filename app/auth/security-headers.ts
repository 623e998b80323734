/**
 * The Content-Security-Policy of every HTML document. Scripts only from this origin or inline with
 * the response's nonce (Remix's context and module-loading scripts carry it); styles may be inline
 * because React renders `style` attributes (bars of the charts); no framing by other sites at all.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
