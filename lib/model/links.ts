/** Schemes a link in published text may use; `javascript:`, `data:`, `vbscript:` and the rest never become links. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The address to put in an `href`, or null when it must not be a link. The schemas already hold source links to
 * http(s); this is checked again where a link is rendered, so a hand-edited file cannot slip another scheme in.
 */
export function safeHref(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
}
