/** Languages written right to left (ISO 639 primary subtags). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** Direction of a language tag's script; content direction always comes from here, never from layout. */
export function getLangDir(lang: string): 'rtl' | 'ltr' {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  if (/-(arab|hebr|thaa|syrc)\b/i.test(lang)) return 'rtl';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}
