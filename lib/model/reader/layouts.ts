/** The reading page's layouts: both languages side by side or interleaved, or one language alone. */
export const READER_LAYOUTS = ['side', 'interleaved', 'source', 'target'] as const;
export type ReaderLayout = (typeof READER_LAYOUTS)[number];

/**
 * The layout a `?layout=` value asks for. One-language layouts are named by their language tag (`ar`, `en`),
 * as readers share them; `source` and `target` are accepted too. Anything else is the default, side by side.
 */
export function parseReaderLayout(value: unknown, langs: { sourceLang: string; targetLang: string }): ReaderLayout {
  if (typeof value !== 'string') return 'side';
  const v = value.toLowerCase();
  if (v === langs.sourceLang.toLowerCase()) return 'source';
  if (v === langs.targetLang.toLowerCase()) return 'target';
  return (READER_LAYOUTS as readonly string[]).includes(v) ? (v as ReaderLayout) : 'side';
}

/** The `?layout=` value of a layout, the inverse of parseReaderLayout. */
export function getLayoutParam(layout: ReaderLayout, langs: { sourceLang: string; targetLang: string }): string {
  if (layout === 'source') return langs.sourceLang;
  if (layout === 'target') return langs.targetLang;
  return layout;
}
