import { isMtError, type MtError } from '@/lib/mt';
import { errorResponse, toErrorResponse } from './responses';

/** HTTP status of each way machine translation fails: the provider's trouble is a gateway's, not the caller's. */
const STATUS: Record<MtError['code'], number> = {
  'not-configured': 503,
  'rate-limited': 503,
  unavailable: 503,
  quota: 503,
  timeout: 504,
  network: 502,
  refused: 502,
  'bad-answer': 502,
  'bad-request': 502,
  cancelled: 499,
};

/**
 * An MtError as `{error: {code: "mt-<code>", message, retryAfter?}}` with its status (and Retry-After when the
 * provider gave one); anything else as every route answers errors.
 */
export function toMtErrorResponse(e: unknown): Response {
  if (!isMtError(e)) return toErrorResponse(e);
  const response = errorResponse(STATUS[e.code], `mt-${e.code}`, e.message);
  if (e.retryAfter === undefined) return response;
  const body = { error: { code: `mt-${e.code}`, message: e.message, retryAfter: e.retryAfter } };
  return Response.json(body, { status: response.status, headers: { 'retry-after': String(e.retryAfter) } });
}
