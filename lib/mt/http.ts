import { MtError } from './types';

/** The largest answer read from a provider: a row's translation is far smaller. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** Seconds from a Retry-After header: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The provider's own words about an error, from the usual JSON shapes, shortened. */
function describeBody(text: string): string {
  let said = text;
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const e = json.error;
    said = String((typeof e === 'object' && e !== null && 'message' in e ? (e as { message: unknown }).message : e) ?? json.message ?? json.detail ?? text);
  } catch {
    // Not JSON: the text itself.
  }
  said = said.replace(/\s+/g, ' ').trim();
  return said.length > 200 ? `${said.slice(0, 200)}…` : said;
}

export interface PostOptions {
  /** The provider, as messages name it. */
  label: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * POSTs JSON to a provider and gives back its JSON answer, or throws an MtError a person can act on: a timeout,
 * 429 (with Retry-After), 456 (DeepL's quota), 401/403, other 4xx, 5xx (with Retry-After when given), a network
 * failure, an answer that is not JSON, or the caller's cancellation.
 */
export async function postJson(url: string, body: unknown, options: PostOptions): Promise<unknown> {
  const { label } = options;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal,
      cache: 'no-store',
    });
  } catch (e) {
    throw failure(e, options, url);
  }
  let text: string;
  try {
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_ANSWER_BYTES) throw new MtError('bad-answer', `${label} sent an answer of ${declared} bytes`);
    const buffer = await response.arrayBuffer();
    if (buffer.byteLength > MAX_ANSWER_BYTES) throw new MtError('bad-answer', `${label} sent an answer of ${buffer.byteLength} bytes`);
    text = new TextDecoder().decode(buffer);
  } catch (e) {
    if (e instanceof MtError) throw e;
    throw failure(e, options, url);
  }
  const status = response.status;
  if (status >= 200 && status < 300) {
    try {
      return JSON.parse(text);
    } catch {
      throw new MtError('bad-answer', `${label} answered with something that is not JSON`);
    }
  }
  const said = describeBody(text);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const wait = retryAfter !== undefined ? `; try again in ${retryAfter} s` : '; try again later';
  if (status === 429) throw new MtError('rate-limited', `${label} asks to slow down (429${said ? `: ${said}` : ''})${wait}`, retryAfter);
  if (status === 456) throw new MtError('quota', `${label}: the account's character quota is used up (456${said ? `: ${said}` : ''})`);
  if (status === 401 || status === 403) throw new MtError('refused', `${label} refused the request (${status}${said ? `: ${said}` : ''}); check MT_API_KEY`);
  if (status >= 500) throw new MtError('unavailable', `${label} failed (${status}${said ? `: ${said}` : ''})${wait}`, retryAfter);
  throw new MtError('bad-request', `${label} refused the request (${status}${said ? `: ${said}` : ''})`);
}

function failure(e: unknown, options: PostOptions, url: string): MtError {
  if (options.signal?.aborted) return new MtError('cancelled', 'the translation was cancelled');
  const name = (e as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    const limit = options.timeoutMs < 1000 ? `${options.timeoutMs} ms` : `${Math.round(options.timeoutMs / 1000)} s`;
    return new MtError('timeout', `${options.label} did not answer within ${limit}`);
  }
  const cause = (e as { cause?: { code?: string; message?: string } } | null)?.cause;
  const why = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
  return new MtError('network', `cannot reach ${options.label} at ${new URL(url).origin} (${why})`);
}
