import { createHash } from 'node:crypto';

/** `'sha256-…'` of an inline `<script>` or `<style>` text, as a Content-Security-Policy source names it. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy of a page the app writes itself with no framework script (the public reading pages): nothing runs
 * or loads but the inline style and script named by their hashes, the app's own fonts and images. No nonce is
 * needed, so the same bytes (and the same policy) answer every request and can be cached.
 */
export function plainPagePolicy({ styles, scripts }: { styles: readonly string[]; scripts: readonly string[] }): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.length ? scripts.map(cspHash).join(' ') : "'none'"}`,
    `style-src ${styles.length ? styles.map(cspHash).join(' ') : "'none'"}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
