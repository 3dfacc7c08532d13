import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ModelError } from '../errors';
import type { GlossaryEntry } from '../glossary';
import { MAX_GLOSSARY_IMPORT_ENTRIES, squeeze, type GlossaryRecord, type ParsedGlossaryFile, type SkippedRecord } from './records';

/**
 * The glossary as CSV (RFC 4180, via csv-parse and csv-stringify): a header `term,rendering,note`, one entry a
 * record. Import also reads the headers other tools write (`source`/`target`, `Arabic`/`English`, language codes
 * such as `ar-SA` or `Term [en]`, `notes`/`comment`/`definition`), a semicolon- or tab-separated file, and a file
 * without a header whose first column is Arabic.
 */

/** A cell spreadsheet programs would run as a formula gets a leading apostrophe (and loses it on import). */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(text: string | undefined): string {
  if (!text) return '';
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function uncell(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** The glossary as CSV, with a byte order mark so spreadsheet programs read the Arabic as UTF-8. */
export function exportCsv(entries: readonly GlossaryEntry[]): string {
  return (
    '\uFEFF' +
    stringify(
      entries.map((e) => [cell(e.term), cell(e.rendering), cell(e.note)]),
      { header: true, columns: ['term', 'rendering', 'note'], record_delimiter: 'windows' },
    )
  );
}

type Column = 'term' | 'rendering' | 'note';

const HEADER_NAMES: Record<Column, RegExp> = {
  term: /^(term|source|source term|arabic|ar(?:[-_][a-z0-9]+)*|.*[[(]ar(?:[-_][a-z0-9]+)*[\])])$/i,
  rendering: /^(rendering|target|target term|translation|english|en(?:[-_][a-z0-9]+)*|.*[[(]en(?:[-_][a-z0-9]+)*[\])])$/i,
  note: /^(note|notes|comment|comments|description|definition)$/i,
};

/** Which column holds what, from a header record; null when the record is not a header. */
function readHeader(record: string[]): Record<Column, number> | null {
  const found: Partial<Record<Column, number>> = {};
  record.forEach((name, i) => {
    const clean = squeeze(name);
    for (const col of ['term', 'rendering', 'note'] as const) if (found[col] === undefined && HEADER_NAMES[col].test(clean)) found[col] = i;
  });
  if (found.term === undefined || found.rendering === undefined) return null;
  return { term: found.term, rendering: found.rendering, note: found.note ?? -1 };
}

const ARABIC = /[\u0600-\u06FF]/;

/** The separator of the file: a tab or a semicolon when the first line has one and no comma, else a comma. */
function detectDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  if (first.includes('\t')) return '\t';
  if (first.includes(';') && !first.includes(',')) return ';';
  return ',';
}

/**
 * Reads a CSV file's entries. CSV that does not parse (an unclosed quote, a record with another number of
 * fields), a file without a term and a rendering column, an empty file or more than MAX_GLOSSARY_IMPORT_ENTRIES
 * records is refused with a message naming the line; records with an empty term or rendering are left out and
 * reported.
 */
export function parseCsv(text: string): ParsedGlossaryFile {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')), skip_empty_lines: true, relax_column_count: false });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new ModelError('invalid', `CSV: ${message}`);
  }
  if (!rows.length) throw new ModelError('invalid', 'CSV: the file is empty; give a header "term,rendering,note" and one entry a line');
  const header = readHeader(rows[0]!);
  let columns: Record<Column, number>;
  let start = 1;
  if (header) columns = header;
  else if (rows[0]!.length >= 2 && ARABIC.test(rows[0]![0]!)) {
    columns = { term: 0, rendering: 1, note: rows[0]!.length >= 3 ? 2 : -1 };
    start = 0;
  } else {
    throw new ModelError(
      'invalid',
      `CSV: the first line (${JSON.stringify(rows[0]!.join(', ').slice(0, 80))}) names no term and rendering columns; start the file with "term,rendering,note"`,
    );
  }
  if (rows.length - start > MAX_GLOSSARY_IMPORT_ENTRIES) {
    throw new ModelError('too-large', `CSV: the file holds ${rows.length - start} entries; at most ${MAX_GLOSSARY_IMPORT_ENTRIES} can be imported at once`);
  }
  const records: GlossaryRecord[] = [];
  const skipped: SkippedRecord[] = [];
  for (let i = start; i < rows.length; i++) {
    const row = rows[i]!;
    const at = `record ${i + 1}`;
    const term = squeeze(uncell(row[columns.term] ?? ''));
    const rendering = squeeze(uncell(row[columns.rendering] ?? ''));
    const note = columns.note >= 0 ? uncell(row[columns.note] ?? '').trim() : '';
    if (!term || !rendering) {
      skipped.push({ at, reason: 'missing-language', message: `${at} has no ${!term ? 'term' : 'rendering'}` });
      continue;
    }
    records.push({ at, term, rendering, ...(note && { note }) });
  }
  return { records, skipped };
}
