/** Writing XML text: escaping for content and attributes. */

/** Characters XML 1.0 cannot hold at all, even escaped (control characters other than tab, LF, CR; lone surrogates). */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text escaped for element content; characters XML cannot carry are dropped. */
export function escapeText(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text escaped for a double-quoted attribute value (newlines and tabs kept as character references). */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** ` a="1" b="2"`, skipping undefined values, in the order given. */
export function formatAttrs(attrs: Record<string, string | undefined> | [string, string | undefined][]): string {
  const entries = Array.isArray(attrs) ? attrs : Object.entries(attrs);
  return entries
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
}
