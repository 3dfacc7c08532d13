import type { z } from 'zod';
import { ModelError, type ModelErrorCode } from './errors';
import { documentSchema, type BilingualDocument } from './schema';

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
 * Validates a document read from `source`; also checks what the schema alone cannot (unique row ids). Problems
 * are 'corrupt' (a broken file) unless `code` says otherwise, e.g. 'invalid' for a document about to be written.
 */
export function parseDocument(input: unknown, source: string, code: ModelErrorCode = 'corrupt'): BilingualDocument {
  const doc = parseWith(documentSchema, input, source, code);
  const seen = new Set<string>();
  doc.rows.forEach((row, i) => {
    if (seen.has(row.id)) throw new ModelError(code, `${source}: rows[${i}].id: duplicate row id "${row.id}"`);
    seen.add(row.id);
  });
  return doc;
}
