import { getRetryAfter, isModelError, ModelError, type ModelErrorCode } from '@/lib/model';

/** HTTP status of each domain error. */
const STATUS_OF: Record<ModelErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  exists: 409,
  'too-large': 413,
  corrupt: 422,
  'rate-limited': 429,
  unavailable: 503,
};

/** The one error shape every route answers with: `{error: {code, message}}`, plus optional extra fields. */
export function errorResponse(status: number, code: string, message: string, extra?: Record<string, unknown>): Response {
  return Response.json({ error: { code, message }, ...extra }, { status });
}

/**
 * Maps an error thrown by the model or the store to a response. A conflict carries the current row so the
 * client can show both versions. Anything unexpected is logged and answered with 500 without its details.
 */
export function toErrorResponse(e: unknown): Response {
  if (isModelError(e)) {
    const extra = e.code === 'conflict' && e.details ? { current: e.details } : undefined;
    const response = errorResponse(STATUS_OF[e.code], e.code, e.message, extra);
    const retryAfter = getRetryAfter(e);
    if (retryAfter) response.headers.set('retry-after', String(retryAfter));
    return response;
  }
  console.error(e);
  return errorResponse(500, 'internal', 'Something went wrong on the server; the change was not saved.');
}

/**
 * API answers are data, never a page: should a browser be sent to one, nothing in it may run or load. A route
 * that serves a document of its own (the static HTML export) sets its own policy.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function withPolicy(response: Response): Response {
  if (!response.headers.has('content-security-policy')) response.headers.set('content-security-policy', API_CSP);
  return response;
}

/** Wraps a route handler so thrown errors become JSON error responses, every answer with the API's policy. */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return withPolicy(await handler(...args));
    } catch (e) {
      return withPolicy(toErrorResponse(e));
    }
  };
}

export { ModelError };
