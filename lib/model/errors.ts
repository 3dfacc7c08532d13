/** What went wrong, in terms a route handler can map to an HTTP status. */
export type ModelErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'exists'
  | 'corrupt'
  /** Too many attempts: try again after `details.retryAfter` seconds. */
  | 'rate-limited'
  /** The server is too busy for this now, or a service it needs (the database) is not answering: try again later (after `details.retryAfter` seconds, when given). */
  | 'unavailable';

/** Marks ModelErrors across copies of this module: pages and route handlers are bundled apart. */
const BRAND = Symbol.for('bilingual-editor.ModelError');

/** An error of the domain with a message a person can act on. */
export class ModelError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/**
 * True when `e` is a ModelError, optionally of the given code. Checked by brand, not `instanceof`: the store is
 * shared by the whole server process, so an error it throws may come from another bundle's copy of this class.
 */
export function isModelError(e: unknown, code?: ModelErrorCode): e is ModelError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true && (code === undefined || (e as ModelError).code === code);
}

/** Seconds to wait before trying again, carried by 'rate-limited' and 'unavailable' errors. */
export function getRetryAfter(e: ModelError): number | null {
  const value = (e.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof value === 'number' && value > 0 ? Math.ceil(value) : null;
}
