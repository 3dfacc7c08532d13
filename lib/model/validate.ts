import { ModelError, type ModelErrorCode } from './errors';
import { documentSchema, rowSchema, slugSchema, type BilingualDocument } from './schema';
import type { Steps } from './steps';
import { z } from './zod';

/** "rows[3].target.content[0]" from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(top level)';
}

/** One line per problem, each naming the field, so a person can find it in the file. */
export function formatIssues(error: z.ZodError, maxIssues = 5): string {
  const lines = error.issues.slice(0, maxIssues).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  if (error.issues.length > maxIssues) lines.push(`… and ${error.issues.length - maxIssues} more`);
  return lines.join('; ');
}

/**
 * Parses `input` with `schema`, throwing a ModelError that names `source` (a file or "request body") and the
 * offending fields.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  source: string,
  code: ModelErrorCode = 'invalid',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ModelError(code, `${source}: ${formatIssues(result.error)}`, result.error.issues);
  return result.data;
}

/**
 * Documents that parseDocumentSteps validated, shared by every bundle's copy of this module (the store may be
 * another bundle's): validating one again, in one long step, would undo the point of the steps.
 */
const VALIDATED: WeakSet<object> = ((globalThis as Record<symbol, WeakSet<object> | undefined>)[Symbol.for('bilingual-editor.validated-documents')] ??= new WeakSet());

/**
 * Validates a document read from `source`; also checks what the schema alone cannot (unique row ids). Problems
 * are 'corrupt' (a broken file) unless `code` says otherwise, e.g. 'invalid' for a document about to be written.
 * A document that came out of parseDocumentSteps is returned as it is.
 */
export function parseDocument(input: unknown, source: string, code: ModelErrorCode = 'corrupt'): BilingualDocument {
  if (typeof input === 'object' && input !== null && VALIDATED.has(input)) return input as BilingualDocument;
  const doc = parseWith(documentSchema, input, source, code);
  const seen = new Set<string>();
  doc.rows.forEach((row, i) => {
    if (seen.has(row.id)) throw new ModelError(code, `${source}: rows[${i}].id: duplicate row id "${row.id}"`);
    seen.add(row.id);
  });
  return doc;
}

/** Rows validated between two steps of parseDocumentSteps. */
const STEP_ROWS = 250;
const rowsSchema = z.array(rowSchema);
const headSchema = documentSchema.omit({ rows: true });

/**
 * parseDocument in steps of STEP_ROWS rows (lib/model/steps.ts), with the same result. Any problem is reported
 * by parseDocument itself, so its message is the same too. The result is remembered as valid: parseDocument of
 * it (the store's, as it writes) returns at once.
 */
export function* parseDocumentSteps(input: unknown, source: string, code: ModelErrorCode = 'corrupt'): Steps<BilingualDocument> {
  const { rows, ...rest } = (input ?? {}) as { rows?: unknown };
  if (!Array.isArray(rows) || rows.length === 0) return parseDocument(input, source, code);
  const head = headSchema.safeParse(rest);
  if (!head.success) return parseDocument(input, source, code);
  const valid: BilingualDocument['rows'] = [];
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i += STEP_ROWS) {
    const part = rowsSchema.safeParse(rows.slice(i, i + STEP_ROWS));
    if (!part.success) return parseDocument(input, source, code);
    for (const row of part.data) {
      if (seen.has(row.id)) return parseDocument(input, source, code);
      seen.add(row.id);
      valid.push(row);
    }
    yield;
  }
  const doc: BilingualDocument = { ...head.data, rows: valid };
  VALIDATED.add(doc);
  return doc;
}

/** `doc` under another slug, still known to be valid when `doc` was (the slug is checked here). */
export function withSlug(doc: BilingualDocument, slug: string): BilingualDocument {
  const next = { ...doc, slug: parseWith(slugSchema, slug, 'slug') };
  if (VALIDATED.has(doc)) VALIDATED.add(next);
  return next;
}
