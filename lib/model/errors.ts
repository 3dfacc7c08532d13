/** What went wrong, in terms a route handler can map to an HTTP status. */
export type ModelErrorCode =
  | 'invalid'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'exists'
  | 'corrupt';

/** An error of the domain with a message a person can act on. */
export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/** True when `e` is a ModelError, optionally of the given code. */
export function isModelError(e: unknown, code?: ModelErrorCode): e is ModelError {
  return e instanceof ModelError && (code === undefined || e.code === code);
}
