/**
 * A glossary entry as another tool's file gives it, before it is checked against the glossary's rules: where it
 * is in the file (for messages), the Arabic term, the English rendering and a note.
 */
export interface GlossaryRecord {
  /** "line 12" (TBX) or "record 3" (CSV). */
  at: string;
  term: string;
  rendering: string;
  note?: string;
}

/** An entry of an imported file that was left out, and why. */
export interface SkippedRecord {
  at: string;
  reason: 'missing-language' | 'invalid' | 'duplicate';
  message: string;
}

/** What a parser found: the usable records and the entries it left out. */
export interface ParsedGlossaryFile {
  records: GlossaryRecord[];
  skipped: SkippedRecord[];
}

/** The most entries one imported file may bring: far above a newsroom's glossary, well below a stall. */
export const MAX_GLOSSARY_IMPORT_ENTRIES = 20_000;

/** Runs of white space as one space, trimmed: terms in exchange files are often wrapped and indented. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
