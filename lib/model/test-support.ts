import { expect } from 'vitest';
import { ModelError, type ModelErrorCode } from './errors';

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
