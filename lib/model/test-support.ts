import { expect } from 'vitest';
import { ModelError, type ModelErrorCode } from './errors';
import { DOCUMENT_SCHEMA_VERSION, type BilingualDocument, type Row } from './schema';

/** Shared by the model's tests (not shipped): assertions and fixtures several test files need alike. */

/** Runs `fn`, expects it to throw a ModelError with `code`, and returns the error. */
export function expectModelError(fn: () => unknown, code: ModelErrorCode): ModelError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ModelError);
  expect((caught as ModelError).code).toBe(code);
  return caught as ModelError;
}

/** Deterministic 10-character ids: prefix + a base-36 counter. */
export function counterIds(prefix = 'r'): () => string {
  let n = 0;
  return () => `${prefix}${(n++).toString(36).padStart(10 - prefix.length, '0')}`;
}

/** An Arabic→English document holding `rows`, with the fixed metadata tests do not care about. */
export function documentOf(rows: Row[], meta: { slug: string; title: string; at: string }): BilingualDocument {
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    slug: meta.slug,
    title: meta.title,
    sourceLang: 'ar',
    targetLang: 'en',
    createdAt: meta.at,
    updatedAt: meta.at,
    rows,
  };
}
