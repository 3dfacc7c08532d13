/**
 * Limits shared by the server, which refuses what passes them, and the browser, which refuses it before sending.
 * One plain object of named limits, so both sides read the same number.
 */
export const BODY_LIMITS = {
  /** A row save, a split or merge, a note or reply, a glossary term, signing in (bytes). */
  row: 1024 * 1024,
  /** A text, XLIFF or TMX file sent whole: importing a document, an XLIFF file into one, a TMX file (bytes). */
  import: 5 * 1024 * 1024,
  /** Confirming an XLIFF import: JSON escaping makes it larger than its file, which is still held to `import` (bytes). */
  importConfirmation: 10 * 1024 * 1024,
  /** Publishing: the source credit and address (bytes). */
  publish: 16 * 1024,
} as const;
