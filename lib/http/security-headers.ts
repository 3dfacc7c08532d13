/**
 * The Content-Security-Policy of the app's pages. Scripts run only with this request's nonce (Next puts it on its
 * own scripts, including the inline ones carrying the RSC payload) and what those load ('strict-dynamic'); styles
 * may be inline because React writes `style` attributes; nothing may frame the app, post forms elsewhere or load
 * plugins. `next dev` needs eval for its error overlay, so only development allows it.
 */
export function contentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh nonce: 128 random bits, base64. */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
